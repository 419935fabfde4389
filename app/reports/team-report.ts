/*
 * The team report's three sections (domain.md section 1) as chart specs and
 * table rows, built from the monthly figures.
 */
import { formatMonthShort, type IsoMonth } from "~/dates";
import { colours, type ChartSpec } from "~/components/chart-spec";
import { NOT_RECORDED } from "~/metrics/definitions";
import { timeliness, type MonthFigures } from "~/metrics/month-figures";
import { cldOutcomes, NO_FURTHER_ACTION, outcomeGroupOf } from "~/reference-data";

const groupColours = [colours.blue, colours.green, colours.purple, colours.orange, colours.turquoise, colours.pink, colours.brown, colours.grey];

export function workloadChart(months: MonthFigures[]): ChartSpec {
  const last = months.filter((m) => m.kind !== "future").at(-1);
  return {
    labels: months.map((m) => formatMonthShort(m.month)),
    yTitle: "Work items",
    summary: `Allocated, awaiting allocation and overdue work at each month's end, and the work due in each month, for ${months.length} months${
      last ? `; in ${formatMonthShort(last.month)} ${last.allocated} allocated, ${last.awaitingAllocation} awaiting allocation and ${last.overdue} overdue` : ""
    }.`,
    series: [
      { label: "Allocated", data: months.map((m) => m.allocated), colour: colours.blue },
      { label: "Awaiting allocation", data: months.map((m) => m.awaitingAllocation), colour: colours.purple },
      { label: "Overdue", data: months.map((m) => m.overdue), colour: colours.red },
      { label: "Due", data: months.map((m) => m.due), colour: colours.black, kind: "line" },
    ],
  };
}

export function completedChart(months: MonthFigures[]): ChartSpec {
  const past = months.filter((m) => m.kind !== "future");
  const total = past.reduce((n, m) => n + (m.completed ?? 0), 0);
  const onTime = past.reduce((n, m) => n + (m.completedOnTime ?? 0), 0);
  return {
    labels: past.map((m) => formatMonthShort(m.month)),
    yTitle: "Work items completed",
    summary: `Work completed each month, on time and late: ${total} in ${past.length} months, ${
      total ? Math.round((onTime / total) * 100) : 0
    }% on time.`,
    series: [
      { label: "On time", data: past.map((m) => m.completedOnTime), colour: colours.green, stack: "completed" },
      { label: "Late", data: past.map((m) => m.completedLate), colour: colours.orange, stack: "completed" },
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

export function outcomesChart(months: MonthFigures[]): ChartSpec {
  const past = months.filter((m) => m.kind !== "future");
  const groups = outcomeGroupsSeen(past);
  const total = past.reduce((n, m) => n + sum(m.assessmentOutcomeGroups), 0);
  const nfa = past.reduce((n, m) => n + (m.assessmentOutcomeGroups?.[NO_FURTHER_ACTION] ?? 0), 0);
  return {
    labels: past.map((m) => formatMonthShort(m.month)),
    yTitle: "Assessments completed",
    summary: `What the ${total} assessments completed in ${past.length} months led to, by outcome group each month; ${
      total ? Math.round((nfa / total) * 100) : 0
    }% ended in no further action.`,
    series: groups.map((group, i) => ({
      label: group,
      data: past.map((m) => m.assessmentOutcomeGroups?.[group] ?? 0),
      colour: groupColours[i % groupColours.length] as string,
      stack: "outcomes",
    })),
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
export function outcomeTotals(
  months: MonthFigures[],
  groupOf: Record<string, string>,
): OutcomeTotal[] {
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

export function monthLabel(month: IsoMonth): string {
  return formatMonthShort(month);
}
