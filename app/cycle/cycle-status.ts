/*
 * Where a team's cycle for a month stands: each of the five stages not
 * started, in progress or done, worked out from what has been recorded, and
 * whether the cycle is behind the monthly timetable.
 */
import { addMonths, firstDayOf, lastDayOf, type IsoDate, type IsoMonth } from "~/dates";

export const stages = ["purpose", "data", "interpretation", "communication", "action"] as const;
export type Stage = (typeof stages)[number];

export const stageLabels: Record<Stage, string> = {
  purpose: "Purpose",
  data: "Data",
  interpretation: "Interpretation",
  communication: "Communication",
  action: "Action",
};

export type StageStatus = "not_started" | "in_progress" | "done";

export const stageStatusLabels: Record<StageStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
};

/** What has been recorded for the team's month. */
export interface CycleFacts {
  /** The team's objectives in force in the month. */
  objectives: number;
  purposeConfirmed: boolean;
  /** Data loaded after the month ended, so its figures are whole. */
  figuresComplete: boolean;
  packIssued: boolean;
  promptSheetSaved: boolean;
  meetingSetUp: boolean;
  meetingHeld: boolean;
  keyMessagesWritten: boolean;
  /** Actions of earlier months the meeting must follow up, and how many it has. */
  toFollowUp: number;
  followedUp: number;
  /** Of those to follow up, how many are escalated to the head of service now. */
  escalatedToFollowUp: number;
  /** Actions agreed in the meeting. */
  agreed: number;
}

export function stageStatuses(f: CycleFacts): Record<Stage, StageStatus> {
  return {
    purpose: f.purposeConfirmed ? "done" : f.objectives > 0 ? "in_progress" : "not_started",
    data: f.packIssued ? "done" : f.figuresComplete ? "in_progress" : "not_started",
    interpretation: f.promptSheetSaved ? "done" : "not_started",
    communication: f.meetingHeld && f.keyMessagesWritten ? "done" : f.meetingSetUp ? "in_progress" : "not_started",
    // Every discussion ends in an action, and every earlier action is followed up.
    action: f.meetingHeld && f.followedUp >= f.toFollowUp && f.agreed > 0 ? "done" : f.meetingSetUp && (f.followedUp > 0 || f.agreed > 0) ? "in_progress" : "not_started",
  };
}

/**
 * The timetable: the day of the month after the cycle's month by which each
 * stage should be done. The figures of a month are whole once it ends, the
 * meeting is held in the third week, and its actions are agreed by the end.
 */
export const stageDueDay: Record<Exclude<Stage, "action">, number> = {
  purpose: 7,
  data: 10,
  interpretation: 14,
  communication: 21,
};

/** The day a stage of the month's cycle should be done by. */
export function stageDueOn(stage: Stage, month: IsoMonth): IsoDate {
  const next = addMonths(month, 1);
  if (stage === "action") return lastDayOf(next);
  return `${firstDayOf(next).slice(0, 8)}${String(stageDueDay[stage]).padStart(2, "0")}`;
}

/** The stages not done by their day. */
export function lateStages(statuses: Record<Stage, StageStatus>, month: IsoMonth, today: IsoDate): Stage[] {
  return stages.filter((stage) => statuses[stage] !== "done" && today > stageDueOn(stage, month));
}
