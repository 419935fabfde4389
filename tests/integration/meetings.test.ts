/*
 * The team meeting and the cycle on a real SQLite file holding the demo
 * council: the meeting takes its agenda from the terms of reference, follows
 * up the actions open from earlier months (done, carried forward, no longer
 * needed, each applied to the action and audited), and the cycle's stages
 * move as the manager records each step.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { SignedInUser } from "~/people/users.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionFollowUps, actions, auditLog, meetings, objectives, users, workers } from "../../db/schema";
import { createAction } from "~/actions/commands.server";
import { actionHistory } from "~/actions/history.server";
import { actionById, listActions } from "~/actions/queries.server";
import { actionListItem } from "~/actions/action-view";
import { followUpForm } from "~/actions/action-forms";
import { cycleStatus, confirmPurpose } from "~/cycle/cycles.server";
import { loadDemoCouncil } from "~/demo/load.server";
import { meetingForm } from "~/meetings/meeting-forms";
import { actionsAgreed, actionsToFollowUp, followUpAction, meetingOf, saveMeeting, setUpMeeting, teamMembers, type Meeting } from "~/meetings/meetings.server";
import { termsOfReferenceFor } from "~/meetings/terms-of-reference.server";
import { loadSignedInUser } from "~/people/users.server";
import { findTeamBySlug, type Team } from "~/teams/teams.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-23";
const MONTH = "2026-10";
let database: ReturnType<typeof tempDatabase>;
let north: Team;
let manager: SignedInUser;
let meeting: Meeting;

const userBy = (email: string) => loadSignedInUser(database.db, database.db.select().from(users).where(eq(users.email, email)).get()!.id)! as SignedInUser;
const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();
const followUp = (values: Record<string, string>) => followUpForm.parse(values);

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  north = findTeamBySlug(database.db, "north-locality")!;
  manager = userBy("manager@northbrook.example");
});
afterAll(() => database?.remove());

/** The team's actions of months before MONTH still open, by id, and the escalated ones among them. */
function openFromEarlierMonths() {
  const open = database.db
    .select({ id: actions.id, month: actions.month, status: actions.status, escalatedAt: actions.escalatedAt })
    .from(actions)
    .where(eq(actions.teamId, north.id))
    .all()
    .filter((a) => a.month < MONTH && (a.status === "open" || a.status === "in_progress"));
  return { ids: open.map((a) => a.id).sort(), escalated: open.filter((a) => a.escalatedAt !== null).length };
}

describe("setting up the month's meeting", () => {
  it("counts the team's own objectives in force, not a person's", () => {
    const teamLevel = () =>
      database.db
        .select()
        .from(objectives)
        .where(eq(objectives.teamId, north.id))
        .all()
        .filter((o) => o.workerId === null && o.periodFrom <= MONTH && o.periodTo >= MONTH && o.retiredAt === null).length;
    const before = teamLevel();
    expect(before).toBeGreaterThan(0);
    const worker = database.db.select().from(workers).where(eq(workers.teamId, north.id)).get()!;
    const at = "2026-10-01T09:00:00.000Z";
    database.db
      .insert(objectives)
      .values({
        teamId: north.id,
        workerId: worker.id,
        statement: "My own reviews on time",
        ownerUserId: manager.id,
        periodFrom: "2026-04",
        periodTo: "2027-03",
        createdByUserId: manager.id,
        createdAt: at,
        updatedAt: at,
      })
      .run();
    expect(teamLevel()).toBe(before);
    expect(cycleStatus(database.db, north.id, MONTH, TODAY).facts.objectives).toBe(before);
  });

  it("counts the actions open from earlier months before the meeting is set up", () => {
    const { ids, escalated } = openFromEarlierMonths();
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(escalated).toBeGreaterThan(0);
    expect(meetingOf(database.db, north.id, MONTH)).toBeNull();
    expect(cycleStatus(database.db, north.id, MONTH, TODAY).facts).toMatchObject({ meetingSetUp: false, toFollowUp: ids.length, followedUp: 0, escalatedToFollowUp: escalated });
  });

  it("starts with the cycle not begun, bar the objectives and the figures", () => {
    expect(cycleStatus(database.db, north.id, MONTH, TODAY).stages).toEqual({
      purpose: "in_progress",
      data: "in_progress",
      interpretation: "not_started",
      communication: "not_started",
      action: "not_started",
    });
  });

  it("refuses a date before the month the meeting reviews begins, writing nothing", () => {
    const before = lastAuditId();
    expect(setUpMeeting(database.db, manager, north, MONTH, "2026-09-30", TODAY)).toEqual({
      ok: false,
      errors: { heldOn: "The meeting reviews October 2026, so its date must be on or after 1 October 2026" },
    });
    expect(meetingOf(database.db, north.id, MONTH)).toBeNull();
    expect(auditSince(before)).toEqual([]);
  });

  it("takes its agenda from the team type's terms of reference, once", () => {
    const before = lastAuditId();
    const setUp = setUpMeeting(database.db, manager, north, MONTH, "2026-11-18", TODAY);
    if (!setUp.ok) throw new Error(JSON.stringify(setUp.errors));
    meeting = setUp.meeting;
    expect(meeting.agenda.map((item) => item.title)).toEqual(termsOfReferenceFor(database.db, "locality").standingItems);
    expect(meeting.chair).toBe(manager.name);
    expect(setUpMeeting(database.db, manager, north, MONTH, "2026-11-19", TODAY)).toMatchObject({ ok: true, meeting: { id: meeting.id } });
    expect(auditSince(before).map((e) => [e.action, e.entity])).toEqual([["create", "meeting"]]);
    expect(cycleStatus(database.db, north.id, MONTH, TODAY).stages.communication).toBe("in_progress");
  });
});

describe("following up the actions open from earlier months", () => {
  it("lists exactly the team's actions of earlier months still open", () => {
    const { ids } = openFromEarlierMonths();
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(
      actionsToFollowUp(database.db, meeting, TODAY)
        .map((f) => f.action.id)
        .sort(),
    ).toEqual(ids);
  });

  it("carrying an escalated action forward ends its escalation: in the lists, on its marker and in its history", () => {
    const escalated = actionsToFollowUp(database.db, meeting, TODAY).find((f) => f.action.escalatedAt !== null)!.action;
    expect(listActions(database.db, { teamIds: [north.id], show: "escalated" }, TODAY).map((a) => a.id)).toContain(escalated.id);
    const result = followUpAction(
      database.db,
      manager,
      meeting,
      followUp({ action: String(escalated.id), outcome: "carried_forward", newDeadline: "2026-12-11", reason: "Cover agreed from January" }),
      TODAY,
    );
    expect(result).toEqual({ ok: true });
    const moved = actionById(database.db, escalated.id)!;
    expect(moved).toMatchObject({ deadline: "2026-12-11", escalatedAt: null, escalatedBy: null, escalationReason: null });
    expect(listActions(database.db, { teamIds: [north.id], show: "escalated" }, TODAY).map((a) => a.id)).not.toContain(escalated.id);
    expect(actionListItem(moved, TODAY).escalated).toBe(false);
    const [entry] = actionHistory(database.db, escalated.id);
    expect(entry!.what).toBe("Followed up in the team meeting");
    expect(entry!.changes).toEqual(
      expect.arrayContaining([
        { field: "Escalated", before: "yes", after: "no" },
        { field: "Deadline", before: expect.any(String), after: "11 December 2026" },
      ]),
    );
    // What the escalation said stays in the history.
    expect(entry!.changes).toContainEqual({ field: "Reason for escalating", before: escalated.escalationReason, after: "none" });
  });

  it("marks one done today, audited with the meeting's words", () => {
    const [first] = actionsToFollowUp(database.db, meeting, TODAY).filter((f) => f.followUp === null);
    const before = lastAuditId();
    expect(followUpAction(database.db, manager, meeting, followUp({ action: String(first!.action.id), outcome: "done" }), TODAY)).toEqual({ ok: true });
    const action = actionById(database.db, first!.action.id)!;
    expect([action.status, action.completedOn]).toEqual(["done", TODAY]);
    const [entry] = auditSince(before);
    expect([entry!.action, entry!.entity, entry!.entityId]).toEqual(["follow_up", "action", String(action.id)]);
    // Still on the meeting's list, with what was recorded, though it is closed now.
    const listed = actionsToFollowUp(database.db, meeting, TODAY).find((f) => f.action.id === action.id)!;
    expect(listed.followUp?.outcome).toBe("done");
  });

  it("carries one forward to a new date with a reason, and refuses a date already passed", () => {
    const pending = actionsToFollowUp(database.db, meeting, TODAY).filter((f) => f.followUp === null);
    const target = pending[0]!.action;
    expect(followUpForm.safeParse({ action: String(target.id), outcome: "carried_forward", newDeadline: "2026-12-18", reason: "" }).success).toBe(false);
    expect(followUpForm.safeParse({ action: String(target.id), outcome: "carried_forward", reason: "Waiting for brokerage" }).success).toBe(false);
    const past = followUpAction(
      database.db,
      manager,
      meeting,
      followUp({ action: String(target.id), outcome: "carried_forward", newDeadline: "2026-11-01", reason: "Late" }),
      TODAY,
    );
    expect(past.ok).toBe(false);
    expect(actionById(database.db, target.id)!.deadline).toBe(target.deadline);

    const before = lastAuditId();
    const result = followUpAction(
      database.db,
      manager,
      meeting,
      followUp({ action: String(target.id), outcome: "carried_forward", newDeadline: "2026-12-18", reason: "Waiting for brokerage to agree the list" }),
      TODAY,
    );
    expect(result).toEqual({ ok: true });
    const moved = actionById(database.db, target.id)!;
    expect(moved.deadline).toBe("2026-12-18");
    expect(["open", "in_progress"]).toContain(moved.status);
    const entry = auditSince(before)[0]!;
    expect(JSON.parse(entry.before!)).toMatchObject({ deadline: target.deadline });
    expect(JSON.parse(entry.after!)).toMatchObject({ deadline: "2026-12-18", comment: "Waiting for brokerage to agree the list" });
  });

  it("closes one as no longer needed, which drops it", () => {
    const target = actionsToFollowUp(database.db, meeting, TODAY).find((f) => f.followUp === null)!.action;
    expect(
      followUpAction(database.db, manager, meeting, followUp({ action: String(target.id), outcome: "no_longer_needed", reason: "The new allocation rota covers it" }), TODAY),
    ).toEqual({ ok: true });
    expect(actionById(database.db, target.id)!.status).toBe("dropped");
  });

  it("corrects a follow-up when it is recorded again, keeping one record per action", () => {
    const target = actionsToFollowUp(database.db, meeting, TODAY).find((f) => f.followUp?.outcome === "no_longer_needed")!.action;
    followUpAction(
      database.db,
      manager,
      meeting,
      followUp({ action: String(target.id), outcome: "carried_forward", newDeadline: "2026-12-04", reason: "On reflection, still needed" }),
      TODAY,
    );
    const records = database.db
      .select()
      .from(actionFollowUps)
      .where(and(eq(actionFollowUps.meetingId, meeting.id), eq(actionFollowUps.actionId, target.id)))
      .all();
    expect(records.map((r) => r.outcome)).toEqual(["carried_forward"]);
    expect(actionById(database.db, target.id)!.status).toBe("open");
  });

  it("refuses an action the meeting does not follow up", () => {
    const other = database.db.select({ id: actions.id }).from(actions).where(eq(actions.month, "1999-01")).get();
    expect(other).toBeUndefined();
    const agreedHere = createAction(
      database.db,
      manager,
      { teamId: north.id, month: MONTH, meetingId: meeting.id },
      { title: "Not from an earlier month", detail: "", owner: manager.id, deadline: "2026-12-01" },
      TODAY,
    );
    expect(agreedHere.ok).toBe(true);
    const result = followUpAction(database.db, manager, meeting, followUp({ action: String(agreedHere.ok && agreedHere.value), outcome: "done" }), TODAY);
    expect(result.ok).toBe(false);
  });
});

describe("the record of the meeting", () => {
  const values = (overrides: Record<string, unknown> = {}) =>
    meetingForm.parse({
      heldOn: "2026-11-18",
      chair: manager.name,
      attendee: teamMembers(database.db, north.id)
        .slice(0, 3)
        .map((m) => String(m.id)),
      guests: "Priya Shah, reablement lead\n\n",
      note: meeting.agenda.map((_, i) => (i === 0 ? "Overdue reviews up for the third month" : "")),
      keyMessages: "",
      decisions: "",
      held: "",
      ...overrides,
    });

  it("refuses someone outside the team and an agenda that has changed", () => {
    expect(saveMeeting(database.db, manager, meeting, { ...values(), attendee: [999_999] }, TODAY).ok).toBe(false);
    expect(saveMeeting(database.db, manager, meeting, { ...values(), note: ["only one"] }, TODAY).ok).toBe(false);
    expect(meetingOf(database.db, north.id, MONTH)!.guests).toEqual([]);
  });

  it("refuses a meeting held on a day still to come, or dated before the month it reviews", () => {
    const before = lastAuditId();
    expect(saveMeeting(database.db, manager, meeting, values({ heldOn: "2026-11-24", held: "on" }), TODAY)).toEqual({
      ok: false,
      errors: { heldOn: "A meeting that has been held cannot be dated after today (23 November 2026): correct the date, or untick “The meeting has been held”" },
    });
    expect(saveMeeting(database.db, manager, meeting, values({ heldOn: "2026-09-30" }), TODAY)).toEqual({
      ok: false,
      errors: { heldOn: "The meeting reviews October 2026, so its date must be on or after 1 October 2026" },
    });
    expect(auditSince(before)).toEqual([]);
    expect(meetingOf(database.db, north.id, MONTH)!.heldOn).toBe("2026-11-18");
    // Held today, or planned for a day to come, is fine.
    expect(saveMeeting(database.db, manager, meeting, values({ heldOn: "2026-12-02" }), TODAY)).toEqual({ ok: true });
    expect(saveMeeting(database.db, manager, meetingOf(database.db, north.id, MONTH)!, values({ heldOn: TODAY, held: "on" }), TODAY)).toEqual({ ok: true });
    expect(saveMeeting(database.db, manager, meetingOf(database.db, north.id, MONTH)!, values({ heldOn: "2026-11-18", guests: "" }), TODAY)).toEqual({ ok: true });
  });

  it("keeps notes, attendance and guests, audited; the meeting is not done until held with its key messages", () => {
    const before = lastAuditId();
    expect(saveMeeting(database.db, manager, meeting, values(), TODAY)).toEqual({ ok: true });
    const saved = meetingOf(database.db, north.id, MONTH)!;
    expect(saved.guests).toEqual(["Priya Shah, reablement lead"]);
    expect(saved.attendees).toHaveLength(3);
    expect(saved.agenda[0]!.notes).toBe("Overdue reviews up for the third month");
    expect(auditSince(before).map((e) => [e.action, e.entity])).toEqual([["update", "meeting"]]);
    expect(cycleStatus(database.db, north.id, MONTH, TODAY).stages.communication).toBe("in_progress");

    saveMeeting(database.db, manager, saved, values({ held: "on", keyMessages: "Overdue reviews are a real rise: we clear the oldest first." }), TODAY);
    const status = cycleStatus(database.db, north.id, MONTH, TODAY);
    expect(status.stages.communication).toBe("done");
  });

  it("completes the action stage once every earlier action is followed up and an action is agreed", () => {
    const current = meetingOf(database.db, north.id, MONTH)!;
    for (const item of actionsToFollowUp(database.db, current, TODAY).filter((f) => f.followUp === null)) {
      followUpAction(database.db, manager, current, followUp({ action: String(item.action.id), outcome: "done" }), TODAY);
    }
    expect(actionsAgreed(database.db, current, TODAY).length).toBeGreaterThan(0);
    const status = cycleStatus(database.db, north.id, MONTH, TODAY);
    expect(status.facts.followedUp).toBe(status.facts.toFollowUp);
    expect(status.stages.action).toBe("done");
  });

  it("confirms the purpose, audited", () => {
    const before = lastAuditId();
    confirmPurpose(database.db, manager, north.id, MONTH, "");
    expect(cycleStatus(database.db, north.id, MONTH, TODAY).stages.purpose).toBe("done");
    expect(auditSince(before).map((e) => e.action)).toEqual(["confirm_purpose"]);
  });
});

describe("the demo council's cycles", () => {
  it("loads again over a database full of meetings, follow-ups and actions", async () => {
    await loadDemoCouncil(database.db, 2026, TODAY);
    expect(database.db.select().from(actionFollowUps).all()).toEqual([]);
    expect(
      database.db
        .select()
        .from(meetings)
        .all()
        .every((m) => m.month < MONTH),
    ).toBe(true);
  });
});
