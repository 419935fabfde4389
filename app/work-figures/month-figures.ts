/*
 * Monthly figures for a set of work items, computed with the definitions.
 * Pure: the server loads the items, this counts them.
 */
import { daysBetween, type IsoDate, type IsoMonth } from "~/dates";
import { figures, mayCountIn, monthWindow, NOT_RECORDED, type FigureKey, type MetricItem, type MonthKind, type MonthWindow } from "./definitions";
import { requestLedToOf } from "~/reference-data/reference-data";

export interface MonthFigures {
  month: IsoMonth;
  kind: MonthKind;
  received: number | null;
  allocated: number | null;
  awaitingAllocation: number | null;
  overdue: number | null;
  due: number;
  completed: number | null;
  completedOnTime: number | null;
  completedLate: number | null;
  medianDaysToComplete: number | null;
  /** Completed assessments by outcome value (CLD Release 2 or the council's own). */
  assessmentOutcomes: Record<string, number> | null;
  /** The same assessments by outcome group. */
  assessmentOutcomeGroups: Record<string, number> | null;
  /** Requests by route of access: the front door's report. */
  requestsByRoute: Record<string, RouteFigures> | null;
}

export interface RouteFigures {
  received: number;
  completed: number;
  completedOnTime: number;
  /** Completed requests by what they led to. */
  ledTo: Record<string, number>;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function tally(into: Record<string, number>, key: string) {
  into[key] = (into[key] ?? 0) + 1;
}

export function computeMonthFigures(items: readonly MetricItem[], month: IsoMonth, asOf: IsoDate): MonthFigures {
  const window = monthWindow(month, asOf);
  const candidates = items.filter((item) => mayCountIn(item, window));
  const count = (key: FigureKey) => candidates.reduce((n, item) => (figures[key].counts(item, window) ? n + 1 : n), 0);
  const due = count("due");
  if (window.kind === "future") {
    return {
      month,
      kind: window.kind,
      received: null,
      allocated: null,
      awaitingAllocation: null,
      overdue: null,
      due,
      completed: null,
      completedOnTime: null,
      completedLate: null,
      medianDaysToComplete: null,
      assessmentOutcomes: null,
      assessmentOutcomeGroups: null,
      requestsByRoute: null,
    };
  }
  const completedItems = candidates.filter((item) => figures.completed.counts(item, window));
  const assessmentOutcomes: Record<string, number> = {};
  const assessmentOutcomeGroups: Record<string, number> = {};
  for (const item of completedItems) {
    if (!figures.assessmentsCompleted.counts(item, window)) continue;
    tally(assessmentOutcomes, item.outcome ?? NOT_RECORDED);
    tally(assessmentOutcomeGroups, item.outcomeGroup ?? NOT_RECORDED);
  }
  return {
    month,
    kind: window.kind,
    received: count("received"),
    allocated: count("allocated"),
    awaitingAllocation: count("awaitingAllocation"),
    overdue: count("overdue"),
    due,
    completed: completedItems.length,
    completedOnTime: completedItems.filter((item) => figures.completedOnTime.counts(item, window)).length,
    completedLate: completedItems.filter((item) => figures.completedLate.counts(item, window)).length,
    medianDaysToComplete: median(completedItems.map((item) => daysBetween(item.receivedOn, item.completedOn as IsoDate))),
    assessmentOutcomes,
    assessmentOutcomeGroups,
    requestsByRoute: requestsByRoute(candidates, window),
  };
}

function requestsByRoute(candidates: readonly MetricItem[], window: MonthWindow): Record<string, RouteFigures> {
  const byRoute: Record<string, RouteFigures> = {};
  const routeOf = (item: MetricItem) => {
    const route = item.routeOfAccess ?? NOT_RECORDED;
    return (byRoute[route] ??= { received: 0, completed: 0, completedOnTime: 0, ledTo: {} });
  };
  for (const item of candidates) {
    if (item.category !== "request") continue;
    if (figures.requestsReceived.counts(item, window)) routeOf(item).received += 1;
    if (figures.requestsCompleted.counts(item, window)) {
      const route = routeOf(item);
      route.completed += 1;
      if (figures.requestsCompletedOnTime.counts(item, window)) route.completedOnTime += 1;
      tally(route.ledTo, requestLedToOf(item.outcome));
    }
  }
  return byRoute;
}

/**
 * The figures of every month in a run of months, the same as computing each
 * month over all the items, but faster: an item can count in a month only
 * between the month it was received (or fell due, if earlier) and the month
 * it was completed (work completed after the as-of date was still open then),
 * so each month looks only at the items that span it.
 */
export function computeMonthsFigures(items: readonly MetricItem[], months: readonly IsoMonth[], asOf: IsoDate): MonthFigures[] {
  if (months.length === 0) return [];
  const index = new Map(months.map((month, i) => [month, i]));
  const first = months[0]!;
  const last = months.at(-1)!;
  const buckets: MetricItem[][] = months.map(() => []);
  for (const item of items) {
    const startDate = item.dueOn < item.receivedOn ? item.dueOn : item.receivedOn;
    const from = monthOfDate(startDate);
    const to = item.completedOn === null || item.completedOn > asOf ? last : monthOfDate(item.completedOn);
    if (to < first || from > last) continue;
    const fromIndex = from < first ? 0 : index.get(from)!;
    const toIndex = to > last ? months.length - 1 : index.get(to)!;
    for (let i = fromIndex; i <= toIndex; i += 1) buckets[i]!.push(item);
  }
  return months.map((month, i) => computeMonthFigures(buckets[i]!, month, asOf));
}

/** "2026-03-31" to "2026-03", without building a Date. */
const monthOfDate = (date: IsoDate): IsoMonth => date.slice(0, 7) as IsoMonth;

/** Narrows the items behind a figure to one outcome, outcome group, route of access or what a request led to. */
export interface OutcomeFilter {
  outcome?: string;
  outcomeGroup?: string;
  routeOfAccess?: string;
  ledTo?: string;
}

export function matchesOutcomeFilter(item: MetricItem, filter: OutcomeFilter): boolean {
  return (
    (filter.outcome === undefined || (item.outcome ?? NOT_RECORDED) === filter.outcome) &&
    (filter.outcomeGroup === undefined || (item.outcomeGroup ?? NOT_RECORDED) === filter.outcomeGroup) &&
    (filter.routeOfAccess === undefined || (item.routeOfAccess ?? NOT_RECORDED) === filter.routeOfAccess) &&
    (filter.ledTo === undefined || requestLedToOf(item.outcome) === filter.ledTo)
  );
}

/**
 * The work items behind one figure over a run of months: the list a figure
 * opens to. An item is listed once, however many of the months count it.
 */
export function itemsBehind<T extends MetricItem>(items: readonly T[], figure: FigureKey, months: readonly IsoMonth[], asOf: IsoDate, filter: OutcomeFilter = {}): T[] {
  const windows = months.map((month) => monthWindow(month, asOf));
  return items.filter((item) => matchesOutcomeFilter(item, filter) && windows.some((window) => figures[figure].counts(item, window)));
}

/** On time as a share of completed, or null when nothing was completed. */
export function timeliness(month: Pick<MonthFigures, "completed" | "completedOnTime">): number | null {
  if (!month.completed || month.completedOnTime === null) return null;
  return month.completedOnTime / month.completed;
}

/** The number a figure shows for a month (null where the month has none, such as completed in a month to come). */
export function figureValue(month: MonthFigures, figure: FigureKey): number | null {
  const sum = (values: number[]) => values.reduce((n, v) => n + v, 0);
  const routes = month.requestsByRoute === null ? null : Object.values(month.requestsByRoute);
  switch (figure) {
    case "assessmentsCompleted":
      return month.assessmentOutcomeGroups && sum(Object.values(month.assessmentOutcomeGroups));
    case "requestsReceived":
      return routes && sum(routes.map((r) => r.received));
    case "requestsCompleted":
      return routes && sum(routes.map((r) => r.completed));
    case "requestsCompletedOnTime":
      return routes && sum(routes.map((r) => r.completedOnTime));
    default:
      return month[figure];
  }
}
