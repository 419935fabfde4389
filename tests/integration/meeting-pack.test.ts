/*
 * The meeting pack on a real SQLite file holding the demo council: its
 * figures are the ones the definitions module counts for the month, issuing
 * freezes it (later changes to the work items and the action log reach the
 * draft, never the issued pack), issuing is audited, and issuing again
 * replaces the snapshot while the audit entry keeps the one it replaced.
 */
import { and, asc, eq, gt, isNull, lt, lte, or } from "drizzle-orm";
import type { SignedInUser } from "~/people/users.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, teamCycles, users, workItems } from "../../db/schema";
import { createAction } from "~/actions/commands.server";
import { listActions } from "~/actions/queries.server";
import { cycleStatus } from "~/cycle/cycles.server";
import { issuedPack, issuePack, meetingMinutes, packContents, packToShow, type PackTeam } from "~/cycle/pack.server";
import { followUpForm } from "~/actions/action-forms";
import { MeetingPack } from "~/components/cycle/meeting-pack";
import { meetingForm } from "~/meetings/meeting-forms";
import { actionsToFollowUp, followUpAction, meetingOf, saveMeeting, setUpMeeting, teamMembers } from "~/meetings/meetings.server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { addMonths, monthRange } from "~/dates";
import { figures, monthWindow, NOT_RECORDED, type FigureKey } from "~/work-figures/definitions";
import { loadMetricItems } from "~/work-figures/metric-items.server";
import { workItemsChanged } from "~/work-figures/month-summaries.server";
import { loadSignedInUser } from "~/people/users.server";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { findTeamBySlug } from "~/teams/teams.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
const MONTH = "2026-10";
const AS_OF = "2026-11-01";
let database: ReturnType<typeof tempDatabase>;
let north: PackTeam;
let manager: SignedInUser;

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  const team = findTeamBySlug(database.db, "north-locality")!;
  north = { id: team.id, name: team.name, slug: team.slug, typeLabel: teamTypeLabels[team.type] };
  const managerId = database.db.select().from(users).where(eq(users.email, "manager@northbrook.example")).get()!.id;
  manager = loadSignedInUser(database.db, managerId)! as SignedInUser;
});
afterAll(() => database?.remove());

const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();

/** A figure counted by hand: the definition's own predicate over the team's items. */
function counted(figure: FigureKey, month: string) {
  const items = loadMetricItems(database.db, { teamId: north.id }, { from: addMonths(MONTH, -11), to: addMonths(MONTH, 3), asOf: AS_OF });
  const window = monthWindow(month, AS_OF);
  return items.filter((item) => figures[figure].counts(item, window));
}

describe("the draft pack", () => {
  it("holds the year of months to October, each figure as the definitions count it", () => {
    const pack = packContents(database.db, north, MONTH, TODAY);
    expect(pack.asOf).toBe(AS_OF);
    expect(pack.months.map((m) => m.month)).toEqual(monthRange("2025-11", MONTH));
    for (const m of pack.months) {
      const byHand = Object.fromEntries(
        (["allocated", "awaitingAllocation", "overdue", "due", "received", "completed", "completedOnTime", "completedLate"] as const).map((figure) => [
          figure,
          counted(figure, m.month).length,
        ]),
      );
      expect({ month: m.month, ...byHand }).toEqual({
        month: m.month,
        allocated: m.allocated,
        awaitingAllocation: m.awaitingAllocation,
        overdue: m.overdue,
        due: m.due,
        received: m.received,
        completed: m.completed,
        completedOnTime: m.completedOnTime,
        completedLate: m.completedLate,
      });
    }
    // North Locality's overdue work climbs through the year: the demo's story, and a figure worth a meeting.
    expect(pack.months.at(-1)!.overdue).toBeGreaterThan(0);
  });

  it("shows what falls due in the three months to come", () => {
    const pack = packContents(database.db, north, MONTH, TODAY);
    expect(pack.comingUp.map((m) => m.month)).toEqual(["2026-11", "2026-12", "2027-01"]);
    for (const m of pack.comingUp) expect(m.due).toBe(counted("due", m.month).length);
  });

  it("counts the outcomes of the assessments completed in October by group and by outcome", () => {
    const pack = packContents(database.db, north, MONTH, TODAY);
    const assessments = counted("assessmentsCompleted", MONTH);
    const byGroup = new Map<string, number>();
    for (const item of assessments) byGroup.set(item.outcomeGroup ?? NOT_RECORDED, (byGroup.get(item.outcomeGroup ?? NOT_RECORDED) ?? 0) + 1);
    expect(Object.fromEntries(pack.outcomes.groups.map((g) => [g.group, g.count]))).toEqual(Object.fromEntries(byGroup));
    expect(pack.outcomes.outcomes.reduce((n, o) => n + o.count, 0)).toBe(assessments.length);
    expect(pack.outcomes.outcomes.reduce((n, o) => n + o.share, 0)).toBeCloseTo(1);
  });

  it("reads the signals as the prompt sheet does, and asks about the overdue concern", () => {
    const pack = packContents(database.db, north, MONTH, TODAY);
    const overdue = pack.signals.find((s) => s.key === "overdue")!;
    expect(overdue.latest?.month).toBe(MONTH);
    expect(overdue.latest?.value).toBe(pack.months.at(-1)!.overdue);
    expect(overdue.variationIcon).toBe("concern_high");
    expect(overdue.prompt).toMatch(/^Overdue: \d+ months above the mean/);
  });

  it("has the purpose in force, without anyone's individual objectives", () => {
    const pack = packContents(database.db, north, MONTH, TODAY);
    expect(pack.purpose.team.length).toBeGreaterThan(0);
    expect(pack.purpose.service.length).toBeGreaterThan(0);
    expect(Object.keys(pack.purpose)).toEqual(["service", "team", "groundRules"]);
  });

  it("lists the open actions overdue today and those due within the next month", () => {
    const pack = packContents(database.db, north, MONTH, TODAY);
    const open = listActions(database.db, { teamIds: [north.id], show: "open" }, TODAY);
    expect(pack.actions.dueBy).toBe("2026-12-22");
    expect(pack.actions.overdue.map((a) => a.id)).toEqual(open.filter((a) => a.deadline < TODAY).map((a) => a.id));
    expect(pack.actions.due.map((a) => a.id)).toEqual(open.filter((a) => a.deadline >= TODAY && a.deadline <= "2026-12-22").map((a) => a.id));
    expect(pack.actions.overdue.every((a) => a.overdue && /^Overdue by \d+ days?$/.test(a.stateText))).toBe(true);
  });
});

describe("the minutes", () => {
  it("are none before the meeting is set up", () => {
    expect(meetingMinutes(database.db, north.id, MONTH, TODAY)).toBeNull();
    expect(packToShow(database.db, north, MONTH, TODAY).minutes).toBeNull();
  });

  it("say who came, who sent apologies, the guests, and what became of each action followed up", () => {
    const setUp = setUpMeeting(database.db, manager, { id: north.id, type: "locality" }, MONTH, "2026-11-18", TODAY);
    if (!setUp.ok) throw new Error(JSON.stringify(setUp.errors));
    const meeting = setUp.meeting;
    const [a, b, c] = teamMembers(database.db, north.id);
    const record = (attendee: number[], apology: number[]) =>
      saveMeeting(
        database.db,
        manager,
        meetingOf(database.db, north.id, MONTH)!,
        meetingForm.parse({
          heldOn: "2026-11-18",
          chair: manager.name,
          attendee: attendee.map(String),
          apology: apology.map(String),
          guests: "Priya Shah, reablement lead",
          note: meeting.agenda.map(() => ""),
          held: "on",
        }),
        TODAY,
      );
    // Nobody is both there and sending apologies.
    expect(record([a!.id, b!.id], [b!.id])).toEqual({ ok: false, errors: { [`apology-${b!.id}`]: `${b!.name} is ticked as both attending and sending apologies: untick one` } });
    expect(record([a!.id, b!.id], [c!.id])).toEqual({ ok: true });
    const [done, carried] = actionsToFollowUp(database.db, meeting, TODAY);
    followUpAction(database.db, manager, meeting, followUpForm.parse({ action: String(done!.action.id), outcome: "done" }), TODAY);
    followUpAction(
      database.db,
      manager,
      meeting,
      followUpForm.parse({ action: String(carried!.action.id), outcome: "carried_forward", newDeadline: "2026-12-18", reason: "Waiting for brokerage" }),
      TODAY,
    );

    const minutes = packToShow(database.db, north, MONTH, TODAY).minutes!;
    expect(minutes).toMatchObject({
      heldOn: "2026-11-18",
      held: true,
      chair: manager.name,
      present: [a!.name, b!.name].sort((x, y) => x.localeCompare(y)),
      apologies: [c!.name],
      guests: ["Priya Shah, reablement lead"],
    });
    expect(minutes.followUps.find((f) => f.id === done!.action.id)).toMatchObject({ outcome: "done", outcomeText: "Done" });
    expect(minutes.followUps.find((f) => f.id === carried!.action.id)).toMatchObject({
      outcome: "carried_forward",
      outcomeText: "Carried forward to 18 December 2026: Waiting for brokerage",
    });
    expect(minutes.followUps.filter((f) => f.outcome === null).every((f) => f.outcomeText === "Not followed up yet")).toBe(true);

    const html = renderToStaticMarkup(createElement(MeetingPack, { pack: packContents(database.db, north, MONTH, TODAY), issue: null, minutes, liveReportHref: "/" }));
    const asHtml = (text: string) => text.replace(/'/g, "&#x27;");
    for (const words of ["5. The meeting: minutes", "Apologies", c!.name, "Priya Shah, reablement lead", "Carried forward to 18 December 2026: Waiting for brokerage"])
      expect(html).toContain(asHtml(words));
  });
});

describe("issuing the pack", () => {
  let issued: ReturnType<typeof packContents>;

  it("freezes the pack into the month's cycle, audited, and marks the data stage done", () => {
    const before = lastAuditId();
    expect(issuedPack(database.db, north.id, MONTH)).toBeNull();
    expect(cycleStatus(database.db, north.id, MONTH, TODAY).stages.data).not.toBe("done");
    issued = issuePack(database.db, manager, north, MONTH, TODAY, new Date("2026-11-22T10:00:00Z"));
    const stored = issuedPack(database.db, north.id, MONTH)!;
    expect(stored.contents).toEqual(issued);
    expect(stored.issuedBy).toBe(manager.name);
    expect(stored.issuedAt).toBe("2026-11-22T10:00:00.000Z");
    expect(packToShow(database.db, north, MONTH, TODAY).issue).toEqual({ by: manager.name, at: "2026-11-22T10:00:00.000Z" });
    expect(cycleStatus(database.db, north.id, MONTH, TODAY).stages.data).toBe("done");
    const entries = auditSince(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "issue_pack", entity: "team_cycle", entityId: `${north.id}:${MONTH}`, actor: manager.email, before: null });
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ reissue: false, asOf: AS_OF, preparedOn: TODAY });
  });

  it("keeps what people saw when a work item and the action log change afterwards; the draft changes", () => {
    // An item overdue at October's end turns out to have been finished in October.
    const item = database.db
      .select()
      .from(workItems)
      .where(
        and(
          eq(workItems.teamId, north.id),
          lte(workItems.receivedOn, "2026-10-01"),
          lt(workItems.dueOn, "2026-10-15"),
          or(isNull(workItems.completedOn), gt(workItems.completedOn, "2026-10-31")),
        ),
      )
      .get()!;
    database.db.transaction((tx) => {
      tx.update(workItems).set({ completedOn: "2026-10-20" }).where(eq(workItems.id, item.id)).run();
      workItemsChanged(tx as never);
    });
    const result = createAction(
      database.db,
      manager,
      { teamId: north.id, month: MONTH },
      { title: "Share out the reviews of the worker on leave", detail: "", owner: manager.id, deadline: "2026-12-01", objective: undefined, measure: undefined },
      TODAY,
    );
    expect(result.ok).toBe(true);

    const draft = packContents(database.db, north, MONTH, TODAY);
    expect(draft.months.at(-1)!.overdue).toBe(issued.months.at(-1)!.overdue - 1);
    expect(draft.months.at(-1)!.completed).toBe(issued.months.at(-1)!.completed + 1);
    expect(draft.actions.due).toHaveLength(issued.actions.due.length + 1);
    expect(issuedPack(database.db, north.id, MONTH)!.contents).toEqual(issued);
    expect(packToShow(database.db, north, MONTH, TODAY).contents).toEqual(issued);
    // The minutes are read as they stand, issued pack or not: the agreed action is in them.
    expect(packToShow(database.db, north, MONTH, TODAY).minutes!.followUps.length).toBeGreaterThan(0);
  });

  it("replaces the snapshot when issued again, keeping the one it replaced in the audit entry", () => {
    const before = lastAuditId();
    const again = issuePack(database.db, manager, north, MONTH, TODAY, new Date("2026-11-22T11:30:00Z"));
    const stored = issuedPack(database.db, north.id, MONTH)!;
    expect(stored.contents).toEqual(again);
    expect(stored.issuedAt).toBe("2026-11-22T11:30:00.000Z");
    expect(stored.contents.months.at(-1)!.overdue).toBe(issued.months.at(-1)!.overdue - 1);
    const [entry, ...rest] = auditSince(before);
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({ action: "issue_pack", entity: "team_cycle", entityId: `${north.id}:${MONTH}` });
    expect(JSON.parse(entry!.after!)).toMatchObject({ reissue: true, issuedAt: "2026-11-22T11:30:00.000Z" });
    expect(JSON.parse(entry!.before!)).toEqual({ issuedAt: "2026-11-22T10:00:00.000Z", issuedBy: manager.name, snapshot: issued });
    expect(
      database.db
        .select()
        .from(teamCycles)
        .where(and(eq(teamCycles.teamId, north.id), eq(teamCycles.month, MONTH)))
        .all(),
    ).toHaveLength(1);
  });

  it("refuses to show a stored pack that no longer fits the pack's shape", () => {
    database.db
      .update(teamCycles)
      .set({ packSnapshot: JSON.stringify({ version: 1, team: north }) })
      .where(and(eq(teamCycles.teamId, north.id), eq(teamCycles.month, MONTH)))
      .run();
    expect(() => issuedPack(database.db, north.id, MONTH)).toThrow();
  });
});
