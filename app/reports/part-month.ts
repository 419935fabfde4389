/*
 * A part month: the month that holds the as-of date. Its figures are real,
 * but only "so far": three days into December a team has completed three
 * days' work, so set beside November's whole month it looks like a collapse
 * ("-613"), and rules that judge a month (work completed on time) fire on a
 * handful of items. The rule, in one place for every page and file:
 *
 * - a report that shows one month opens on the last finished month;
 *   the month so far is one click away and always says "so far";
 * - a change on an earlier month is shown for a part month only for figures
 *   taken on a day (allocated, awaiting allocation, overdue, and the care
 *   figures but admissions: the as-of date against a month's end) and for work
 *   due (the whole month counts); figures counted over the month (received,
 *   completed, on time, admissions) are not compared, and the page says why;
 * - an exception that judges work counted over the month does not fire on a
 *   part month; one that reads figures taken on a day says the last of them
 *   is "so far".
 */
import { addMonths, formatDate, formatMonthShort, monthOf, type IsoDate, type IsoMonth } from "~/dates";
import type { MonthKind } from "~/work-figures/definitions";

/** The last month that has ended by the as-of date: the month a one-month view opens on. */
export function lastFinishedMonth(asOf: IsoDate): IsoMonth {
  return addMonths(monthOf(asOf), -1);
}

/** True when the month's figures are only "so far": it holds the as-of date. */
export function isPartMonth(month: { kind: MonthKind } | IsoMonth, asOf?: IsoDate): boolean {
  if (typeof month === "string") {
    if (asOf === undefined) throw new Error("isPartMonth: a month given as text needs the as-of date");
    return month === monthOf(asOf);
  }
  return month.kind === "current";
}

/** A month's name as a label beside other months': "Dec so far" for a part month. */
export function monthLabel(month: { month: IsoMonth; kind: MonthKind }): string {
  return `${formatMonthShort(month.month)}${isPartMonth(month) ? " so far" : ""}`;
}

/** Figures counted over the days of a month: a part month has only some of its days, so they are not compared. */
const countedOverTheMonth = new Set<string>([
  "received",
  "completed",
  "completedOnTime",
  "completedLate",
  "onTime",
  "medianDaysToComplete",
  "assessmentsCompleted",
  "requestsReceived",
  "requestsCompleted",
  "requestsCompletedOnTime",
  // Care (the service overview): admissions to residential or nursing care are counted over the month;
  // people in care, weekly cost and reviews are taken on a day (the month's end, or the as-of date).
  "admissions",
]);

/** True when a figure is counted over the month's days (a flow), not taken on one day. */
export function isCountedOverTheMonth(figure: string): boolean {
  return countedOverTheMonth.has(figure);
}

/**
 * The change of a figure on an earlier (whole) month, or null when there is
 * nothing to compare: a figure missing, or a part month's flow.
 */
export function comparableChange(figure: string, now: { value: number | null; kind: MonthKind }, then: number | null): number | null {
  if (now.value === null || then === null) return null;
  if (isPartMonth(now) && isCountedOverTheMonth(figure)) return null;
  return now.value - then;
}

/** What a page or file says about comparing a part month, or null for a whole month. */
export function partMonthNote(month: IsoMonth, asOf: IsoDate): string | null {
  if (!isPartMonth(month, asOf)) return null;
  return `${formatMonthShort(month)} so far, to ${formatDate(asOf)}: allocated, awaiting allocation, overdue and the care figures (people in care, weekly cost, reviews) are taken on that day and due counts the whole month, so they are compared with earlier months; received, completed, on time and admissions count only the days so far, so they are not compared.`;
}
