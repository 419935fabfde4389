/*
 * When a team needs attention: the rules of the service overview's
 * exceptions view, in one place. Each looks at a team's months (oldest
 * first, ending with the month shown) and says in words why it fired.
 * The statistics add their own (special-cause concerns, failing targets):
 * app/interpretation/signal-exceptions.ts.
 * A part month (the month so far) is judged by the rule in ./part-month.ts.
 */
import { formatMonthShort } from "~/dates";
import type { CareMonthFigures, CareMonthRow } from "~/care/care-figures";
import { isPartMonth, monthLabel } from "./part-month";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { admissionsTotal, reviewedShare } from "./care-report";

export interface ExceptionSettings {
  /** The share of work to be completed on time, 0 to 1. */
  timelinessTarget: number;
  /** The share of long-term clients to have been reviewed in the last 12 months, 0 to 1 (PRIMED_REVIEWED_TARGET). */
  reviewedTarget: number;
}

/** A month of a team as the rules read it: its work figures and, where there are any, its care figures. */
export type ExceptionMonth = MonthFigures & { care?: CareMonthRow };

/** The month's care figures, or null without them (none loaded, or a month after the as-of month). */
function careOf(m: ExceptionMonth | undefined): CareMonthFigures | null {
  return m?.care && m.care.longTermPeople !== null ? (m.care as CareMonthFigures) : null;
}

/** The month's admissions to residential or nursing care, or null without care figures. */
function admissionsOf(m: ExceptionMonth): number | null {
  const care = careOf(m);
  return care ? admissionsTotal(care) : null;
}

export interface ExceptionRule {
  key: string;
  label: string;
  /** True when the rule judges work counted over a month's days: it cannot judge a part month. */
  countedOverTheMonth: boolean;
  /** Why the rule fires for these months, or null when it does not. */
  check(months: readonly ExceptionMonth[], settings: ExceptionSettings): string | null;
}

/** True when the figure rose in each of the last `times` months. */
function roseEachMonth(months: readonly ExceptionMonth[], pick: (m: ExceptionMonth) => number | null, times: number): boolean {
  if (months.length < times + 1) return false;
  const values = months.slice(-(times + 1)).map(pick);
  return values.every((v, i) => v !== null && (i === 0 || v > (values[i - 1] as number)));
}

const run = (months: readonly ExceptionMonth[], pick: (m: ExceptionMonth) => number | null, times: number) =>
  months
    .slice(-(times + 1))
    .map((m) => `${monthLabel(m)} ${pick(m)}`)
    .join(", ");

/**
 * A share below its target, in whole percentages, unless rounding would make it read as the target
 * itself ("90% completed on time, below the target of 90%" for 89.6%): then to one decimal place, rounded down.
 */
function percentBelow(share: number, target: number): string {
  const whole = Math.round(share * 100);
  return whole < Math.round(target * 100) ? `${whole}%` : `${Math.floor(share * 1000) / 10}%`;
}

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
      return `${percentBelow(rate, timelinessTarget)} completed on time in ${formatMonthShort(last!.month)}, below the target of ${Math.round(timelinessTarget * 100)}%.`;
    },
  },
  {
    key: "awaiting-allocation-growing",
    label: "Queue growing",
    countedOverTheMonth: false,
    check: (months) =>
      roseEachMonth(months, (m) => m.awaitingAllocation, 2) ? `The queue awaiting allocation grew two months running: ${run(months, (m) => m.awaitingAllocation, 2)}.` : null,
  },
  {
    key: "admissions-rising",
    label: "Admissions rising",
    // Admissions are counted over the month's days: a few days' admissions are not a month's.
    countedOverTheMonth: true,
    check: (months) => (roseEachMonth(months, admissionsOf, 3) ? `Admissions to residential or nursing care rose three months running: ${run(months, admissionsOf, 3)}.` : null),
  },
  {
    key: "reviewed-below-target",
    label: "Reviews below target",
    // Taken on a day (the month's end, or the as-of date so far): judged on a part month too, and said "so far".
    countedOverTheMonth: false,
    check: (months, { reviewedTarget }) => {
      const last = months.at(-1);
      // No long-term clients, no share: a team with none is never below target.
      const care = careOf(last);
      const share = care ? reviewedShare(care) : null;
      if (share === null || share >= reviewedTarget) return null;
      return `${percentBelow(share, reviewedTarget)} of long-term clients reviewed in the last 12 months in ${monthLabel(last!)}, below the target of ${Math.round(reviewedTarget * 100)}%.`;
    },
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
export function exceptionsFor(months: readonly ExceptionMonth[], settings: ExceptionSettings): FiredException[] {
  const part = months.length > 0 && isPartMonth(months.at(-1)!);
  return exceptionRules.flatMap((rule) => {
    if (part && rule.countedOverTheMonth) return [];
    const reason = rule.check(months, settings);
    if (!reason) return [];
    return [{ key: rule.key, label: part ? `${rule.label} (so far)` : rule.label, reason }];
  });
}
