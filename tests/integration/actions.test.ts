/*
 * The action log on a real SQLite file holding the demo council: actions are
 * created only with a deadline to come and an owner who can see them, every
 * change is one audit entry with before and after, overdue actions are
 * escalated automatically (once) by the system, the lists and the head of
 * service's tracker count what a person would count by hand, and the rights
 * follow the owner and the team.
 */
import { asc, eq, gt } from "drizzle-orm";
import type { SignedInUser } from "~/people/users.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionFollowUps, actions, auditLog, objectives, primedMetrics, teams, userTeams, users, workers } from "../../db/schema";
import { actionChoices, ownerChoices } from "~/actions/choices.server";
import { createAction, editAction, escalateAction, recordProgress } from "~/actions/commands.server";
import { escalateOverdueActions, escalationDays, setEscalationDays } from "~/actions/escalation.server";
import { actionHistory } from "~/actions/history.server";
import { actionById, listActions } from "~/actions/queries.server";
import { actionRights } from "~/actions/rights";
import type { ActionFields, ActionShow } from "~/actions/action-forms";
import { actionTracker, UnknownTeamError } from "~/actions/tracker.server";
import { loadDemoCouncil } from "~/demo/load.server";
import { loadSignedInUser } from "~/people/users.server";
import { findTeamBySlug, type Team } from "~/teams/teams.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
let database: ReturnType<typeof tempDatabase>;
let north: Team;
let south: Team;
let manager: SignedInUser;
let practitioner: SignedInUser;
let head: SignedInUser;
let admin: SignedInUser;
/** A practitioner of South Locality, and South Locality's manager: made for these tests. */
let southPractitioner: SignedInUser;
let southManager: SignedInUser;
let metricId: number;
let northObjective: number;
let southObjective: number;

/** Moments a minute apart, so the history's order is the order things were done. */
let minute = 0;
const nextMoment = () => new Date(Date.UTC(2026, 10, 22, 9, 0, 0) + 60_000 * minute++);

const signedIn = (id: number) => loadSignedInUser(database.db, id)! as SignedInUser;
const userByEmail = (email: string) => signedIn(database.db.select().from(users).where(eq(users.email, email)).get()!.id);

function addUser(email: string, name: string, role: "practitioner" | "team_manager", team: Team): SignedInUser {
  const worker = database.db.insert(workers).values({ teamId: team.id, name, role, active: true }).returning().get();
  const user = database.db
    .insert(users)
    .values({ email, name, role, workerId: worker.id, passwordHash: "not-for-signing-in", createdAt: new Date().toISOString() })
    .returning()
    .get();
  if (role === "team_manager") database.db.insert(userTeams).values({ userId: user.id, teamId: team.id }).run();
  return signedIn(user.id);
}

const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();
const json = (text: string | null) => (text === null ? null : JSON.parse(text));
const row = (id: number) => database.db.select().from(actions).where(eq(actions.id, id)).get()!;

const fields = (overrides: Partial<ActionFields> = {}): ActionFields => ({
  title: "Share out the overdue reviews",
  detail: "",
  owner: practitioner.id,
  deadline: "2026-12-18",
  objective: undefined,
  measure: undefined,
  ...overrides,
});

/** A new North Locality action by the manager (as of `today`), its id. */
function add(overrides: Partial<ActionFields> = {}, team: Team = north, today = TODAY, author: SignedInUser = manager): number {
  const result = createAction(database.db, author, { teamId: team.id, month: "2026-10" }, fields(overrides), today, nextMoment());
  if (!result.ok) throw new Error(`Not created: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** Only the actions a test makes: the demo's and earlier tests' actions are cleared away. */
function clearActions() {
  database.db.delete(actionFollowUps).run();
  database.db.delete(actions).run();
}
/** The actions and objectives the demo council comes with. */
let demoActions: string[];
let demoObjectives: string[];

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  demoActions = database.db
    .select()
    .from(actions)
    .orderBy(asc(actions.id))
    .all()
    .map((a) => a.title);
  demoObjectives = database.db
    .select()
    .from(objectives)
    .orderBy(asc(objectives.id))
    .all()
    .map((o) => o.statement);
  north = findTeamBySlug(database.db, "north-locality")!;
  south = findTeamBySlug(database.db, "south-locality")!;
  manager = userByEmail("manager@northbrook.example");
  practitioner = userByEmail("practitioner@northbrook.example");
  head = userByEmail("head@northbrook.example");
  admin = userByEmail("admin@northbrook.example");
  southPractitioner = addUser("south.practitioner@northbrook.example", "Sol South", "practitioner", south);
  southManager = addUser("south.manager@northbrook.example", "Sue South", "team_manager", south);
  metricId = database.db.select({ id: primedMetrics.id }).from(primedMetrics).orderBy(asc(primedMetrics.id)).get()!.id;
  const objective = (team: Team, statement: string) =>
    database.db
      .insert(objectives)
      .values({
        teamId: team.id,
        statement,
        ownerUserId: head.id,
        periodFrom: "2026-04",
        periodTo: "2027-03",
        createdByUserId: head.id,
        createdAt: "2026-04-01T09:00:00Z",
        updatedAt: "2026-04-01T09:00:00Z",
      })
      .returning()
      .get().id;
  northObjective = objective(north, "Every review on time by March");
  southObjective = objective(south, "Halve the waiting list");
});
afterAll(() => database?.remove());

describe("who may own a team's action", () => {
  it("is the team's people who sign in, its manager and the heads of service: not another team's, nor an administrator", () => {
    const owners = ownerChoices(database.db, north.id).flatMap((o) => (o.userId === null ? [] : [o.userId]));
    expect(owners).toEqual(expect.arrayContaining([practitioner.id, manager.id, head.id]));
    expect(owners).not.toContain(southPractitioner.id);
    expect(owners).not.toContain(southManager.id);
    expect(owners).not.toContain(admin.id);
    expect(new Set(owners).size).toBe(owners.length);
  });
});

describe("adding an action", () => {
  it("refuses a deadline already passed, and writes nothing", () => {
    const since = lastAuditId();
    const count = database.db.select().from(actions).all().length;
    const result = createAction(database.db, manager, { teamId: north.id, month: "2026-10" }, fields({ deadline: "2026-11-21" }), TODAY);
    expect(result).toEqual({ ok: false, errors: { deadline: "The deadline has already passed: choose today or a later date" } });
    expect(database.db.select().from(actions).all()).toHaveLength(count);
    expect(auditSince(since)).toEqual([]);
    // Today is not yet passed.
    expect(createAction(database.db, manager, { teamId: north.id, month: "2026-10" }, fields({ deadline: TODAY }), TODAY).ok).toBe(true);
  });

  it("refuses an owner outside the team", () => {
    const since = lastAuditId();
    for (const outsider of [southPractitioner, southManager, admin]) {
      const result = createAction(database.db, manager, { teamId: north.id, month: "2026-10" }, fields({ owner: outsider.id }), TODAY);
      expect(result, outsider.email).toEqual({ ok: false, errors: { owner: "Choose an owner from the list: someone in the team, its manager or a head of service" } });
    }
    expect(createAction(database.db, manager, { teamId: north.id, month: "2026-10" }, fields({ owner: 99_999_999 }), TODAY).ok).toBe(false);
    expect(auditSince(since)).toEqual([]);
  });

  it("refuses a measure or an objective not on the team's lists", () => {
    const since = lastAuditId();
    const refused = (overrides: Partial<ActionFields>) => createAction(database.db, manager, { teamId: north.id, month: "2026-10" }, fields(overrides), TODAY);
    expect(refused({ measure: "series:shoeSize" })).toEqual({ ok: false, errors: { measure: "Choose a measure from the list" } });
    expect(refused({ measure: "series:outcomeShare:Nonsense" })).toEqual({ ok: false, errors: { measure: "Choose a measure from the list" } });
    expect(refused({ measure: "metric:99999999" })).toEqual({ ok: false, errors: { measure: "Choose a measure from the list" } });
    expect(refused({ objective: southObjective })).toEqual({ ok: false, errors: { objective: "Choose an objective from the list" } });
    expect(refused({ objective: southObjective, measure: "metric:0", owner: admin.id })).toEqual({
      ok: false,
      errors: { owner: expect.any(String), objective: expect.any(String), measure: expect.any(String) },
    });
    expect(auditSince(since)).toEqual([]);
  });

  it("offers only the service's and the team's objectives in force: not one that has ended, been withdrawn or is a person's", () => {
    const at = "2026-04-01T09:00:00Z";
    const objective = (values: Partial<typeof objectives.$inferInsert>) =>
      database.db
        .insert(objectives)
        .values({
          teamId: north.id,
          statement: "An objective",
          ownerUserId: head.id,
          periodFrom: "2026-04",
          periodTo: "2027-03",
          createdByUserId: head.id,
          createdAt: at,
          updatedAt: at,
          ...values,
        })
        .returning()
        .get().id;
    const ended = objective({ statement: "Clear the backlog by September", periodFrom: "2026-04", periodTo: "2026-09" });
    const withdrawn = objective({ statement: "Withdrawn in October", retiredAt: "2026-10-15T09:00:00Z" });
    const notYet = objective({ statement: "From next April", periodFrom: "2027-04", periodTo: "2028-03" });
    const worker = database.db.select().from(workers).where(eq(workers.teamId, north.id)).get()!;
    const persons = objective({ statement: "My own reviews on time", workerId: worker.id });
    const offered = actionChoices(database.db, north.id, TODAY).objectives.map((o) => o.id);
    expect(offered).toContain(northObjective);
    for (const id of [ended, withdrawn, notYet, persons, southObjective]) expect(offered).not.toContain(id);
    expect(createAction(database.db, manager, { teamId: north.id, month: "2026-10" }, fields({ objective: ended }), TODAY)).toEqual({
      ok: false,
      errors: { objective: "Choose an objective from the list" },
    });
    // An action linked before its objective ended keeps it through an edit, and its edit form still offers it.
    const linked = add({ objective: northObjective });
    database.db.update(actions).set({ objectiveId: ended }).where(eq(actions.id, linked)).run();
    expect(actionChoices(database.db, north.id, TODAY, { objectiveId: ended }).objectives.map((o) => o.id)).toContain(ended);
    expect(editAction(database.db, manager, linked, fields({ title: "Kept its objective", objective: ended }), TODAY, nextMoment())).toEqual({ ok: true, value: linked });
    expect(editAction(database.db, manager, linked, fields({ title: "Kept its objective", objective: withdrawn }), TODAY, nextMoment()).ok).toBe(false);
    database.db.delete(actions).where(eq(actions.id, linked)).run();
    for (const id of [ended, withdrawn, notYet, persons]) database.db.delete(objectives).where(eq(objectives.id, id)).run();
  });

  it("links a team's series, an outcome share or a Primed Metric, and an objective", () => {
    const series = add({ measure: "series:overdue", objective: northObjective });
    expect(actionById(database.db, series)).toMatchObject({
      series: "overdue",
      primedMetricId: null,
      objectiveId: northObjective,
      objectiveStatement: "Every review on time by March",
    });
    const share = add({ measure: "series:outcomeShare:No further action" });
    expect(actionById(database.db, share)).toMatchObject({ series: "outcomeShare:No further action", primedMetricId: null });
    const metric = add({ measure: `metric:${metricId}` });
    expect(actionById(database.db, metric)).toMatchObject({ series: null, primedMetricId: metricId, metricName: expect.any(String) });
  });

  it("is open, with its author, team and month, and one audit entry holding what was entered", () => {
    const since = lastAuditId();
    const id = add({ title: "Ring the hospital discharge team", owner: head.id, measure: "series:overdue" });
    expect(row(id)).toMatchObject({
      teamId: north.id,
      title: "Ring the hospital discharge team",
      ownerUserId: head.id,
      deadline: "2026-12-18",
      status: "open",
      month: "2026-10",
      meetingId: null,
      completedOn: null,
      escalatedAt: null,
      createdByUserId: manager.id,
    });
    const entries = auditSince(since);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "create", entity: "action", entityId: String(id), actor: manager.email, actorUserId: manager.id, before: null });
    expect(json(entries[0]!.after)).toMatchObject({ title: "Ring the hospital discharge team", owner: head.id, deadline: "2026-12-18", series: "overdue", primedMetricId: null });
  });
});

describe("changing an action", () => {
  let id: number;
  beforeAll(() => {
    id = add({ title: "Review the waiting list weekly", deadline: "2026-12-01" });
  });

  it("edits only what changed, in one audit entry with before and after", () => {
    const since = lastAuditId();
    const at = nextMoment();
    const result = editAction(database.db, manager, id, fields({ title: "Review the waiting list every Monday", deadline: "2026-12-08", owner: manager.id }), TODAY, at);
    expect(result).toEqual({ ok: true, value: id });
    expect(row(id)).toMatchObject({ title: "Review the waiting list every Monday", deadline: "2026-12-08", ownerUserId: manager.id, updatedAt: at.toISOString() });
    const entries = auditSince(since);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "update", entity: "action", entityId: String(id), actor: manager.email });
    expect(json(entries[0]!.before)).toEqual({ title: "Review the waiting list weekly", deadline: "2026-12-01", ownerUserId: practitioner.id });
    expect(json(entries[0]!.after)).toEqual({ title: "Review the waiting list every Monday", deadline: "2026-12-08", ownerUserId: manager.id });
  });

  it("writes nothing when an edit changes nothing", () => {
    const since = lastAuditId();
    const before = row(id);
    expect(editAction(database.db, manager, id, fields({ title: "Review the waiting list every Monday", deadline: "2026-12-08", owner: manager.id }), TODAY, nextMoment()).ok).toBe(
      true,
    );
    expect(auditSince(since)).toEqual([]);
    expect(row(id)).toEqual(before);
  });

  it("refuses an edit to an owner outside the team, or a deadline moved into the past", () => {
    const since = lastAuditId();
    expect(editAction(database.db, manager, id, fields({ owner: southPractitioner.id, deadline: "2026-12-08" }), TODAY).ok).toBe(false);
    expect(editAction(database.db, manager, id, fields({ owner: manager.id, deadline: "2026-11-01" }), TODAY)).toEqual({
      ok: false,
      errors: { deadline: "The deadline has already passed: choose today or a later date" },
    });
    expect(auditSince(since)).toEqual([]);
    expect(row(id).ownerUserId).toBe(manager.id);
  });

  it("lets an overdue action keep its deadline through an edit", () => {
    const later = "2026-12-20";
    const result = editAction(database.db, manager, id, fields({ title: "Review the waiting list on Mondays", deadline: "2026-12-08", owner: manager.id }), later, nextMoment());
    expect(result.ok).toBe(true);
    expect(row(id)).toMatchObject({ title: "Review the waiting list on Mondays", deadline: "2026-12-08" });
  });

  it("records progress: a status and a comment, one entry", () => {
    const since = lastAuditId();
    expect(recordProgress(database.db, manager, id, { status: "in_progress", comment: "Started with the oldest" }, TODAY, nextMoment()).ok).toBe(true);
    expect(row(id)).toMatchObject({ status: "in_progress", completedOn: null });
    const entries = auditSince(since);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "progress", entityId: String(id) });
    expect(json(entries[0]!.before)).toEqual({ status: "open" });
    expect(json(entries[0]!.after)).toEqual({ status: "in_progress", comment: "Started with the oldest" });
  });

  it("records a comment alone, and refuses an update that neither changes the status nor says anything", () => {
    let since = lastAuditId();
    expect(recordProgress(database.db, manager, id, { status: "in_progress", comment: "" }, TODAY)).toEqual({
      ok: false,
      errors: { comment: "Change the status or write a comment" },
    });
    expect(auditSince(since)).toEqual([]);
    since = lastAuditId();
    const updatedAt = row(id).updatedAt;
    expect(recordProgress(database.db, manager, id, { status: "in_progress", comment: "Half done" }, TODAY, nextMoment()).ok).toBe(true);
    const entries = auditSince(since);
    expect(entries).toHaveLength(1);
    expect(json(entries[0]!.before)).toEqual({});
    expect(json(entries[0]!.after)).toEqual({ comment: "Half done" });
    expect(row(id).updatedAt).toBe(updatedAt);
  });

  it("sets the day it was done, and clears it when the action is opened again", () => {
    let since = lastAuditId();
    expect(recordProgress(database.db, manager, id, { status: "done", comment: "All reviewed" }, "2026-11-25", nextMoment()).ok).toBe(true);
    expect(row(id)).toMatchObject({ status: "done", completedOn: "2026-11-25" });
    let entries = auditSince(since);
    expect(entries).toHaveLength(1);
    expect(json(entries[0]!.before)).toEqual({ status: "in_progress", completedOn: null });
    expect(json(entries[0]!.after)).toEqual({ status: "done", completedOn: "2026-11-25", comment: "All reviewed" });

    since = lastAuditId();
    expect(recordProgress(database.db, manager, id, { status: "open", comment: "Two more came in" }, "2026-11-26", nextMoment()).ok).toBe(true);
    expect(row(id)).toMatchObject({ status: "open", completedOn: null });
    entries = auditSince(since);
    expect(entries).toHaveLength(1);
    expect(json(entries[0]!.before)).toEqual({ status: "done", completedOn: "2026-11-25" });
    expect(json(entries[0]!.after)).toEqual({ status: "open", completedOn: null, comment: "Two more came in" });
  });

  it("escalates once, saying who and why; a second escalation is refused and writes nothing", () => {
    let since = lastAuditId();
    const at = nextMoment();
    expect(escalateAction(database.db, manager, id, "Needs a second reviewer from another team", at)).toEqual({ ok: true, value: id });
    expect(actionById(database.db, id)).toMatchObject({ escalatedAt: at.toISOString(), escalatedBy: manager.name, escalationReason: "Needs a second reviewer from another team" });
    const entries = auditSince(since);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "escalate", actor: manager.email });
    expect(json(entries[0]!.before)).toEqual({ escalatedAt: null, escalatedByUserId: null, escalationReason: null });
    expect(json(entries[0]!.after)).toEqual({ escalatedAt: at.toISOString(), escalatedByUserId: manager.id, escalationReason: "Needs a second reviewer from another team" });

    since = lastAuditId();
    expect(escalateAction(database.db, head, id, "Again", nextMoment())).toEqual({ ok: false, errors: { reason: "This action is already escalated" } });
    expect(auditSince(since)).toEqual([]);
    expect(actionById(database.db, id)?.escalatedBy).toBe(manager.name);
  });

  it("names the objective and the measure in the history, not their ids", () => {
    const linked = add({ title: "Linked later" });
    editAction(database.db, manager, linked, fields({ title: "Linked later", objective: northObjective, measure: "series:overdue" }), TODAY, nextMoment());
    const metricName = database.db.select().from(primedMetrics).where(eq(primedMetrics.id, metricId)).get()!.name;
    editAction(database.db, manager, linked, fields({ title: "Linked later", objective: northObjective, measure: `metric:${metricId}` }), TODAY, nextMoment());
    const [second, first] = actionHistory(database.db, linked);
    expect(first!.changes).toEqual([
      { field: "Objective", before: "none", after: "Every review on time by March" },
      { field: "Measure", before: "none", after: "Overdue" },
    ]);
    expect(second!.changes).toEqual([
      { field: "Measure", before: "Overdue", after: "none" },
      { field: "Measure", before: "none", after: metricName },
    ]);
  });

  it("refuses to escalate a closed action", () => {
    const closed = add({ title: "Closed already" });
    recordProgress(database.db, manager, closed, { status: "dropped", comment: "Not needed" }, TODAY, nextMoment());
    const since = lastAuditId();
    expect(escalateAction(database.db, manager, closed, "Why not")).toEqual({ ok: false, errors: { reason: "Only an open action can be escalated: this one is closed" } });
    expect(auditSince(since)).toEqual([]);
    expect(row(closed).escalatedAt).toBeNull();
  });

  it("tells the history in words, newest first", () => {
    const history = actionHistory(database.db, id);
    expect(history.map((h) => [h.what, h.who])).toEqual([
      ["Escalated to the head of service", manager.name],
      ["Updated the action", manager.name],
      ["Updated the action", manager.name],
      ["Updated the action", manager.name],
      ["Updated the action", manager.name],
      ["Edited the action", manager.name],
      ["Edited the action", manager.name],
      ["Created the action", manager.name],
    ]);
    expect(history[0]!.changes).toEqual([{ field: "Reason for escalating", before: "none", after: "Needs a second reviewer from another team" }]);
    expect(history[1]).toMatchObject({
      changes: [
        { field: "Status", before: "Done", after: "Open" },
        { field: "Done on", before: "25 November 2026", after: "none" },
      ],
      comment: "Two more came in",
    });
    expect(history[2]).toMatchObject({
      changes: [
        { field: "Status", before: "In progress", after: "Done" },
        { field: "Done on", before: "none", after: "25 November 2026" },
      ],
      comment: "All reviewed",
    });
    expect(history[3]).toMatchObject({ changes: [], comment: "Half done" });
    expect(history[4]).toMatchObject({ changes: [{ field: "Status", before: "Open", after: "In progress" }], comment: "Started with the oldest" });
    expect(history[6]).toMatchObject({
      changes: [
        { field: "Title", before: "Review the waiting list weekly", after: "Review the waiting list every Monday" },
        { field: "Owner", before: practitioner.name, after: manager.name },
        { field: "Deadline", before: "1 December 2026", after: "8 December 2026" },
      ],
      comment: null,
    });
    expect(history[7]).toMatchObject({ changes: [], comment: null });
    // Newest first, by the moment each was made.
    expect(history.map((h) => h.at)).toEqual([...history.map((h) => h.at)].sort().reverse());
  });
});

describe("automatic escalation", () => {
  // Made on 22 November with deadlines to come; then the clock moves on.
  let late: number;
  let lateInProgress: number;
  let lessLate: number;
  let doneLate: number;
  let droppedLate: number;
  let alreadyEscalated: number;
  beforeAll(() => {
    clearActions();
    late = add({ title: "Late by 15 days on 10 December", deadline: "2026-11-25" });
    lateInProgress = add({ title: "In progress, late by 16 days", deadline: "2026-11-24", owner: southPractitioner.id }, south);
    lessLate = add({ title: "Late by 14 days on 10 December", deadline: "2026-11-26" });
    doneLate = add({ title: "Done, deadline long gone", deadline: "2026-11-23" });
    droppedLate = add({ title: "Dropped, deadline long gone", deadline: "2026-11-23" });
    alreadyEscalated = add({ title: "Escalated by the manager", deadline: "2026-11-23" });
    recordProgress(database.db, southPractitioner, lateInProgress, { status: "in_progress", comment: "" }, TODAY, nextMoment());
    recordProgress(database.db, manager, doneLate, { status: "done", comment: "" }, TODAY, nextMoment());
    recordProgress(database.db, manager, droppedLate, { status: "dropped", comment: "Overtaken" }, TODAY, nextMoment());
    escalateAction(database.db, manager, alreadyEscalated, "Needs money", new Date("2026-11-22T12:00:00Z"));
  });

  it("escalates nothing while nothing is overdue by more than 14 days", () => {
    expect(escalationDays(database.db)).toBe(14);
    const since = lastAuditId();
    expect(escalateOverdueActions(database.db, TODAY)).toBe(0);
    // On 8 December the oldest open deadline not yet escalated (24 November) is overdue by exactly 14 days: not more.
    expect(escalateOverdueActions(database.db, "2026-12-08")).toBe(0);
    expect(auditSince(since)).toEqual([]);
  });

  it("escalates only the open actions overdue by more than the days, as the system, each with one entry", () => {
    const since = lastAuditId();
    const at = new Date("2026-12-10T06:00:00Z");
    expect(escalateOverdueActions(database.db, "2026-12-10", at)).toBe(2);
    expect(actionById(database.db, late)).toMatchObject({
      escalatedAt: at.toISOString(),
      escalatedBy: null,
      escalationReason: "Overdue by more than 14 days (deadline 25 November 2026)",
    });
    expect(actionById(database.db, lateInProgress)).toMatchObject({
      escalatedAt: at.toISOString(),
      escalatedBy: null,
      escalationReason: "Overdue by more than 14 days (deadline 24 November 2026)",
    });
    for (const untouched of [lessLate, doneLate, droppedLate]) expect(row(untouched).escalatedAt, row(untouched).title).toBeNull();
    expect(actionById(database.db, alreadyEscalated)).toMatchObject({ escalatedBy: manager.name, escalationReason: "Needs money", escalatedAt: "2026-11-22T12:00:00.000Z" });

    const entries = auditSince(since);
    expect(entries.map((e) => Number(e.entityId)).sort()).toEqual([late, lateInProgress].sort());
    for (const entry of entries) {
      expect(entry).toMatchObject({ action: "escalate_automatically", entity: "action", actor: "system", actorUserId: null, at: at.toISOString() });
      expect(json(entry.before)).toEqual({ escalatedAt: null, escalationReason: null });
      expect(json(entry.after)).toEqual({
        escalatedAt: at.toISOString(),
        escalationReason: expect.stringMatching(/^Overdue by more than 14 days \(deadline 2[45] November 2026\)$/),
      });
    }
    expect(actionHistory(database.db, late)[0]).toEqual({
      at: at.toISOString(),
      who: "Primed",
      what: "Escalated automatically",
      changes: [{ field: "Reason for escalating", before: "none", after: "Overdue by more than 14 days (deadline 25 November 2026)" }],
      comment: null,
    });
  });

  it("escalates nothing more when run again, the same day or later", () => {
    const since = lastAuditId();
    const before = database.db.select().from(actions).orderBy(asc(actions.id)).all();
    expect(escalateOverdueActions(database.db, "2026-12-10")).toBe(0);
    expect(escalateOverdueActions(database.db, "2026-12-10")).toBe(0);
    expect(auditSince(since)).toEqual([]);
    expect(database.db.select().from(actions).orderBy(asc(actions.id)).all()).toEqual(before);
    // A day on, the next one passes the days.
    expect(escalateOverdueActions(database.db, "2026-12-11")).toBe(1);
    expect(row(lessLate).escalatedAt).not.toBeNull();
    expect(escalateOverdueActions(database.db, "2026-12-11")).toBe(0);
  });

  it("escalates at once what a shorter setting puts past the days, and audits the setting", () => {
    const soon = add({ title: "Due 1 December", deadline: "2026-12-01" }, north, "2026-11-22");
    const later = add({ title: "Due 6 December", deadline: "2026-12-06" }, north, "2026-11-22");
    const since = lastAuditId();
    // On 10 December: 9 and 4 days overdue.
    expect(setEscalationDays(database.db, head, 5, "2026-12-10", new Date("2026-12-10T09:00:00Z"))).toBe(1);
    expect(escalationDays(database.db)).toBe(5);
    expect(actionById(database.db, soon)).toMatchObject({ escalatedBy: null, escalationReason: "Overdue by more than 5 days (deadline 1 December 2026)" });
    expect(row(later).escalatedAt).toBeNull();
    const entries = auditSince(since);
    expect(entries.map((e) => [e.action, e.entity, e.entityId, e.actor])).toEqual([
      ["update", "setting", "action_escalation_days", head.email],
      ["escalate_automatically", "action", String(soon), "system"],
    ]);
    expect([json(entries[0]!.before), json(entries[0]!.after)]).toEqual([14, 5]);
  });

  it("records nothing when the days are saved unchanged", () => {
    const since = lastAuditId();
    expect(setEscalationDays(database.db, head, 5, "2026-12-10")).toBe(0);
    expect(auditSince(since)).toEqual([]);
    expect(setEscalationDays(database.db, head, 14, "2026-12-10")).toBe(0);
    expect(escalationDays(database.db)).toBe(14);
    expect(auditSince(since)).toHaveLength(1);
  });
});

describe("the lists and the tracker", () => {
  const ids: Record<string, number> = {};
  beforeAll(() => {
    clearActions();
    // Made on 1 November; read on 22 November.
    const made = "2026-11-01";
    ids.overdue = add({ title: "n1 overdue by 12", deadline: "2026-11-10" }, north, made);
    ids.escalated = add({ title: "n2 overdue by 17, escalated", deadline: "2026-11-05", owner: manager.id }, north, made);
    ids.inProgress = add({ title: "n3 in progress, due 1 December", deadline: "2026-12-01" }, north, made);
    ids.done = add({ title: "n4 done", deadline: "2026-11-15" }, north, made);
    ids.dropped = add({ title: "n5 escalated, then dropped", deadline: "2026-11-20", owner: manager.id }, north, made);
    ids.southOverdue = add({ title: "s1 overdue by 10", deadline: "2026-11-12", owner: head.id }, south, made, southManager);
    ids.southDone = add({ title: "s2 done", deadline: "2026-11-30", owner: southPractitioner.id }, south, made, southManager);
    escalateAction(database.db, manager, ids.escalated!, "Stuck", nextMoment());
    escalateAction(database.db, manager, ids.dropped!, "Stuck too", nextMoment());
    recordProgress(database.db, practitioner, ids.inProgress!, { status: "in_progress", comment: "" }, TODAY, nextMoment());
    recordProgress(database.db, practitioner, ids.done!, { status: "done", comment: "" }, TODAY, nextMoment());
    recordProgress(database.db, manager, ids.dropped!, { status: "dropped", comment: "Overtaken by the restructure" }, TODAY, nextMoment());
    recordProgress(database.db, southPractitioner, ids.southDone!, { status: "done", comment: "" }, TODAY, nextMoment());
  });

  const titles = (show: ActionShow, filter: { teamIds?: number[]; ownerUserId?: number } = {}) =>
    listActions(database.db, { ...filter, show }, TODAY).map((a) => a.title.split(" ")[0]);

  it("show each kind of action, open ones soonest deadline first, closed ones after", () => {
    expect(titles("open")).toEqual(["n2", "n1", "s1", "n3"]);
    expect(titles("overdue")).toEqual(["n2", "n1", "s1"]);
    expect(titles("escalated")).toEqual(["n2"]);
    expect(titles("done")).toEqual(["n4", "s2"]);
    expect(titles("dropped")).toEqual(["n5"]);
    expect(titles("all")).toEqual(["n2", "n1", "s1", "n3", "n4", "n5", "s2"]);
    expect(listActions(database.db, {}, TODAY)).toHaveLength(7);
  });

  it("filter by owner and by team", () => {
    expect(titles("all", { ownerUserId: practitioner.id })).toEqual(["n1", "n3", "n4"]);
    expect(titles("open", { ownerUserId: practitioner.id })).toEqual(["n1", "n3"]);
    expect(titles("all", { ownerUserId: head.id })).toEqual(["s1"]);
    expect(titles("all", { teamIds: [north.id] })).toEqual(["n2", "n1", "n3", "n4", "n5"]);
    expect(titles("overdue", { teamIds: [south.id] })).toEqual(["s1"]);
    expect(titles("open", { teamIds: [south.id], ownerUserId: practitioner.id })).toEqual([]);
    expect(titles("all", { teamIds: [north.id, south.id] })).toHaveLength(7);
  });

  it("count each team's actions as a person would by hand", () => {
    const tracker = actionTracker(database.db, { show: "open" }, TODAY);
    const byTeam = Object.fromEntries(tracker.teams.map((t) => [t.slug, t.counts]));
    // North: n1, n2, n3 open; n1 (12 days) and n2 (17 days) overdue; n2 escalated (n5's escalation ended when it was dropped); n4 done; n5 dropped.
    expect(byTeam["north-locality"]).toEqual({ open: 3, overdue: 2, escalated: 1, done: 1, dropped: 1, completionRate: 1 / 3, averageDaysOverdue: 14.5 });
    // South: s1 open and overdue by 10; s2 done.
    expect(byTeam["south-locality"]).toEqual({ open: 1, overdue: 1, escalated: 0, done: 1, dropped: 0, completionRate: 0.5, averageDaysOverdue: 10 });
    const allTeams = database.db.select().from(teams).all();
    expect(tracker.teams).toHaveLength(allTeams.length);
    for (const team of tracker.teams.filter((t) => !["north-locality", "south-locality"].includes(t.slug))) {
      expect(team.counts, team.slug).toEqual({ open: 0, overdue: 0, escalated: 0, done: 0, dropped: 0, completionRate: null, averageDaysOverdue: null });
    }
    expect(tracker.service).toEqual({ open: 4, overdue: 3, escalated: 1, done: 2, dropped: 1, completionRate: 2 / 5, averageDaysOverdue: 13 });
    // The teams to chase first: escalated, then overdue, then by name.
    expect(tracker.teams.slice(0, 2).map((t) => t.slug)).toEqual(["north-locality", "south-locality"]);
    const rest = tracker.teams.slice(2).map((t) => t.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
    expect(tracker.actions.map((a) => a.title.split(" ")[0])).toEqual(["n2", "n1", "s1", "n3"]);
    expect(tracker.team).toBeNull();
  });

  it("lists one team's actions when asked, and refuses a team it does not know", () => {
    const tracker = actionTracker(database.db, { team: "south-locality", show: "all" }, TODAY);
    expect(tracker.team).toEqual({ name: south.name, slug: "south-locality" });
    expect(tracker.actions.map((a) => a.title.split(" ")[0])).toEqual(["s1", "s2"]);
    expect(() => actionTracker(database.db, { team: "atlantis", show: "open" }, TODAY)).toThrow(UnknownTeamError);
  });
});

describe("who may do what to an action", () => {
  it("lets the owner move their action on but not edit or escalate it", () => {
    const id = add({ title: "Owned by the practitioner" });
    expect(actionRights(practitioner, row(id))).toEqual({ edit: false, escalate: false, progress: true });
  });

  it("lets a practitioner do nothing to a colleague's action", () => {
    const id = add({ title: "Owned by the manager", owner: manager.id });
    expect(actionRights(practitioner, row(id))).toEqual({ edit: false, escalate: false, progress: false });
  });

  it("lets the team's manager and a head of service do everything", () => {
    const id = add({ title: "Anyone's" });
    expect(actionRights(manager, row(id))).toEqual({ edit: true, escalate: true, progress: true });
    expect(actionRights(head, row(id))).toEqual({ edit: true, escalate: true, progress: true });
  });

  it("lets the manager of another team do nothing, but everything in their own", () => {
    const north1 = add({ title: "North's" });
    const south1 = add({ title: "South's", owner: southPractitioner.id }, south, TODAY, southManager);
    expect(actionRights(southManager, row(north1))).toEqual({ edit: false, escalate: false, progress: false });
    expect(actionRights(manager, row(south1))).toEqual({ edit: false, escalate: false, progress: false });
    expect(actionRights(southManager, row(south1))).toEqual({ edit: true, escalate: true, progress: true });
    expect(actionRights(admin, row(south1))).toEqual({ edit: false, escalate: false, progress: false });
  });

  it("lets a head of service who owns an action move it on", () => {
    const id = add({ title: "The head's", owner: head.id }, south, TODAY, southManager);
    expect(actionRights(head, row(id)).progress).toBe(true);
  });
});

describe("the demo reset", () => {
  it("replaces every action, linked, escalated and done ones too, with the demo's, without a foreign key failure", async () => {
    const linked = add({ title: "Linked to all", measure: `metric:${metricId}`, objective: northObjective });
    const escalated = add({ title: "Escalated before the reset" });
    escalateAction(database.db, manager, escalated, "Before the reset", nextMoment());
    const southDone = add({ title: "Done by a user the reset removes", owner: southPractitioner.id }, south, TODAY, southManager);
    recordProgress(database.db, southPractitioner, southDone, { status: "done", comment: "" }, TODAY, nextMoment());
    await expect(loadDemoCouncil(database.db, 2026, TODAY)).resolves.toMatchObject({ users: 4 });
    for (const gone of [linked, escalated, southDone]) expect(actionById(database.db, gone)).toBeUndefined();
    expect(
      database.db
        .select()
        .from(actions)
        .orderBy(asc(actions.id))
        .all()
        .map((a) => a.title),
    ).toEqual(demoActions);
    // The demo's own objectives come back; the ones these tests made do not.
    expect(
      database.db
        .select()
        .from(objectives)
        .orderBy(asc(objectives.id))
        .all()
        .map((o) => o.statement),
    ).toEqual(demoObjectives);
    expect(database.db.select().from(users).where(eq(users.id, southPractitioner.id)).get()).toBeUndefined();
    // The trail keeps the history of the actions that were.
    expect(actionHistory(database.db, escalated).map((h) => h.what)).toEqual(["Escalated to the head of service", "Created the action"]);
  });
});
