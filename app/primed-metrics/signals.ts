/*
 * Signal or noise for a Primed Metric: its monthly values read by the service's
 * SPC engine (app/interpretation/spc.ts), with the limits drawn from the
 * baseline months, and the result in words.
 */
import { addMonths, formatMonthLong, formatMonthShort, type IsoMonth } from "~/dates";
import { classificationWords, rulesInWords, variationWords } from "~/interpretation/signal-words";
import { interpretSeries, SpcInputError, valuesByMonth, type VariationIcon } from "~/interpretation/spc";
import type { ImprovementDirection } from "../../db/schema";
import { monthsBetween } from "./months";
import type { MonthValue } from "./projection";

export interface SignalRow {
  month: IsoMonth;
  value: number;
  mean: number;
  lowerLimit: number | null;
  upperLimit: number | null;
  classification: string;
  rules: string;
}

export type MetricSignals =
  | {
      ok: true;
      /** The latest month's result in one sentence. */
      latest: string;
      /** Short form for the list of metrics. */
      short: string;
      variation: VariationIcon | null;
      limitsFrom: string;
      rows: SignalRow[];
    }
  | { ok: false; message: string; short: string };

/**
 * The chart for the metric's values; the mean and limits come from the
 * baseline months only (docs/definitions.md#limits),
 * so the series is read from the baseline's first month: months before it are
 * another process and would widen or shift the limits. A gap in the months
 * read is refused with the engine's own message (a skipped month would make
 * the limits wrong).
 */
export function metricSignals(values: readonly MonthValue[], direction: ImprovementDirection, baseline: { from: IsoMonth; to: IsoMonth }): MetricSignals {
  if (values.length === 0) return { ok: false, message: "No values have been entered yet, so there are no signals to read.", short: "No values yet" };
  const baselineTo = baseline.to;
  // With no value from the baseline on, there is nothing to leave out: every month is read.
  const read = values.some((v) => v.month >= baseline.from) ? values.filter((v) => v.month >= baseline.from) : values;
  const leftOut = values.length - read.length;
  let series: { firstMonth: IsoMonth | null; values: number[] };
  try {
    series = valuesByMonth(read.map((v) => ({ month: v.month, value: v.value })));
  } catch (error) {
    if (error instanceof SpcInputError) {
      return { ok: false, message: `Signals cannot be read: ${error.message}.`, short: "A month is missing" };
    }
    throw error;
  }
  const first = series.firstMonth!;
  const count = series.values.length;
  const end = monthsBetween(first, baselineTo);
  // The engine needs a baseline of 2 points or more that ends inside the series.
  const baselineEnd = end >= 1 && end < count ? end : null;
  let chart;
  try {
    chart = interpretSeries({ values: series.values, direction, baselineEnd });
  } catch (error) {
    if (error instanceof SpcInputError) return { ok: false, message: `Signals cannot be read: ${error.message}.`, short: "Cannot be read" };
    throw error;
  }
  const months = series.values.map((_, index) => addMonths(first, index));
  const last = months[months.length - 1]!;
  const before =
    leftOut > 0
      ? ` The ${leftOut === 1 ? "month" : `${leftOut} months`} before the baseline ${leftOut === 1 ? "is" : "are"} not read: ${leftOut === 1 ? "it belongs" : "they belong"} to the process before it.`
      : "";
  const limitsFrom =
    (baselineEnd !== null
      ? `The mean and limits are drawn from the baseline, ${formatMonthShort(first)} to ${formatMonthShort(baselineTo)}, and carried on, so a change since shows as a signal.`
      : `The mean and limits are drawn from every month read, ${formatMonthShort(first)} to ${formatMonthShort(last)}.`) + before;
  const rows = chart.points.map((point, index) => ({
    month: months[index]!,
    value: point.value,
    mean: point.mean,
    lowerLimit: point.lpl,
    upperLimit: point.upl,
    classification: classificationWords[point.classification],
    rules: rulesInWords(point),
  }));
  if (!chart.limitsShown) {
    return {
      ok: true,
      latest: `No signals yet for ${formatMonthLong(last)}: ${chart.whyNoLimits ?? "limits are not shown"}.`,
      short: "Too few months to tell",
      variation: null,
      limitsFrom,
      rows,
    };
  }
  const variation = chart.variationIcon ?? "common_cause";
  const latestRow = rows[rows.length - 1]!;
  const why = latestRow.rules ? ` It is ${latestRow.rules}.` : "";
  return {
    ok: true,
    latest: `${formatMonthLong(last)}: ${variationWords[variation]}.${why}`,
    short: variationWords[variation],
    variation,
    limitsFrom,
    rows,
  };
}
