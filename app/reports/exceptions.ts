/*
 * When a team needs attention: the rules of the service overview's
 * exceptions view, in one place. Each looks at a team's months (oldest
 * first, ending with the month shown) and says in words why it fired.
 * The statistics add their own (special-cause concerns, failing targets):
 * app/interpretation/signal-exceptions.ts.
 * A part month (the month so far) is judged by the rule in ./part-month.ts.
 */
import { formatMonthShort } from "~/dates";
import { isPartMonth, monthLabel } from "./part-month";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";

export interface ExceptionSettings {
  /** The share of work to be completed on time, 0 to 1. */
  timelinessTarget: number;
}

export interface ExceptionRule {
  key: string;
  label: string;
  /** True when the rule judges work counted over a month's days: it cannot judge a part month. */
  countedOverTheMonth: boolean;
  /** Why the rule fires for these months, or null when it does not. */
  check(months: readonly MonthFigures[], settings: ExceptionSettings): string | null;
}

/** True when the figure rose in each of the last `times` months. */
function roseEachMonth(months: readonly MonthFigures[], pick: (m: MonthFigures) => number | null, times: number): boolean {
  if (months.length < times + 1) return false;
  const values = months.slice(-(times + 1)).map(pick);
  return values.every((v, i) => v !== null && (i === 0 || v > (values[i - 1] as number)));
}

const run = (months: readonly MonthFigures[], pick: (m: MonthFigures) => number | null, times: number) =>
  months
    .slice(-(times + 1))
    .map((m) => `${monthLabel(m)} ${pick(m)}`)
    .join(", ");

export const exceptionRules: ExceptionRule[] = [
  {
    key: "overdue-rising",
    label: "Overdue rising",
    countedOverTheMonth: false,
    check: (months) => (roseEachMonth(months, (m) => m.overdue, 3) ? `Overdue work rose three months running: ${run(months, (m) => m.overdue, 3)}.` : null),
  },
  {
    key: "timeliness-below-target",
    label: "On time below target",
    countedOverTheMonth: true,
    check: (months, { timelinessTarget }) => {
      const last = months.at(-1);
      const rate = last ? timeliness(last) : null;
      if (rate === null || rate >= timelinessTarget) return null;
      return `${Math.round(rate * 100)}% completed on time in ${formatMonthShort(last!.month)}, below the target of ${Math.round(timelinessTarget * 100)}%.`;
    },
  },
  {
    key: "awaiting-allocation-growing",
    label: "Queue growing",
    countedOverTheMonth: false,
    check: (months) =>
      roseEachMonth(months, (m) => m.awaitingAllocation, 2) ? `The queue awaiting allocation grew two months running: ${run(months, (m) => m.awaitingAllocation, 2)}.` : null,
  },
];

export interface FiredException {
  key: string;
  label: string;
  reason: string;
}

/**
 * The rules that fire for a team's months. When the last is a part month,
 * rules on work counted over the month stay silent (a few days' work is not a
 * month's), and the others say that their last figure is "so far".
 */
export function exceptionsFor(months: readonly MonthFigures[], settings: ExceptionSettings): FiredException[] {
  const part = months.length > 0 && isPartMonth(months.at(-1)!);
  return exceptionRules.flatMap((rule) => {
    if (part && rule.countedOverTheMonth) return [];
    const reason = rule.check(months, settings);
    if (!reason) return [];
    return [{ key: rule.key, label: part ? `${rule.label} (so far)` : rule.label, reason }];
  });
}
