/*
 * The one set of metric definitions (docs/definitions.md#the-work-figures). Every report,
 * chart, export and test counts work items through the predicates here, and
 * the item lists behind a figure are filtered by the very same predicate.
 */
import type { WorkCategory } from "../../db/schema";
import { addDays, firstDayOf, lastDayOf, monthOf, type IsoDate, type IsoMonth } from "~/dates";

/** The fields of a work item that the definitions read. */
export interface MetricItem {
  id: number;
  receivedOn: IsoDate;
  allocatedOn: IsoDate | null;
  workerId: number | null;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  category: WorkCategory;
  outcome: string | null;
  outcomeGroup: string | null;
  /** CLD "Request: Route of Access", on requests. */
  routeOfAccess: string | null;
}

export type MonthKind = "past" | "current" | "future";

/**
 * A month seen from an "as of" date. Stock figures (allocated, awaiting,
 * overdue) are taken on `stockDate`; flows (received, completed) count up to
 * `flowsUntil`, so nothing after the as-of date ever counts.
 */
export interface MonthWindow {
  month: IsoMonth;
  start: IsoDate;
  end: IsoDate;
  asOf: IsoDate;
  kind: MonthKind;
  stockDate: IsoDate;
  flowsUntil: IsoDate;
  /** "Not completed before the month began" is "not completed by this day". */
  dayBeforeStart: IsoDate;
}

export function monthWindow(month: IsoMonth, asOf: IsoDate): MonthWindow {
  const start = firstDayOf(month);
  const end = lastDayOf(month);
  const asOfMonth = monthOf(asOf);
  const kind: MonthKind = month < asOfMonth ? "past" : month === asOfMonth ? "current" : "future";
  const stockDate = kind === "past" ? end : asOf;
  return { month, start, end, asOf, kind, stockDate, flowsUntil: stockDate, dayBeforeStart: addDays(start, -1) };
}

function completedBy(item: MetricItem, date: IsoDate): boolean {
  return item.completedOn !== null && item.completedOn <= date;
}

/** Open on d: received on or before d, and not completed by d. */
export function isOpenOn(item: MetricItem, date: IsoDate): boolean {
  return item.receivedOn <= date && !completedBy(item, date);
}

/** Allocated on d: open on d, with a worker, and allocated on or before d. */
export function isAllocatedOn(item: MetricItem, date: IsoDate): boolean {
  return isOpenOn(item, date) && item.workerId !== null && item.allocatedOn !== null && item.allocatedOn <= date;
}

/** Awaiting allocation on d: open on d and not allocated on d. */
export function isAwaitingAllocationOn(item: MetricItem, date: IsoDate): boolean {
  return isOpenOn(item, date) && !isAllocatedOn(item, date);
}

/** Overdue on d: open on d and due before d (due today is not yet overdue). */
export function isOverdueOn(item: MetricItem, date: IsoDate): boolean {
  return isOpenOn(item, date) && item.dueOn < date;
}

/**
 * A necessary condition for an item to count in any figure of the month:
 * it exists on the as-of date and was not completed before the month began
 * (for a month to come, before the as-of date). Lets a report skip the
 * items a month cannot count; the figures themselves do not rely on it.
 */
export function mayCountIn(item: MetricItem, window: MonthWindow): boolean {
  const closedBy = window.kind === "future" ? window.asOf : window.dayBeforeStart;
  return item.receivedOn <= window.asOf && !completedBy(item, closedBy);
}

function isCompletedIn(item: MetricItem, window: MonthWindow): boolean {
  return window.kind !== "future" && item.completedOn !== null && item.completedOn >= window.start && item.completedOn <= window.flowsUntil;
}

export const figureKeys = [
  "received",
  "allocated",
  "awaitingAllocation",
  "overdue",
  "due",
  "completed",
  "completedOnTime",
  "completedLate",
  "assessmentsCompleted",
  "requestsReceived",
  "requestsCompleted",
  "requestsCompletedOnTime",
] as const;
export type FigureKey = (typeof figureKeys)[number];

export interface FigureDefinition {
  key: FigureKey;
  label: string;
  /** The definition in a manager's words, shown wherever the figure is. */
  definition: string;
  counts(item: MetricItem, window: MonthWindow): boolean;
}

export const figures: Record<FigureKey, FigureDefinition> = {
  received: {
    key: "received",
    label: "Received",
    definition: "Work items whose received date (when the work started) falls in the month. In the current month, up to the as-of date.",
    counts: (item, w) => w.kind !== "future" && item.receivedOn >= w.start && item.receivedOn <= w.flowsUntil,
  },
  allocated: {
    key: "allocated",
    label: "Allocated",
    definition: "Open work items with a worker and an allocated date on or before the month's last day (in the current month, the as-of date).",
    counts: (item, w) => w.kind !== "future" && isAllocatedOn(item, w.stockDate),
  },
  awaitingAllocation: {
    key: "awaitingAllocation",
    label: "Awaiting allocation",
    definition: "Open work items not allocated to a worker on the month's last day (in the current month, the as-of date).",
    counts: (item, w) => w.kind !== "future" && isAwaitingAllocationOn(item, w.stockDate),
  },
  overdue: {
    key: "overdue",
    label: "Overdue",
    definition: "Open work items whose due date is before the month's last day (in the current month, before the as-of date). Work due today is not yet overdue.",
    counts: (item, w) => w.kind !== "future" && isOverdueOn(item, w.stockDate),
  },
  due: {
    key: "due",
    label: "Due",
    definition: "Work items due in the month that were not completed before it began. For a month still to come: the work open now that falls due in it.",
    counts: (item, w) => {
      const dueInMonth = item.dueOn >= w.start && item.dueOn <= w.end;
      if (!dueInMonth) return false;
      if (w.kind === "future") return isOpenOn(item, w.asOf);
      return item.receivedOn <= w.asOf && !completedBy(item, w.dayBeforeStart);
    },
  },
  completed: {
    key: "completed",
    label: "Completed",
    definition: "Work items whose completed date falls in the month (in the current month, up to the as-of date).",
    counts: isCompletedIn,
  },
  completedOnTime: {
    key: "completedOnTime",
    label: "Completed on time",
    definition: "Completed in the month on or before the due date.",
    counts: (item, w) => isCompletedIn(item, w) && (item.completedOn as IsoDate) <= item.dueOn,
  },
  completedLate: {
    key: "completedLate",
    label: "Completed late",
    definition: "Completed in the month after the due date.",
    counts: (item, w) => isCompletedIn(item, w) && (item.completedOn as IsoDate) > item.dueOn,
  },
  assessmentsCompleted: {
    key: "assessmentsCompleted",
    label: "Assessments completed",
    definition: "Assessments of every type (Care Act, carer's, short-term / OT) completed in the month; their outcomes are what they led to.",
    counts: (item, w) => item.category === "assessment" && isCompletedIn(item, w),
  },

  requestsReceived: {
    key: "requestsReceived",
    label: "Requests received",
    definition: "Requests (contacts and referrals) received in the month (in the current month, up to the as-of date).",
    counts: (item, w) => item.category === "request" && figures.received.counts(item, w),
  },
  requestsCompleted: {
    key: "requestsCompleted",
    label: "Requests completed",
    definition: "Requests completed in the month; their outcomes are what they led to.",
    counts: (item, w) => item.category === "request" && isCompletedIn(item, w),
  },
  requestsCompletedOnTime: {
    key: "requestsCompletedOnTime",
    label: "Requests completed within timescale",
    definition: "Requests completed in the month on or before their due date (the request timescale).",
    counts: (item, w) => item.category === "request" && figures.completedOnTime.counts(item, w),
  },
};

export const medianDaysToCompleteDefinition =
  "The middle value of the days from received to completed over the work completed in the month (the mean of the two middle values when their number is even).";

export const timelinessDefinition = "Completed on time as a share of all work completed in the month.";

export const NOT_RECORDED = "Not recorded";
