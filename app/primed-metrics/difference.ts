/*
 * How far the actual values are from what was expected (the baseline
 * projection or the trajectory), and the sentence that says so. For a flow
 * (counted afresh each month) the months add up; for a level (a count at the
 * month's end) only the latest month counts.
 */
import { formatMonthLong, type IsoMonth } from "~/dates";
import type { ImprovementDirection, MetricMeasure } from "../../db/schema";
import { differenceDecimals, formatNumber, unitKind } from "./numbers";
import type { MonthValue } from "./projection";

export interface Difference {
  /** Actual minus expected: summed over the months for a flow, the latest month's for a level. */
  amount: number;
  from: IsoMonth;
  to: IsoMonth;
  months: number;
}

/**
 * The difference over the months after `after` (the baseline's last month)
 * that have both an actual value and an expected one; null when there are none.
 */
export function differenceSince(measure: MetricMeasure, actual: readonly MonthValue[], expected: (month: IsoMonth) => number | null, after: IsoMonth | null): Difference | null {
  const pairs = [...actual]
    .filter((v) => after === null || v.month > after)
    .map((v) => ({ month: v.month, actual: v.value, expected: expected(v.month) }))
    .filter((p): p is { month: IsoMonth; actual: number; expected: number } => p.expected !== null)
    .sort((a, b) => a.month.localeCompare(b.month));
  if (pairs.length === 0) return null;
  const last = pairs[pairs.length - 1]!;
  if (measure === "level") return { amount: last.actual - last.expected, from: last.month, to: last.month, months: 1 };
  return {
    amount: pairs.reduce((sum, p) => sum + (p.actual - p.expected), 0),
    from: pairs[0]!.month,
    to: last.month,
    months: pairs.length,
  };
}

/** "people" for 1 of "people"; "admission" for 1 of "admissions to care homes". */
function singular(unit: string): string {
  const [first = "", ...rest] = unit.split(" ");
  const one =
    first === "people"
      ? "person"
      : first === "children"
        ? "child"
        : first.endsWith("ies")
          ? `${first.slice(0, -3)}y`
          : first.endsWith("s") && !first.endsWith("ss")
            ? first.slice(0, -1)
            : first;
  return [one, ...rest].join(" ");
}

/**
 * The size and side of a difference in words, without what it is compared
 * with: "21 fewer people in residential care", "£1,240 a day less",
 * "3.2 percentage points higher", "0.4 points lower". Null when it rounds to nothing.
 */
export function amountInWords(amount: number, unit: string, valueDecimals: number): string | null {
  const decimals = differenceDecimals(amount, unit, valueDecimals);
  const size = Number(Math.abs(amount).toFixed(decimals));
  if (size === 0) return null;
  const figure = formatNumber(size, decimals);
  const up = amount > 0;
  const trimmed = unit.trim();
  switch (unitKind(trimmed)) {
    case "money": {
      const rest = trimmed.slice(1).trim();
      return `£${figure}${rest ? ` ${rest}` : ""} ${up ? "more" : "less"}`;
    }
    case "percent":
      return `${figure} percentage ${size === 1 ? "point" : "points"} ${up ? "higher" : "lower"}`;
    case "points":
      return `${figure} ${size === 1 ? "point" : "points"} ${up ? "higher" : "lower"}`;
    case "count":
      return `${figure} ${up ? "more" : "fewer"} ${size === 1 ? singular(trimmed) : trimmed}`;
  }
}

export type Verdict = "better" | "worse" | null;

export function verdictOf(amount: number, direction: ImprovementDirection): Verdict {
  if (direction === "neither" || amount === 0) return null;
  return amount > 0 === (direction === "up") ? "better" : "worse";
}

export interface DifferenceWords {
  sentence: string;
  verdict: Verdict;
}

const comparedWith = { baseline: "the baseline projects", trajectory: "the trajectory plans" } as const;

/**
 * The difference as one sentence, e.g. "21 fewer people in residential and
 * nursing care than the baseline projects (November 2026): better, as lower
 * is better for this measure." A flow names the months it adds up.
 */
export function differenceInWords(
  difference: Difference,
  metric: { measure: MetricMeasure; direction: ImprovementDirection; unit: string },
  against: keyof typeof comparedWith,
  valueDecimals: number,
): DifferenceWords {
  const when =
    difference.from === difference.to ? `(${formatMonthLong(difference.to)})` : `(in total from ${formatMonthLong(difference.from)} to ${formatMonthLong(difference.to)})`;
  const amount = amountInWords(difference.amount, metric.unit, valueDecimals);
  if (amount === null) {
    return { sentence: `The same as ${comparedWith[against]} ${when}.`, verdict: null };
  }
  const verdict = verdictOf(difference.amount, metric.direction);
  const why = metric.direction === "up" ? "higher is better" : "lower is better";
  return {
    sentence: `${amount} than ${comparedWith[against]} ${when}${verdict ? `: ${verdict}, as ${why} for this measure` : ""}.`,
    verdict,
  };
}

/** A short form for a table cell: "3 above", "£2.10 below", "on it". */
export function shortDifference(amount: number, unit: string, valueDecimals: number): string {
  const decimals = differenceDecimals(amount, unit, valueDecimals);
  const size = Number(Math.abs(amount).toFixed(decimals));
  if (size === 0) return "on the trajectory";
  const kind = unitKind(unit);
  const figure =
    kind === "money"
      ? `£${formatNumber(size, decimals)}`
      : kind === "percent"
        ? `${formatNumber(size, decimals)} percentage ${size === 1 ? "point" : "points"}`
        : formatNumber(size, decimals);
  return `${figure} ${amount > 0 ? "above" : "below"} the trajectory`;
}
