/*
 * What an action's state means on a fixed day (open, overdue, escalated,
 * done), the tracker's counts and rates, the words a person reads, and what
 * the action forms say when something is wrong.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { actionDateFields, actionFields, escalateForm, escalationDaysForm, followUpForm, progressForm, TITLE_MAX, trackerFilter } from "~/actions/action-forms";
import {
  actionStateText,
  countActions,
  daysOverdue,
  isEscalated,
  isOpen,
  isOverdue,
  needsAutomaticEscalation,
  newDeadlineEndsEscalation,
  type ActionState,
} from "~/actions/action-rules";
import { fieldErrorsOf } from "~/forms/form-kit";
import { gatherDateParts } from "~/forms/date-field";
import { actionStatuses, type ActionStatus } from "../../db/schema";

const TODAY = "2026-11-22";
const ESCALATED_AT = "2026-11-01T09:00:00.000Z";

const action = (status: ActionStatus, deadline: string, escalatedAt: string | null = null): ActionState => ({ status, deadline, escalatedAt });

/** The form's messages by field, or null when it passes. */
function errorsOf(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  return parsed.success ? null : fieldErrorsOf(parsed.error);
}

describe("open and overdue", () => {
  it("counts open and in progress as open, done and dropped as closed", () => {
    expect(isOpen({ status: "open" })).toBe(true);
    expect(isOpen({ status: "in_progress" })).toBe(true);
    expect(isOpen({ status: "done" })).toBe(false);
    expect(isOpen({ status: "dropped" })).toBe(false);
  });

  it("does not count an action due today as overdue", () => {
    expect(isOverdue(action("open", TODAY), TODAY)).toBe(false);
    expect(daysOverdue(action("open", TODAY), TODAY)).toBe(0);
    expect(isOverdue(action("open", "2026-11-23"), TODAY)).toBe(false);
    expect(daysOverdue(action("open", "2026-12-31"), TODAY)).toBe(0);
  });

  it("counts the days past the deadline, across a month's end", () => {
    expect(isOverdue(action("open", "2026-11-21"), TODAY)).toBe(true);
    expect(daysOverdue(action("open", "2026-11-21"), TODAY)).toBe(1);
    expect(daysOverdue(action("in_progress", "2026-11-12"), TODAY)).toBe(10);
    expect(daysOverdue(action("open", "2026-10-31"), TODAY)).toBe(22);
    // Across the clocks going back (25 October 2026): whole days still.
    expect(daysOverdue(action("open", "2026-10-20"), TODAY)).toBe(33);
  });

  it("never counts a done or dropped action as overdue, however old its deadline", () => {
    for (const status of ["done", "dropped"] as const) {
      expect(isOverdue(action(status, "2025-01-01"), TODAY), status).toBe(false);
      expect(daysOverdue(action(status, "2025-01-01"), TODAY), status).toBe(0);
    }
  });
});

describe("escalation", () => {
  it("is an open action with an escalation, until it is closed", () => {
    expect(isEscalated(action("open", "2026-12-01", ESCALATED_AT))).toBe(true);
    expect(isEscalated(action("in_progress", "2026-12-01", ESCALATED_AT))).toBe(true);
    expect(isEscalated(action("open", "2026-12-01"))).toBe(false);
    expect(isEscalated(action("done", "2026-12-01", ESCALATED_AT))).toBe(false);
    expect(isEscalated(action("dropped", "2026-12-01", ESCALATED_AT))).toBe(false);
  });

  it("happens automatically only when overdue by more than the days allowed", () => {
    // 14 days overdue, 14 allowed: not yet. 15 days: yes.
    expect(needsAutomaticEscalation(action("open", "2026-11-08"), TODAY, 14)).toBe(false);
    expect(needsAutomaticEscalation(action("open", "2026-11-07"), TODAY, 14)).toBe(true);
    expect(needsAutomaticEscalation(action("in_progress", "2026-11-07"), TODAY, 14)).toBe(true);
    expect(needsAutomaticEscalation(action("open", "2026-11-21"), TODAY, 1)).toBe(false);
    expect(needsAutomaticEscalation(action("open", "2026-11-20"), TODAY, 1)).toBe(true);
    expect(needsAutomaticEscalation(action("open", TODAY), TODAY, 1)).toBe(false);
  });

  it("never happens twice, nor to a done or dropped action", () => {
    expect(needsAutomaticEscalation(action("open", "2026-01-01", ESCALATED_AT), TODAY, 14)).toBe(false);
    expect(needsAutomaticEscalation(action("done", "2026-01-01"), TODAY, 14)).toBe(false);
    expect(needsAutomaticEscalation(action("dropped", "2026-01-01"), TODAY, 14)).toBe(false);
  });
});

describe("a new deadline for an escalated action", () => {
  it("ends the escalation when the action is open and the new deadline is today or later", () => {
    expect(newDeadlineEndsEscalation(action("open", "2026-10-01", ESCALATED_AT), "2026-12-18", TODAY)).toBe(true);
    expect(newDeadlineEndsEscalation(action("in_progress", "2026-10-01", ESCALATED_AT), TODAY, TODAY)).toBe(true);
  });

  it("leaves it when the deadline is the same or already passed, and has nothing to end otherwise", () => {
    expect(newDeadlineEndsEscalation(action("open", "2026-10-01", ESCALATED_AT), "2026-10-01", TODAY)).toBe(false);
    expect(newDeadlineEndsEscalation(action("open", "2026-10-01", ESCALATED_AT), "2026-11-21", TODAY)).toBe(false);
    expect(newDeadlineEndsEscalation(action("open", "2026-10-01"), "2026-12-18", TODAY)).toBe(false);
    expect(newDeadlineEndsEscalation(action("done", "2026-10-01", ESCALATED_AT), "2026-12-18", TODAY)).toBe(false);
  });
});

describe("the tracker's counts", () => {
  it("are all nothing, with no rates, for no actions", () => {
    expect(countActions([], TODAY)).toEqual({ open: 0, overdue: 0, escalated: 0, done: 0, dropped: 0, completionRate: null, averageDaysOverdue: null });
  });

  it("count each state and work out the rates: done ÷ (done + overdue), mean days over the overdue ones", () => {
    const list = [
      action("open", "2026-12-01"), // open, not due
      action("in_progress", "2026-11-19"), // overdue by 3
      action("open", "2026-11-01", ESCALATED_AT), // overdue by 21, escalated
      action("open", TODAY), // due today: open, not overdue
      action("done", "2026-11-01", ESCALATED_AT), // done: neither overdue nor escalated
      action("done", "2026-12-20"),
      action("done", "2026-10-01"),
      action("dropped", "2026-10-01"),
    ];
    expect(countActions(list, TODAY)).toEqual({
      open: 4,
      overdue: 2,
      escalated: 1,
      done: 3,
      dropped: 1,
      completionRate: 3 / 5,
      averageDaysOverdue: 12,
    });
  });

  it("have no completion rate when nothing is done or overdue, and none for days when nothing is overdue", () => {
    const counts = countActions([action("open", "2026-12-01"), action("dropped", "2026-01-01")], TODAY);
    expect(counts).toMatchObject({ open: 1, dropped: 1, completionRate: null, averageDaysOverdue: null });
    expect(countActions([action("done", "2026-01-01")], TODAY)).toMatchObject({ completionRate: 1, averageDaysOverdue: null });
    expect(countActions([action("open", "2026-11-20")], TODAY)).toMatchObject({ completionRate: 0, averageDaysOverdue: 2 });
  });

  it("change with the day: tomorrow an action due today is overdue", () => {
    const list = [action("open", TODAY)];
    expect(countActions(list, TODAY).overdue).toBe(0);
    expect(countActions(list, "2026-11-23")).toMatchObject({ overdue: 1, averageDaysOverdue: 1, completionRate: 0 });
  });
});

describe("the state in words", () => {
  it("says how late, how soon, or how it ended", () => {
    expect(actionStateText(action("open", "2026-11-21"), TODAY)).toBe("Overdue by 1 day");
    expect(actionStateText(action("in_progress", "2026-11-12"), TODAY)).toBe("Overdue by 10 days");
    expect(actionStateText(action("open", TODAY), TODAY)).toBe("Due today");
    expect(actionStateText(action("open", "2026-11-23"), TODAY)).toBe("Due in 1 day");
    expect(actionStateText(action("open", "2026-12-22"), TODAY)).toBe("Due in 30 days");
    expect(actionStateText({ ...action("done", "2026-01-01"), completedOn: "2026-02-01" }, TODAY)).toBe("Done");
    expect(actionStateText(action("dropped", "2026-01-01", ESCALATED_AT), TODAY)).toBe("Dropped");
  });
});

describe("the action form", () => {
  const good = { title: "  Share out Sam's reviews  ", detail: "", owner: "12", deadline: "2026-12-18", objective: "", measure: "" };

  it("accepts title, owner and deadline alone, trimmed, with the rest left out", () => {
    expect(actionFields.parse(good)).toEqual({ title: "Share out Sam's reviews", detail: "", owner: 12, deadline: "2026-12-18", objective: undefined, measure: undefined });
    expect(actionFields.parse({ ...good, detail: "Line one\r\nLine two ", objective: "3", measure: "metric:4" })).toMatchObject({
      detail: "Line one\nLine two",
      objective: 3,
      measure: "metric:4",
    });
  });

  it("accepts every kind of measure the list offers, outcome shares with spaces and slashes too", () => {
    for (const measure of ["series:overdue", "series:onTimeRate", "series:outcomeShare:No further action", "series:outcomeShare:Progress to reablement/ST-Max", "metric:12"]) {
      expect(errorsOf(actionFields, { ...good, measure }), measure).toBeNull();
    }
  });

  it("asks for what is to be done when the title is blank", () => {
    expect(errorsOf(actionFields, { ...good, title: "   " })).toEqual({ title: "Enter what is to be done" });
    expect(errorsOf(actionFields, { ...good, title: undefined })).toEqual({ title: "Enter what is to be done" });
  });

  it("keeps the title short, sending the rest to the detail", () => {
    expect(errorsOf(actionFields, { ...good, title: "x".repeat(TITLE_MAX) })).toBeNull();
    expect(errorsOf(actionFields, { ...good, title: "x".repeat(TITLE_MAX + 1) })).toEqual({ title: "Keep the title to 150 characters or fewer: put the rest in the detail" });
  });

  it("refuses a deadline that is not a real date, or none", () => {
    expect(errorsOf(actionFields, { ...good, deadline: "2026-02-31" })).toEqual({ deadline: "Deadline must be a real date" });
    expect(errorsOf(actionFields, { ...good, deadline: "18/12/2026" })).toEqual({ deadline: "Deadline must be a real date" });
    expect(errorsOf(actionFields, { ...good, deadline: "" })).toEqual({ deadline: "Enter a deadline" });
    // As the form sends it: Day, Month and Year boxes.
    const typed = (day: string, month: string, year: string) =>
      errorsOf(actionFields, gatherDateParts({ ...good, deadline: undefined, "deadline-day": day, "deadline-month": month, "deadline-year": year }, actionDateFields));
    expect(typed("18", "12", "2026")).toBeNull();
    expect(typed("31", "2", "2027")).toEqual({ deadline: "Deadline must be a real date" });
    expect(typed("3o", "1", "2027")).toEqual({ deadline: "Deadline must be a real date" });
    expect(typed("18", "12", "")).toEqual({ deadline: "Deadline must include a year" });
    expect(typed("", "", "")).toEqual({ deadline: "Enter a deadline" });
  });

  it("asks for an owner, and refuses a measure or objective not from the lists", () => {
    expect(errorsOf(actionFields, { ...good, owner: "" })).toEqual({ owner: "Choose who owns the action" });
    expect(errorsOf(actionFields, { ...good, owner: "Sam" })).toEqual({ owner: "Choose who owns the action" });
    expect(errorsOf(actionFields, { ...good, measure: "metric:abc" })).toEqual({ measure: "Choose a measure from the list" });
    expect(errorsOf(actionFields, { ...good, measure: "overdue" })).toEqual({ measure: "Choose a measure from the list" });
    expect(errorsOf(actionFields, { ...good, objective: "first" })).toEqual({ objective: "Choose an objective from the list" });
  });
});

describe("the progress form", () => {
  it("takes any status with or without a comment", () => {
    for (const status of actionStatuses.filter((s) => s !== "dropped")) expect(errorsOf(progressForm, { status, comment: "" }), status).toBeNull();
    expect(progressForm.parse({ status: "done", comment: " Done at the visit\r\n " })).toEqual({ status: "done", comment: "Done at the visit" });
  });

  it("asks why an action is dropped", () => {
    expect(errorsOf(progressForm, { status: "dropped", comment: "  " })).toEqual({ comment: "Say why the action is dropped" });
    expect(errorsOf(progressForm, { status: "dropped", comment: "The team was merged" })).toBeNull();
  });

  it("refuses a status not on the list, and a comment too long", () => {
    expect(errorsOf(progressForm, { status: "finished", comment: "" })).toEqual({ status: "Choose a status from the list" });
    expect(errorsOf(progressForm, { status: "done", comment: "x".repeat(1001) })).toEqual({ comment: "Keep the comment to 1,000 characters or fewer" });
  });
});

describe("the escalation forms", () => {
  it("asks why an action needs the head of service", () => {
    expect(errorsOf(escalateForm, { reason: " " })).toEqual({ reason: "Say why the action needs the head of service" });
    expect(errorsOf(escalateForm, {})).toEqual({ reason: "Say why the action needs the head of service" });
    expect(escalateForm.parse({ reason: " Needs money " })).toEqual({ reason: "Needs money" });
  });

  it("takes 1 to 365 days, whole", () => {
    expect(escalationDaysForm.parse({ days: "1" })).toEqual({ days: 1 });
    expect(escalationDaysForm.parse({ days: " 365 " })).toEqual({ days: 365 });
    expect(errorsOf(escalationDaysForm, { days: "0" })).toEqual({ days: "Enter at least 1 day" });
    expect(errorsOf(escalationDaysForm, { days: "366" })).toEqual({ days: "Enter at most 365 days" });
    expect(errorsOf(escalationDaysForm, { days: "abc" })).toEqual({ days: "Enter a whole number of days" });
    expect(errorsOf(escalationDaysForm, { days: "7.5" })).toEqual({ days: "Enter a whole number of days" });
    // A blank box is not read as 0.
    expect(errorsOf(escalationDaysForm, { days: "" })).toEqual({ days: "Enter a whole number of days" });
  });
});

describe("a meeting's follow-up", () => {
  it("takes done without a reason", () => {
    expect(followUpForm.parse({ action: "4", outcome: "done" })).toEqual({ action: 4, outcome: "done", newDeadline: undefined, reason: "" });
  });

  it("asks for the new deadline and why, when an action is carried forward", () => {
    expect(errorsOf(followUpForm, { action: "4", outcome: "carried_forward", newDeadline: "", reason: "" })).toEqual({
      newDeadline: "Enter the new deadline",
      reason: "Say why it is carried forward",
    });
    expect(errorsOf(followUpForm, { action: "4", outcome: "carried_forward", newDeadline: "2026-02-31", reason: "Waiting for health" })).toEqual({
      newDeadline: "New deadline must be a real date",
    });
    expect(followUpForm.parse({ action: "4", outcome: "carried_forward", newDeadline: "2027-01-15", reason: " Waiting for health " })).toMatchObject({
      newDeadline: "2027-01-15",
      reason: "Waiting for health",
    });
  });

  it("asks why an action is no longer needed, and refuses an outcome not on the list", () => {
    expect(errorsOf(followUpForm, { action: "4", outcome: "no_longer_needed", reason: "" })).toEqual({ reason: "Say why it is no longer needed" });
    expect(errorsOf(followUpForm, { action: "4", outcome: "forgotten" })).toEqual({ outcome: "Choose what happened to the action" });
    expect(errorsOf(followUpForm, { action: "", outcome: "done" })).toEqual({ action: "The action was not sent: open the meeting again" });
  });
});

describe("the tracker's address", () => {
  it("shows open actions of every team unless it says otherwise", () => {
    expect(trackerFilter.parse({})).toEqual({ team: undefined, show: "open" });
    expect(trackerFilter.parse({ team: "", show: "" })).toEqual({ team: undefined, show: "open" });
    expect(trackerFilter.parse({ team: "north-locality", show: "escalated" })).toEqual({ team: "north-locality", show: "escalated" });
  });

  it("refuses a list it does not have", () => {
    expect(errorsOf(trackerFilter, { show: "late" })).toEqual({ show: "The address asks for a list of actions Primed does not have" });
  });
});
