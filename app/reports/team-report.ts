/*
 * The team report's three sections (docs/definitions.md#the-approach) as chart specs and
 * table rows, built from the monthly figures.
 */
import { colours, type ChartSeries, type ChartSpec } from "~/reports/chart-spec";
import type { FigureLinker, FigureQuery } from "./figure-query";
// A part month is labelled "so far" on every chart, so its bar is never read as a whole month's.
import { monthLabel } from "./part-month";
import { NOT_RECORDED } from "~/work-figures/definitions";
import { timeliness, type MonthFigures, type RouteFigures } from "~/work-figures/month-figures";
import { cldOutcomes, NO_FURTHER_ACTION, outcomeGroupOf, requestLedTo } from "~/reference-data/reference-data";

const groupColours = [colours.blue, colours.green, colours.purple, colours.orange, colours.turquoise, colours.pink, colours.brown, colours.grey];

/** The links of one series' bars: each month's figure, where there is something to open. */
function linksOf(months: MonthFigures[], data: (number | null)[], query: (m: MonthFigures) => FigureQuery, linkTo?: FigureLinker) {
  return linkTo ? months.map((m, i) => (data[i] ? linkTo(query(m)) : null)) : undefined;
}

function series(months: MonthFigures[], s: Omit<ChartSeries, "links">, query: (m: MonthFigures) => FigureQuery, linkTo?: FigureLinker): ChartSeries {
  return { ...s, links: linksOf(months, s.data, query, linkTo) };
}

export function workloadChart(months: MonthFigures[], linkTo?: FigureLinker): ChartSpec {
  const last = months.filter((m) => m.kind !== "future").at(-1);
  return {
    labels: months.map(monthLabel),
    yTitle: "Work items",
    summary: `Allocated, awaiting allocation and overdue work at each month's end, and the work due in each month, for ${months.length} months${
      last ? `; in ${monthLabel(last)} ${last.allocated} allocated, ${last.awaitingAllocation} awaiting allocation and ${last.overdue} overdue` : ""
    }.`,
    series: [
      series(months, { label: "Allocated", data: months.map((m) => m.allocated), colour: colours.blue }, (m) => ({ figure: "allocated", month: m.month }), linkTo),
      series(
        months,
        { label: "Awaiting allocation", data: months.map((m) => m.awaitingAllocation), colour: colours.purple },
        (m) => ({ figure: "awaitingAllocation", month: m.month }),
        linkTo,
      ),
      series(months, { label: "Overdue", data: months.map((m) => m.overdue), colour: colours.red }, (m) => ({ figure: "overdue", month: m.month }), linkTo),
      series(months, { label: "Due", data: months.map((m) => m.due), colour: colours.black, kind: "line" }, (m) => ({ figure: "due", month: m.month }), linkTo),
    ],
  };
}

export function completedChart(months: MonthFigures[], linkTo?: FigureLinker): ChartSpec {
  const past = months.filter((m) => m.kind !== "future");
  const total = past.reduce((n, m) => n + (m.completed ?? 0), 0);
  const onTime = past.reduce((n, m) => n + (m.completedOnTime ?? 0), 0);
  return {
    labels: past.map(monthLabel),
    yTitle: "Work items completed",
    summary: `Work completed each month, on time and late: ${total} in ${past.length} months, ${total ? Math.round((onTime / total) * 100) : 0}% on time.`,
    series: [
      series(
        past,
        { label: "On time", data: past.map((m) => m.completedOnTime), colour: colours.green, stack: "completed" },
        (m) => ({ figure: "completedOnTime", month: m.month }),
        linkTo,
      ),
      series(
        past,
        { label: "Late", data: past.map((m) => m.completedLate), colour: colours.orange, stack: "completed" },
        (m) => ({ figure: "completedLate", month: m.month }),
        linkTo,
      ),
    ],
  };
}

/** Outcome groups in CLD order, then No further action, then anything else seen. */
export function outcomeGroupsSeen(months: MonthFigures[]): string[] {
  const seen = new Set(months.flatMap((m) => Object.keys(m.assessmentOutcomeGroups ?? {})));
  const order = [...new Set(cldOutcomes.map(outcomeGroupOf))];
  const known = order.filter((g) => seen.has(g));
  const others = [...seen].filter((g) => !order.includes(g) && g !== NOT_RECORDED).sort();
  return [...known, ...others, ...(seen.has(NOT_RECORDED) ? [NOT_RECORDED] : [])];
}

export function outcomesChart(months: MonthFigures[], linkTo?: FigureLinker): ChartSpec {
  const past = months.filter((m) => m.kind !== "future");
  const groups = outcomeGroupsSeen(past);
  const total = past.reduce((n, m) => n + sum(m.assessmentOutcomeGroups), 0);
  const nfa = past.reduce((n, m) => n + (m.assessmentOutcomeGroups?.[NO_FURTHER_ACTION] ?? 0), 0);
  return {
    labels: past.map(monthLabel),
    yTitle: "Assessments completed",
    summary: `What the ${total} assessments completed in ${past.length} months led to, by outcome group each month; ${
      total ? Math.round((nfa / total) * 100) : 0
    }% ended in no further action.`,
    series: groups.map((group, i) =>
      series(
        past,
        { label: group, data: past.map((m) => m.assessmentOutcomeGroups?.[group] ?? 0), colour: groupColours[i % groupColours.length] as string, stack: "outcomes" },
        (m) => ({ figure: "assessmentsCompleted", month: m.month, outcomeGroup: group }),
        linkTo,
      ),
    ),
  };
}

function sum(record: Record<string, number> | null): number {
  return Object.values(record ?? {}).reduce((n, v) => n + v, 0);
}

export interface OutcomeTotal {
  outcome: string;
  group: string;
  count: number;
  share: number;
}

/** Each outcome's total over the months, largest first; `groupOf` is the service's own grouping. */
export function outcomeTotals(months: MonthFigures[], groupOf: Record<string, string>): OutcomeTotal[] {
  const totals = new Map<string, number>();
  for (const m of months) {
    for (const [outcome, n] of Object.entries(m.assessmentOutcomes ?? {})) {
      totals.set(outcome, (totals.get(outcome) ?? 0) + n);
    }
  }
  const all = [...totals.values()].reduce((n, v) => n + v, 0);
  return [...totals.entries()]
    .map(([outcome, count]) => ({
      outcome,
      group: groupOf[outcome] ?? NOT_RECORDED,
      count,
      share: all ? count / all : 0,
    }))
    .sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome));
}

export function formatPercent(value: number | null): string {
  return value === null ? "–" : `${Math.round(value * 100)}%`;
}

export function timelinessOf(m: Pick<MonthFigures, "completed" | "completedOnTime">): string {
  return formatPercent(timeliness(m));
}

/** Requests by route of access, added up over the months: the front door's table. */
export function routeTotals(months: MonthFigures[]): (RouteFigures & { route: string })[] {
  const totals = new Map<string, RouteFigures>();
  for (const m of months) {
    for (const [route, figures] of Object.entries(m.requestsByRoute ?? {})) {
      const total = totals.get(route) ?? { received: 0, completed: 0, completedOnTime: 0, ledTo: {} };
      total.received += figures.received;
      total.completed += figures.completed;
      total.completedOnTime += figures.completedOnTime;
      for (const [ledTo, n] of Object.entries(figures.ledTo)) total.ledTo[ledTo] = (total.ledTo[ledTo] ?? 0) + n;
      totals.set(route, total);
    }
  }
  return [...totals.entries()].map(([route, figures]) => ({ route, ...figures })).sort((a, b) => b.received - a.received || a.route.localeCompare(b.route));
}

/** What requests led to, each month: the front door's chart. */
export function requestsChart(months: MonthFigures[], linkTo?: FigureLinker): ChartSpec {
  const past = months.filter((m) => m.kind !== "future");
  const routes = past.map((m) => Object.values(m.requestsByRoute ?? {}));
  const ledTo = (i: number, answer: string) => routes[i]!.reduce((n, r) => n + (r.ledTo[answer] ?? 0), 0);
  const answers = [...requestLedTo, NOT_RECORDED].filter((answer) => past.some((_, i) => ledTo(i, answer) > 0));
  const received = routes.reduce((n, rs) => n + rs.reduce((k, r) => k + r.received, 0), 0);
  return {
    labels: past.map(monthLabel),
    yTitle: "Requests completed",
    summary: `What the requests completed each month led to; ${received} requests received in ${past.length} months.`,
    series: answers.map((answer, a) =>
      series(
        past,
        { label: answer, data: past.map((_, i) => ledTo(i, answer)), colour: groupColours[a % groupColours.length] as string, stack: "ledTo" },
        (m) => ({ figure: "requestsCompleted", month: m.month, ledTo: answer }),
        linkTo,
      ),
    ),
  };
}
