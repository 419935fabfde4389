/*
 * A team's monthly meeting: who came, the agenda from the team type's terms
 * of reference with notes on each item, the key messages the manager tells
 * the team, the decisions, and the follow-up of the actions still open from
 * earlier months, which always comes first.
 */
import { and, asc, eq, inArray, lt, or } from "drizzle-orm";
import type { SignedInUser } from "~/people/users.server";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { actionFollowUps, actions, meetings, users, workers, type FollowUpOutcome, type TeamType } from "../../db/schema";
import { audit, actorOf } from "~/audit/audit.server";
import { fieldErrorsOf, type FieldErrors } from "~/forms/form-kit";
import { changeAction } from "~/actions/change.server";
import { listActions, type ActionRow } from "~/actions/queries.server";
import type { FollowUp } from "~/actions/action-forms";
import { escalationEnded, newDeadlineEndsEscalation } from "~/actions/action-rules";
import { firstDayOf, formatDate, formatMonthLong, type IsoDate, type IsoMonth } from "~/dates";
import { termsOfReferenceFor } from "./terms-of-reference.server";
import { noteFieldId, type MeetingValues } from "./meeting-forms";

export interface AgendaItem {
  title: string;
  notes: string;
}

export interface Meeting {
  id: number;
  teamId: number;
  month: IsoMonth;
  heldOn: IsoDate;
  chair: string;
  /** The team's workers who attended, and those who sent apologies. */
  attendees: number[];
  apologies: number[];
  guests: string[];
  /** The standing items after the follow-up of actions, as set up from the terms of reference. */
  agenda: AgendaItem[];
  keyMessages: string;
  decisions: string;
  held: boolean;
  updatedAt: string;
}

const storedList = <T extends z.ZodTypeAny>(item: T) => z.array(item);
const agendaSchema = storedList(z.object({ title: z.string(), notes: z.string() }));
/**
 * The attendance column holds who came and who sent apologies. A meeting
 * recorded before apologies were kept holds only the list of who came.
 */
const attendanceSchema = z.union([
  z.array(z.number()).transform((present) => ({ present, apologies: [] as number[] })),
  z.object({ present: z.array(z.number()), apologies: z.array(z.number()) }),
]);

export function meetingOf(db: Db, teamId: number, month: IsoMonth): Meeting | null {
  const row = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.teamId, teamId), eq(meetings.month, month)))
    .get();
  if (!row) return null;
  const attendance = attendanceSchema.parse(JSON.parse(row.attendees));
  return {
    id: row.id,
    teamId: row.teamId,
    month: row.month,
    heldOn: row.heldOn,
    chair: row.chair,
    attendees: attendance.present,
    apologies: attendance.apologies,
    guests: storedList(z.string()).parse(JSON.parse(row.guests)),
    agenda: agendaSchema.parse(JSON.parse(row.agenda)),
    keyMessages: row.keyMessages,
    decisions: row.decisions,
    held: row.status === "held",
    updatedAt: row.updatedAt,
  };
}

/**
 * What is wrong with the date of the meeting that reviews `month`, or null.
 * The meeting reviews a month, so it cannot be before that month begins; and
 * a meeting recorded as held cannot be on a day still to come (a planned one
 * can).
 */
export function meetingDateProblem(heldOn: IsoDate, month: IsoMonth, held: boolean, today: IsoDate): string | null {
  const first = firstDayOf(month);
  if (heldOn < first) return `The meeting reviews ${formatMonthLong(month)}, so its date must be on or after ${formatDate(first)}`;
  if (held && heldOn > today) return `A meeting that has been held cannot be dated after today (${formatDate(today)}): correct the date, or untick “The meeting has been held”`;
  return null;
}

/** Sets up the month's meeting from the team type's terms of reference: its standing items and who chairs. A planned date may be to come, never before the month begins. */
export function setUpMeeting(
  db: Db,
  author: SignedInUser,
  team: { id: number; type: TeamType },
  month: IsoMonth,
  heldOn: IsoDate,
  today: IsoDate,
  now = new Date(),
): { ok: true; meeting: Meeting } | { ok: false; errors: FieldErrors } {
  return db.transaction((tx) => {
    const existing = meetingOf(tx as unknown as Db, team.id, month);
    if (existing) return { ok: true as const, meeting: existing };
    const problem = meetingDateProblem(heldOn, month, false, today);
    if (problem) return { ok: false as const, errors: { heldOn: problem } };
    const terms = termsOfReferenceFor(tx as unknown as Db, team.type);
    const at = now.toISOString();
    const agenda: AgendaItem[] = terms.standingItems.map((title) => ({ title, notes: "" }));
    const row = tx
      .insert(meetings)
      .values({ teamId: team.id, month, heldOn, chair: author.name, agenda: JSON.stringify(agenda), createdByUserId: author.id, createdAt: at, updatedAt: at })
      .returning({ id: meetings.id })
      .get();
    audit(
      tx as unknown as Db,
      actorOf(author),
      { action: "create", entity: "meeting", entityId: row.id, after: { teamId: team.id, month, heldOn, agenda: terms.standingItems } },
      now,
    );
    return { ok: true as const, meeting: meetingOf(tx as unknown as Db, team.id, month)! };
  });
}

/** The team's workers who could attend, for the attendance list. */
export function teamMembers(db: Db, teamId: number): { id: number; name: string }[] {
  return db
    .select({ id: workers.id, name: workers.name })
    .from(workers)
    .where(and(eq(workers.teamId, teamId), eq(workers.active, true)))
    .orderBy(asc(workers.name))
    .all();
}

/** Messages keyed by the page's field ids: a note's problem names its agenda item's box. */
export function meetingFormErrors(error: z.ZodError): FieldErrors {
  return fieldErrorsOf(error, (issue) => {
    const [field, index] = issue.path;
    if (field === "attendee" || field === "apology") return { field: "form", message: "The attendance list was not sent whole: open the meeting again" };
    return field === "note" && typeof index === "number" ? { field: noteFieldId(index) } : undefined;
  });
}

/** Saves the record of the meeting, audited. Attendees must be the team's workers; there is a note for each agenda item; the date fits the month and, once held, is not to come. */
export function saveMeeting(
  db: Db,
  author: SignedInUser,
  meeting: Meeting,
  values: MeetingValues,
  today: IsoDate,
  now = new Date(),
): { ok: true } | { ok: false; errors: FieldErrors } {
  const dateProblem = meetingDateProblem(values.heldOn, meeting.month, values.held, today);
  if (dateProblem) return { ok: false, errors: { heldOn: dateProblem } };
  const members = new Set(teamMembers(db, meeting.teamId).map((m) => m.id));
  // A worker who has since left stays on the record of a meeting they attended.
  const recorded = new Set([...meeting.attendees, ...meeting.apologies]);
  if ([...values.attendee, ...values.apology].some((id) => !members.has(id) && !recorded.has(id))) {
    return { ok: false, errors: { form: "The attendance list names someone who is not in the team: open the meeting again" } };
  }
  const both = values.apology.find((id) => values.attendee.includes(id));
  if (both !== undefined) {
    const name = db.select({ name: workers.name }).from(workers).where(eq(workers.id, both)).get()?.name ?? "Someone";
    return { ok: false, errors: { [`apology-${both}`]: `${name} is ticked as both attending and sending apologies: untick one` } };
  }
  if (values.note.length !== meeting.agenda.length) return { ok: false, errors: { form: "The agenda has changed since the page was opened: open the meeting again" } };
  const after = {
    heldOn: values.heldOn,
    chair: values.chair,
    attendees: JSON.stringify({ present: [...new Set(values.attendee)], apologies: [...new Set(values.apology)] }),
    guests: JSON.stringify(values.guests),
    agenda: JSON.stringify(meeting.agenda.map((item, index) => ({ title: item.title, notes: values.note[index]! }))),
    keyMessages: values.keyMessages,
    decisions: values.decisions,
    status: values.held ? ("held" as const) : ("planned" as const),
  };
  db.transaction((tx) => {
    tx.update(meetings)
      .set({ ...after, updatedAt: now.toISOString() })
      .where(eq(meetings.id, meeting.id))
      .run();
    const { id: _id, teamId: _team, month: _month, updatedAt: _at, ...before } = meeting;
    audit(tx as unknown as Db, actorOf(author), { action: "update", entity: "meeting", entityId: meeting.id, before, after: { ...values } }, now);
  });
  return { ok: true };
}

/* ------------------------------------------------------------------ follow-up */

export interface FollowUpRecord {
  outcome: FollowUpOutcome;
  newDeadline: IsoDate | null;
  reason: string;
  by: string;
}

export interface ActionToFollowUp {
  action: ActionRow;
  /** What this meeting recorded, if it has. */
  followUp: FollowUpRecord | null;
}

/**
 * The team's actions a meeting of `month` follows up: those of earlier months
 * still open, and `alsoIds` (those it has already followed up, so the record
 * shows them after they close). In the order they were agreed, oldest first:
 * an order no follow-up changes, so the list stays still while the meeting
 * works down it.
 */
function followUpCandidates(db: Db, teamId: number, month: IsoMonth, alsoIds: readonly number[], today: IsoDate): ActionRow[] {
  const ids = db
    .select({ id: actions.id })
    .from(actions)
    .where(and(eq(actions.teamId, teamId), or(and(lt(actions.month, month), inArray(actions.status, ["open", "in_progress"])), inArray(actions.id, [...alsoIds]))))
    .all()
    .map((row) => row.id);
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  return listActions(db, { teamIds: [teamId] }, today)
    .filter((action) => wanted.has(action.id))
    .sort((a, b) => a.month.localeCompare(b.month) || a.id - b.id);
}

/**
 * The actions open from months before `month` that its meeting will follow
 * up: what the cycle page counts before the meeting is set up.
 */
export function actionsOpenFromEarlierMonths(db: Db, teamId: number, month: IsoMonth, today: IsoDate): ActionRow[] {
  return followUpCandidates(db, teamId, month, [], today);
}

/**
 * The actions the meeting follows up: those of earlier months still open,
 * and those this meeting has already followed up (so the record shows them
 * after they close), in a fixed order (see followUpCandidates).
 */
export function actionsToFollowUp(db: Db, meeting: Meeting, today: IsoDate): ActionToFollowUp[] {
  const records = db
    .select({ actionId: actionFollowUps.actionId, outcome: actionFollowUps.outcome, newDeadline: actionFollowUps.newDeadline, reason: actionFollowUps.reason, by: users.name })
    .from(actionFollowUps)
    .innerJoin(users, eq(users.id, actionFollowUps.recordedByUserId))
    .where(eq(actionFollowUps.meetingId, meeting.id))
    .all();
  const recorded = new Map(records.map(({ actionId, ...record }) => [actionId, record]));
  return followUpCandidates(db, meeting.teamId, meeting.month, [...recorded.keys()], today).map((action) => ({ action, followUp: recorded.get(action.id) ?? null }));
}

/**
 * The action to take up after `savedId` is followed up: the next in the list
 * not yet followed up, or the first such before it; null when all are done.
 */
export function nextToFollowUp(list: readonly ActionToFollowUp[], savedId: number): number | null {
  const at = list.findIndex((item) => item.action.id === savedId);
  const pending = (item: ActionToFollowUp) => item.followUp === null && item.action.id !== savedId;
  return (list.slice(at + 1).find(pending) ?? list.slice(0, Math.max(at, 0)).find(pending))?.action.id ?? null;
}

/**
 * Records what the meeting decided about one action, and applies it in the
 * same transaction: done closes it today, carried forward moves its deadline
 * (and ends an escalation: see newDeadlineEndsEscalation), no longer needed
 * drops it. Recording again corrects the record.
 */
export function followUpAction(
  db: Db,
  author: SignedInUser,
  meeting: Meeting,
  followUp: FollowUp,
  today: IsoDate,
  now = new Date(),
): { ok: true } | { ok: false; errors: FieldErrors } {
  const candidates = actionsToFollowUp(db, meeting, today);
  const item = candidates.find((c) => c.action.id === followUp.action);
  if (!item) return { ok: false, errors: { form: "That action is not one this meeting follows up: open the meeting again" } };
  if (followUp.outcome === "carried_forward" && followUp.newDeadline! < today) {
    return { ok: false, errors: { [`newDeadline-${followUp.action}`]: "The new deadline has already passed: choose today or a later date" } };
  }
  const changes =
    followUp.outcome === "done"
      ? { status: "done" as const, completedOn: item.action.completedOn ?? today }
      : followUp.outcome === "carried_forward"
        ? {
            status: item.action.status === "in_progress" ? ("in_progress" as const) : ("open" as const),
            completedOn: null,
            deadline: followUp.newDeadline!,
            ...(newDeadlineEndsEscalation(item.action, followUp.newDeadline!, today) ? escalationEnded : {}),
          }
        : { status: "dropped" as const, completedOn: null };
  const record = { outcome: followUp.outcome, newDeadline: followUp.newDeadline ?? null, reason: followUp.reason, recordedByUserId: author.id, recordedAt: now.toISOString() };
  db.transaction((tx) => {
    tx.insert(actionFollowUps)
      .values({ meetingId: meeting.id, actionId: followUp.action, ...record })
      .onConflictDoUpdate({ target: [actionFollowUps.meetingId, actionFollowUps.actionId], set: record })
      .run();
    changeAction(tx as unknown as Db, actorOf(author), followUp.action, changes, followUp.reason, "follow_up", now);
  });
  return { ok: true };
}

/** The actions agreed in this meeting. */
export function actionsAgreed(db: Db, meeting: Meeting, today: IsoDate): ActionRow[] {
  return listActions(db, { teamIds: [meeting.teamId], meetingId: meeting.id }, today);
}
