/*
 * Purpose on a real SQLite file holding the demo council: objectives at the
 * service, team and individual levels are created, edited and withdrawn with
 * one audit entry each; a month's purpose holds what was in force that month
 * with its owner, period and the target in force; who may see, set and own
 * each level; ground rules keep every version; and the demo reset puts back
 * the demo's own purpose and nothing else.
 */
import { asc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groundRules, objectives, primedMetrics, users } from "../../db/schema";
import { loadDemoCouncil } from "~/demo/load.server";
import { setTarget, WHOLE_SERVICE, WHOLE_TEAM } from "~/interpretation/series-settings.server";
import { loadSignedInUser, type SignedInUser } from "~/people/users.server";
import { currentGroundRules, groundRulesAt, groundRulesHistory, saveGroundRules } from "~/purpose/ground-rules.server";
import type { ObjectiveFields } from "~/purpose/objective-forms";
import {
  createObjective,
  listObjectives,
  mayManageObjective,
  mayViewObjective,
  ownerChoices,
  ownObjectives,
  retireObjective,
  teamObjectivesNow,
  teamPurpose,
  updateObjective,
} from "~/purpose/objectives.server";
import { findTeamBySlug, listTeamWorkers, type Team } from "~/teams/teams.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
const MONTH = "2026-11";
let database: ReturnType<typeof tempDatabase>;
let north: Team;
let south: Team;
let manager: SignedInUser;
let practitioner: SignedInUser;
let head: SignedInUser;
let admin: SignedInUser;
let colleague: number;

let minute = 0;
const nextMoment = () => new Date(Date.UTC(2026, 10, 22, 9, 0, 0) + 60_000 * minute++);
const userByEmail = (email: string) => loadSignedInUser(database.db, database.db.select().from(users).where(eq(users.email, email)).get()!.id)!;
const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();
const json = (text: string | null) => (text === null ? null : JSON.parse(text));
const stored = (id: number) => database.db.select().from(objectives).where(eq(objectives.id, id)).get()!;

const fields = (overrides: Partial<ObjectiveFields> = {}): ObjectiveFields => ({
  statement: "Every carer offered an assessment within four weeks",
  owner: manager.id,
  worker: undefined,
  measure: undefined,
  periodFrom: "2026-11",
  periodTo: "2027-03",
  ...overrides,
});

function created(teamId: number | null, overrides: Partial<ObjectiveFields> = {}, author: SignedInUser = manager): number {
  const result = createObjective(database.db, author, teamId, fields(overrides), nextMoment());
  if (!result.ok) throw new Error(`Not created: ${JSON.stringify(result.errors)}`);
  return result.value;
}

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  north = findTeamBySlug(database.db, "north-locality")!;
  south = findTeamBySlug(database.db, "south-locality")!;
  manager = userByEmail("manager@northbrook.example");
  practitioner = userByEmail("practitioner@northbrook.example");
  head = userByEmail("head@northbrook.example");
  admin = userByEmail("admin@northbrook.example");
  colleague = listTeamWorkers(database.db, north.id).find((w) => w.active && w.id !== practitioner.workerId)!.id;
});
afterAll(() => database?.remove());

describe("the demo council's purpose", () => {
  it("opens North Locality's November with the service's, the team's and the practitioner's objectives, and version 2 of its ground rules", () => {
    const purpose = teamPurpose(database.db, north.id, MONTH, TODAY);
    expect(purpose.service.map((o) => o.ownerName)).toEqual([head.name, head.name, head.name]);
    expect(purpose.service.every((o) => o.period === "April 2026 to March 2027")).toBe(true);
    expect(purpose.team.map((o) => o.statement)).toEqual([
      "Bring the overdue reviews back down to where they were last year, oldest and riskiest first.",
      "Allocate new work within a week of it arriving, so nobody waits unseen.",
    ]);
    expect(purpose.team.every((o) => o.ownerName === manager.name && o.level === "team")).toBe(true);
    expect(purpose.individual.map((o) => [o.workerName, o.ownerName])).toEqual([
      [practitioner.name, practitioner.name],
      [practitioner.name, practitioner.name],
    ]);
    expect(purpose.groundRules).toMatchObject({ version: 2, writtenBy: manager.name, writtenAt: "2026-09-01T10:00:00.000Z" });
    expect(purpose.groundRules!.rules).toHaveLength(7);
  });

  it("gives each measure its chart and, for a Primed Metric, the trajectory's value for the month", () => {
    const purpose = teamPurpose(database.db, north.id, MONTH, TODAY);
    const metric = database.db.select().from(primedMetrics).where(eq(primedMetrics.name, "People in residential and nursing care")).get()!;
    expect(purpose.service[0]!.measure).toEqual({
      label: "People in residential and nursing care (Primed Metric)",
      href: `/metrics/${metric.id}`,
      target: expect.stringMatching(/^\d+ people in residential and nursing care \(the trajectory for November 2026\)$/),
    });
    // No demo target is set for a series: the chart is where one is set.
    expect(purpose.team[0]!.measure).toEqual({ label: "Overdue", href: "/teams/north-locality/signals?series=overdue&asOf=2026-11-22", target: null });
    expect(purpose.individual.find((o) => o.series === "overdue")!.measure!.href).toBe(
      `/teams/north-locality/signals?series=overdue&worker=${practitioner.workerId}&asOf=2026-11-22`,
    );
    // A finished month's chart is read as of the day after it.
    expect(teamPurpose(database.db, north.id, "2026-10", TODAY).team[0]!.measure!.href).toBe("/teams/north-locality/signals?series=overdue&asOf=2026-11-01");
  });

  it("holds last year's objective and the first ground rules for a month of last year", () => {
    const purpose = teamPurpose(database.db, north.id, "2025-11", TODAY);
    expect(purpose.service).toEqual([]);
    expect(purpose.team.map((o) => o.statement)).toEqual(["Clear the backlog of unallocated carers' assessments before the winter."]);
    expect(purpose.groundRules).toMatchObject({ version: 1, writtenBy: head.name });
    expect(teamPurpose(database.db, north.id, "2025-10", TODAY).groundRules).toBeNull();
  });

  it("shows the practitioner their own objectives and their team's on My work", () => {
    const own = ownObjectives(database.db, practitioner.workerId!, MONTH, TODAY);
    expect(own.individual).toHaveLength(2);
    expect(own.individual.every((o) => o.workerId === practitioner.workerId)).toBe(true);
    expect(own.team.map((o) => o.level)).toEqual(["team", "team"]);
    // The first of the two is theirs for November and December only.
    expect(ownObjectives(database.db, practitioner.workerId!, "2027-01", TODAY).individual).toHaveLength(1);
  });
});

describe("targets in force", () => {
  it("come from the objective's own level, or from a level above with its name", () => {
    setTarget(database.db, head, { series: "onTimeRate", teamId: WHOLE_SERVICE, workerId: WHOLE_TEAM, startMonth: "2026-04", value: 85 });
    const service = teamPurpose(database.db, south.id, MONTH, TODAY).service.find((o) => o.series === "onTimeRate")!;
    expect(service.measure!.target).toBe("85%");
    const southOnTime = () => teamPurpose(database.db, south.id, MONTH, TODAY).team.find((o) => o.series === "onTimeRate")!;
    expect(southOnTime().measure!.target).toBe("85% (the service's target)");
    setTarget(database.db, head, { series: "onTimeRate", teamId: south.id, workerId: WHOLE_TEAM, startMonth: "2026-11", value: 90 });
    expect(southOnTime().measure!.target).toBe("90%");
    // Not yet in force in October.
    expect(teamPurpose(database.db, south.id, "2026-10", TODAY).team.find((o) => o.series === "onTimeRate")!.measure!.target).toBe("85% (the service's target)");
  });

  it("give a worker's count of overdue work only a target set for them", () => {
    setTarget(database.db, manager, { series: "overdue", teamId: north.id, workerId: WHOLE_TEAM, startMonth: "2026-04", value: 20 });
    const purpose = () => teamPurpose(database.db, north.id, MONTH, TODAY);
    expect(purpose().team.find((o) => o.series === "overdue")!.measure!.target).toBe("20");
    expect(purpose().individual.find((o) => o.series === "overdue")!.measure!.target).toBeNull();
    setTarget(database.db, manager, { series: "overdue", teamId: north.id, workerId: practitioner.workerId!, startMonth: "2026-11", value: 2 });
    expect(purpose().individual.find((o) => o.series === "overdue")!.measure!.target).toBe("2");
  });
});

describe("creating, editing and withdrawing objectives", () => {
  it("creates a team objective with its measure, audited", () => {
    const since = lastAuditId();
    const id = created(north.id, { measure: "series:outcomeShare:No further action" });
    expect(stored(id)).toMatchObject({
      teamId: north.id,
      workerId: null,
      series: "outcomeShare:No further action",
      primedMetricId: null,
      ownerUserId: manager.id,
      createdByUserId: manager.id,
    });
    const entries = auditSince(since);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "create", entity: "objective", entityId: String(id), actor: manager.email });
    expect(json(entries[0]!.after)).toMatchObject({ statement: "Every carer offered an assessment within four weeks", series: "outcomeShare:No further action" });
    const now = teamObjectivesNow(database.db, north, MONTH, TODAY).find((o) => o.id === id)!;
    expect(now.measure).toMatchObject({ label: "No further action (share of assessments)", target: null });
  });

  it("creates one person's objective with the worker's team, and a service objective", () => {
    const own = created(north.id, { worker: colleague, measure: "series:completed" });
    expect(stored(own)).toMatchObject({ teamId: north.id, workerId: colleague });
    const metric = database.db.select().from(primedMetrics).orderBy(asc(primedMetrics.id)).get()!;
    const service = created(null, { owner: head.id, measure: `metric:${metric.id}` }, head);
    expect(stored(service)).toMatchObject({ teamId: null, workerId: null, primedMetricId: metric.id, series: null });
  });

  it("refuses an owner who cannot see the objective, a worker of another team, and measures Primed does not have", () => {
    const since = lastAuditId();
    const southWorker = listTeamWorkers(database.db, south.id)[0]!.id;
    expect(createObjective(database.db, manager, north.id, fields({ owner: admin.id, measure: "series:nonsense" }))).toEqual({
      ok: false,
      errors: { owner: "Choose the owner from the list: someone in the team, its manager or a head of service", measure: "Choose a measure from the list" },
    });
    expect(createObjective(database.db, manager, north.id, fields({ worker: southWorker }))).toEqual({
      ok: false,
      errors: { worker: "Choose the worker from the list: someone in the team" },
    });
    // The practitioner cannot see a colleague's objectives, so cannot own one.
    expect(createObjective(database.db, manager, north.id, fields({ worker: colleague, owner: practitioner.id })).ok).toBe(false);
    expect(createObjective(database.db, manager, south.id, fields({ owner: practitioner.id })).ok).toBe(false);
    expect(createObjective(database.db, manager, north.id, fields({ measure: "metric:99999" }))).toEqual({ ok: false, errors: { measure: "Choose a measure from the list" } });
    expect(createObjective(database.db, head, null, fields({ owner: head.id, worker: colleague }))).toEqual({
      ok: false,
      errors: { worker: "A service objective is the whole service's, not one person's" },
    });
    expect(auditSince(since)).toEqual([]);
  });

  it("edits the statement, owner, measure and period, audited with before and after", () => {
    const id = created(north.id);
    const since = lastAuditId();
    const result = updateObjective(
      database.db,
      manager,
      id,
      fields({ statement: "Every carer assessed within four weeks", owner: practitioner.id, measure: "series:onTimeRate", periodTo: "2027-06" }),
      nextMoment(),
    );
    expect(result).toEqual({ ok: true, value: id });
    expect(stored(id)).toMatchObject({ statement: "Every carer assessed within four weeks", ownerUserId: practitioner.id, series: "onTimeRate", periodTo: "2027-06" });
    const entries = auditSince(since);
    expect(entries.map((e) => [e.action, e.entity, e.entityId])).toEqual([["update", "objective", String(id)]]);
    expect(json(entries[0]!.before)).toMatchObject({ statement: "Every carer offered an assessment within four weeks", ownerUserId: manager.id, series: null });
    expect(json(entries[0]!.after)).toMatchObject({ statement: "Every carer assessed within four weeks", ownerUserId: practitioner.id, series: "onTimeRate" });
  });

  it("withdraws an objective: in the month's record with the day, gone from now on, and kept as it was", () => {
    const id = created(north.id, { statement: "Withdrawn in November", periodFrom: "2026-10" });
    const since = lastAuditId();
    expect(retireObjective(database.db, manager, id, new Date("2026-11-22T12:00:00Z"))).toEqual({ ok: true, value: id });
    expect(auditSince(since).map((e) => [e.action, e.entity, e.entityId])).toEqual([["retire", "objective", String(id)]]);
    expect(stored(id).retiredAt).toBe("2026-11-22T12:00:00.000Z");
    // Part of November's and October's cycles; not December's; not the team page's now.
    expect(teamPurpose(database.db, north.id, MONTH, TODAY).team.find((o) => o.id === id)?.retiredOn).toBe("2026-11-22");
    expect(teamPurpose(database.db, north.id, "2026-10", TODAY).team.some((o) => o.id === id)).toBe(true);
    expect(teamPurpose(database.db, north.id, "2026-12", TODAY).team.some((o) => o.id === id)).toBe(false);
    expect(teamObjectivesNow(database.db, north, MONTH, TODAY).some((o) => o.id === id)).toBe(false);
    expect(listObjectives(database.db, north.id, TODAY).find((o) => o.id === id)?.retiredOn).toBe("2026-11-22");
    expect(retireObjective(database.db, manager, id)).toEqual({ ok: false, errors: { form: "This objective has already been withdrawn" } });
    expect(updateObjective(database.db, manager, id, fields()).ok).toBe(false);
  });
});

describe("who may see, set and own each level", () => {
  const service = { teamId: null, workerId: null };
  const team = () => ({ teamId: north.id, workerId: null });
  const own = () => ({ teamId: north.id, workerId: practitioner.workerId! });
  const colleagues = () => ({ teamId: north.id, workerId: colleague });
  const otherTeam = () => ({ teamId: south.id, workerId: null });

  it("lets everyone read the service's, and each role its own teams' and people's", () => {
    const seen = (user: SignedInUser) => [service, team(), own(), colleagues(), otherTeam()].map((level) => mayViewObjective(user, level));
    expect(seen(practitioner)).toEqual([true, true, true, false, false]);
    expect(seen(manager)).toEqual([true, true, true, true, false]);
    expect(seen(head)).toEqual([true, true, true, true, true]);
    expect(seen(admin)).toEqual([true, false, false, false, false]);
  });

  it("lets only a head of service set the service's, and a manager their team's", () => {
    const sets = (user: SignedInUser) => [service, team(), own(), colleagues(), otherTeam()].map((level) => mayManageObjective(user, level));
    expect(sets(practitioner)).toEqual([false, false, false, false, false]);
    expect(sets(manager)).toEqual([false, true, true, true, false]);
    expect(sets(head)).toEqual([true, true, true, true, true]);
    expect(sets(admin)).toEqual([false, false, false, false, false]);
  });

  it("offers as owners the people who can see the objective, never an administrator", () => {
    const owners = (level: { teamId: number | null; workerId: number | null }) => ownerChoices(database.db, level).map((o) => o.id);
    expect(owners(service)).toEqual(expect.arrayContaining([head.id, manager.id, practitioner.id]));
    expect(owners(service)).not.toContain(admin.id);
    expect(owners(own())).toEqual(expect.arrayContaining([head.id, manager.id, practitioner.id]));
    expect(owners(colleagues())).not.toContain(practitioner.id);
    expect(owners(otherTeam())).toContain(head.id);
    expect(owners(otherTeam())).not.toContain(manager.id);
    expect(owners(otherTeam())).not.toContain(practitioner.id);
  });
});

describe("ground rules", () => {
  it("saves a new version with its audit entry, keeping the earlier ones", () => {
    const since = lastAuditId();
    const before = currentGroundRules(database.db, north.id)!;
    const result = saveGroundRules(database.db, manager, north.id, ["  Cameras on when we meet online. ", "", ...before.rules], new Date("2026-11-22T15:00:00Z"));
    expect(result).toEqual({ ok: true, version: 3 });
    expect(groundRulesHistory(database.db, north.id).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(currentGroundRules(database.db, north.id)).toMatchObject({ version: 3, writtenBy: manager.name, rules: ["Cameras on when we meet online.", ...before.rules] });
    const entries = auditSince(since);
    expect(entries.map((e) => [e.action, e.entity, e.entityId])).toEqual([["create", "ground_rules", `${north.id}:3`]]);
    expect(json(entries[0]!.before)).toEqual({ version: 2, rules: before.rules });
    // October's meeting worked to version 2.
    expect(groundRulesAt(database.db, north.id, "2026-10")!.version).toBe(2);
  });

  it("refuses the rules in force again, an empty list, and a long one, changing nothing", () => {
    const since = lastAuditId();
    const current = currentGroundRules(database.db, north.id)!;
    expect(saveGroundRules(database.db, manager, north.id, [...current.rules, "  "])).toEqual({
      ok: false,
      error: "These are the ground rules already in force (version 3): change them before saving",
    });
    expect(saveGroundRules(database.db, manager, north.id, ["", "   "])).toEqual({ ok: false, error: "Enter at least one ground rule, one per line" });
    expect(
      saveGroundRules(
        database.db,
        manager,
        north.id,
        Array.from({ length: 13 }, (_, i) => `Rule ${i + 1}`),
      ).ok,
    ).toBe(false);
    expect(saveGroundRules(database.db, manager, north.id, ["x".repeat(201)]).ok).toBe(false);
    expect(auditSince(since)).toEqual([]);
    expect(currentGroundRules(database.db, north.id)!.version).toBe(3);
  });
});

describe("the demo reset", () => {
  it("puts back the demo's own purpose and nothing made since, without a foreign key failure", async () => {
    created(north.id, { statement: "Made before the reset" });
    await loadDemoCouncil(database.db, 2026, TODAY);
    const statements = database.db
      .select()
      .from(objectives)
      .all()
      .map((o) => o.statement);
    // The twelve of app/demo/purpose.ts; every team's ground rules, North Locality's in two versions.
    expect(statements).toHaveLength(12);
    expect(statements).not.toContain("Made before the reset");
    expect(groundRulesHistory(database.db, findTeamBySlug(database.db, "north-locality")!.id).map((v) => v.version)).toEqual([2, 1]);
    expect(database.db.select().from(groundRules).all().length).toBe(11);
  });
});
