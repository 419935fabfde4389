import { describe, expect, it } from "vitest";
import { lateStages, stageDueOn, stageStatuses, type CycleFacts } from "~/cycle/cycle-status";

const nothing: CycleFacts = {
  objectives: 0,
  purposeConfirmed: false,
  figuresComplete: false,
  packIssued: false,
  promptSheetSaved: false,
  meetingSetUp: false,
  meetingHeld: false,
  keyMessagesWritten: false,
  toFollowUp: 0,
  followedUp: 0,
  escalatedToFollowUp: 0,
  agreed: 0,
};

const everything: CycleFacts = {
  objectives: 2,
  purposeConfirmed: true,
  figuresComplete: true,
  packIssued: true,
  promptSheetSaved: true,
  meetingSetUp: true,
  meetingHeld: true,
  keyMessagesWritten: true,
  toFollowUp: 3,
  followedUp: 3,
  escalatedToFollowUp: 1,
  agreed: 2,
};

describe("the stages of a team's month", () => {
  it("starts with nothing started", () => {
    expect(stageStatuses(nothing)).toEqual({ purpose: "not_started", data: "not_started", interpretation: "not_started", communication: "not_started", action: "not_started" });
  });

  it("is done when everything is recorded", () => {
    expect(Object.values(stageStatuses(everything))).toEqual(["done", "done", "done", "done", "done"]);
  });

  it("has purpose in progress while objectives stand unconfirmed", () => {
    expect(stageStatuses({ ...nothing, objectives: 1 }).purpose).toBe("in_progress");
    expect(stageStatuses({ ...nothing, purposeConfirmed: true }).purpose).toBe("done");
  });

  it("has data in progress once the month's figures are whole, and done when the pack freezes them", () => {
    expect(stageStatuses({ ...nothing, figuresComplete: true }).data).toBe("in_progress");
    expect(stageStatuses({ ...nothing, figuresComplete: true, packIssued: true }).data).toBe("done");
  });

  it("counts the meeting done only when held with its key messages written", () => {
    expect(stageStatuses({ ...nothing, meetingSetUp: true }).communication).toBe("in_progress");
    expect(stageStatuses({ ...nothing, meetingSetUp: true, meetingHeld: true }).communication).toBe("in_progress");
    expect(stageStatuses({ ...nothing, meetingSetUp: true, meetingHeld: true, keyMessagesWritten: true }).communication).toBe("done");
  });

  it("counts action done only when every earlier action is followed up and an action is agreed", () => {
    const held = { ...everything };
    expect(stageStatuses({ ...held, followedUp: 2 }).action).toBe("in_progress");
    expect(stageStatuses({ ...held, agreed: 0 }).action).toBe("in_progress");
    expect(stageStatuses({ ...held, meetingHeld: false }).action).toBe("in_progress");
    expect(stageStatuses({ ...held, toFollowUp: 0, followedUp: 0 }).action).toBe("done");
    expect(stageStatuses({ ...nothing, meetingSetUp: true }).action).toBe("not_started");
  });
});

describe("the cycle's timetable", () => {
  it("dates each stage in the month after the cycle's month", () => {
    expect(stageDueOn("purpose", "2026-10")).toBe("2026-11-07");
    expect(stageDueOn("data", "2026-10")).toBe("2026-11-10");
    expect(stageDueOn("interpretation", "2026-10")).toBe("2026-11-14");
    expect(stageDueOn("communication", "2026-10")).toBe("2026-11-21");
    expect(stageDueOn("action", "2026-10")).toBe("2026-11-30");
    // December's cycle runs into the new year; February's actions by the end of March.
    expect(stageDueOn("purpose", "2026-12")).toBe("2027-01-07");
    expect(stageDueOn("action", "2027-02")).toBe("2027-03-31");
  });

  it("calls a stage late only after its day, and never once it is done", () => {
    const statuses = stageStatuses(nothing);
    expect(lateStages(statuses, "2026-10", "2026-11-07")).toEqual([]);
    expect(lateStages(statuses, "2026-10", "2026-11-08")).toEqual(["purpose"]);
    expect(lateStages(statuses, "2026-10", "2026-11-22")).toEqual(["purpose", "data", "interpretation", "communication"]);
    expect(lateStages(statuses, "2026-10", "2026-12-01")).toEqual(["purpose", "data", "interpretation", "communication", "action"]);
    expect(lateStages(stageStatuses(everything), "2026-10", "2027-06-01")).toEqual([]);
  });
});
