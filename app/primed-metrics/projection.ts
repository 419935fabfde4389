/*
 * The baseline projection: what would have happened without the change. A
 * least-squares straight line through the values of the baseline months,
 * carried on month by month. Pure: values in, line out.
 */
import { formatMonthShort, type IsoMonth } from "~/dates";
import { monthsBetween } from "./months";

export interface MonthValue {
  month: IsoMonth;
  value: number;
}

/** The fitted line: value = intercept + slope × (months since `from`). */
export interface BaselineFit {
  from: IsoMonth;
  to: IsoMonth;
  slope: number;
  intercept: number;
  /** How many baseline months had a value. */
  points: number;
}

export const MINIMUM_BASELINE_VALUES = 3;

export type BaselineFitResult = { ok: true; fit: BaselineFit } | { ok: false; reason: string };

/** Fits the line to the values in the baseline months, or says in words why it cannot. */
export function fitBaseline(values: readonly MonthValue[], from: IsoMonth, to: IsoMonth): BaselineFitResult {
  const points = values.filter((v) => v.month >= from && v.month <= to && Number.isFinite(v.value));
  if (points.length < MINIMUM_BASELINE_VALUES) {
    const have = points.length === 0 ? "no values" : points.length === 1 ? "only 1 value" : `only ${points.length} values`;
    return {
      ok: false,
      reason: `The baseline (${formatMonthShort(from)} to ${formatMonthShort(to)}) has ${have}: a baseline projection needs at least ${MINIMUM_BASELINE_VALUES}. Enter the baseline months' values to see it.`,
    };
  }
  const xs = points.map((p) => monthsBetween(from, p.month));
  const ys = points.map((p) => p.value);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - meanX) * (ys[i]! - meanY);
    sxx += (x - meanX) ** 2;
  });
  // Months are distinct, so with 3 or more points sxx > 0.
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { ok: true, fit: { from, to, slope, intercept: meanY - slope * meanX, points: points.length } };
}

/** The line's value in any month (before, in or after the baseline). */
export function lineAt(fit: BaselineFit, month: IsoMonth): number {
  return fit.intercept + fit.slope * monthsBetween(fit.from, month);
}

/** The projection for each of `months` after the baseline ended; earlier months are left out. */
export function projectAfterBaseline(fit: BaselineFit, months: readonly IsoMonth[]): MonthValue[] {
  return months.filter((month) => month > fit.to).map((month) => ({ month, value: lineAt(fit, month) }));
}
