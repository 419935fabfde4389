/*
 * What an action's state means, in one place: open, overdue, escalated, done.
 * The action log, the head of service's tracker, My work, the meeting, the
 * pack and the calendar feed all read actions through these rules.
 */
import { daysBetween, type IsoDate } from "~/dates";
import type { ActionStatus } from "../../db/schema";

export const actionStatusLabels: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

/** The state the rules need. */
export interface ActionState {
  status: ActionStatus;
  deadline: IsoDate;
  escalatedAt: string | null;
}

/** Still to do: open or in progress. */
export function isOpen(action: Pick<ActionState, "status">): boolean {
  return action.status === "open" || action.status === "in_progress";
}

/** Open with its deadline passed: an action due today is not yet overdue. */
export function isOverdue(action: Pick<ActionState, "status" | "deadline">, today: IsoDate): boolean {
  return isOpen(action) && action.deadline < today;
}

export function daysOverdue(action: Pick<ActionState, "status" | "deadline">, today: IsoDate): number {
  return isOverdue(action, today) ? daysBetween(action.deadline, today) : 0;
}

/** Escalated and not yet closed: once done or dropped, an escalation needs nobody's attention. */
export function isEscalated(action: ActionState): boolean {
  return isOpen(action) && action.escalatedAt !== null;
}

/**
 * Whether giving the action a new deadline ends its escalation. It does when
 * an escalated action still open is given a different deadline of today or
 * later (carried forward in the meeting, or its deadline edited): the team
 * has planned it again, so it is no longer raised with the head of service,
 * and every list, marker and count shows it as not escalated from then on.
 * The history keeps the escalation and records its end. If it still needs
 * the head of service, the manager escalates it again; if it falls overdue
 * again, it is escalated automatically again.
 */
export function newDeadlineEndsEscalation(action: ActionState, newDeadline: IsoDate, today: IsoDate): boolean {
  return isEscalated(action) && newDeadline !== action.deadline && newDeadline >= today;
}

/** The fields that end an escalation, as changeAction writes them. */
export const escalationEnded = { escalatedAt: null, escalatedByUserId: null, escalationReason: null } as const;

/** The default number of days an action may be overdue before it is escalated automatically. */
export const DEFAULT_ESCALATION_DAYS = 14;
export const MAX_ESCALATION_DAYS = 365;

/** Overdue by more than the allowed days and not escalated yet. */
export function needsAutomaticEscalation(action: ActionState, today: IsoDate, escalationDays: number): boolean {
  return action.escalatedAt === null && daysOverdue(action, today) > escalationDays;
}

export interface ActionCounts {
  open: number;
  overdue: number;
  escalated: number;
  done: number;
  dropped: number;
  /** Done, as a share of done plus overdue: how many of the actions that fell due got done. Null when there are none. */
  completionRate: number | null;
  /** The mean days past the deadline of the overdue actions. Null when none is overdue. */
  averageDaysOverdue: number | null;
}

/** The tracker's figures for a set of actions, as of a day. */
export function countActions(list: readonly ActionState[], today: IsoDate): ActionCounts {
  let open = 0;
  let overdue = 0;
  let escalated = 0;
  let done = 0;
  let dropped = 0;
  let daysLate = 0;
  for (const action of list) {
    if (isOpen(action)) open += 1;
    if (isOverdue(action, today)) {
      overdue += 1;
      daysLate += daysOverdue(action, today);
    }
    if (isEscalated(action)) escalated += 1;
    if (action.status === "done") done += 1;
    if (action.status === "dropped") dropped += 1;
  }
  return {
    open,
    overdue,
    escalated,
    done,
    dropped,
    completionRate: done + overdue === 0 ? null : done / (done + overdue),
    averageDaysOverdue: overdue === 0 ? null : daysLate / overdue,
  };
}

/** What a person sees of the action's state: "Overdue by 3 days", "Due today", "Done". */
export function actionStateText(action: ActionState & { completedOn?: string | null }, today: IsoDate): string {
  if (action.status === "done") return "Done";
  if (action.status === "dropped") return "Dropped";
  const late = daysOverdue(action, today);
  if (late > 0) return `Overdue by ${late} ${late === 1 ? "day" : "days"}`;
  const left = daysBetween(today, action.deadline);
  if (left === 0) return "Due today";
  return `Due in ${left} ${left === 1 ? "day" : "days"}`;
}
