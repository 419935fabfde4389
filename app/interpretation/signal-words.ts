/*
 * Signals in plain words: what the icons say, what each rule means, and the
 * one sentence a manager can take into the meeting. Never colour alone
 * (docs/definitions.md#what-a-signal-means-and-the-icons): every icon and coloured point has these words beside it.
 */
import type { ImprovementDirection } from "../../db/schema";
import { addMonths, formatMonthLong, type IsoMonth } from "~/dates";
import { formatSeriesValue, type SeriesUnit } from "./report-series";
import type { AssuranceIcon, Classification, SpcRule, VariationIcon } from "./spc";

export const variationWords: Record<VariationIcon, string> = {
  improvement_high: "Improvement: a special cause, higher",
  improvement_low: "Improvement: a special cause, lower",
  concern_high: "Concern: a special cause, higher",
  concern_low: "Concern: a special cause, lower",
  neither_high: "A special cause, higher (neither better nor worse)",
  neither_low: "A special cause, lower (neither better nor worse)",
  common_cause: "Common cause: no significant change",
};

export const assuranceWords: Record<AssuranceIcon, string> = {
  pass: "The target will be met consistently",
  fail: "The target will not be met without a change in the process",
  hit_or_miss: "The target will be met or missed by chance",
};

export const classificationWords: Record<Classification, string> = {
  improvement: "Improvement",
  concern: "Concern",
  neither: "Special cause",
  common_cause: "Common cause",
};

export const directionWords: Record<ImprovementDirection, string> = {
  up: "higher is better",
  down: "lower is better",
  neither: "neither higher nor lower is better",
};

/** The MDC colours (docs/definitions.md#what-a-signal-means-and-the-icons); the words above always go with them. */
export const classificationColours: Record<Classification, string> = {
  improvement: "#00B0F0",
  concern: "#E46C0A",
  neither: "#490092",
  common_cause: "#A6A6A6",
};

export function ruleWords(rule: SpcRule, side: "high" | "low"): string {
  const above = side === "high";
  switch (rule) {
    case "single_point":
      return above ? "above the upper process limit" : "below the lower process limit";
    case "shift":
      return above ? "part of a run above the mean" : "part of a run below the mean";
    case "trend":
      return above ? "part of a run of rises" : "part of a run of falls";
    case "two_sigma":
      return above ? "two of three points close to the upper limit" : "two of three points close to the lower limit";
  }
}

export interface PointRulesInWords {
  high: SpcRule[];
  low: SpcRule[];
}

export function rulesInWords(point: PointRulesInWords): string {
  return [...point.high.map((rule) => ruleWords(rule, "high")), ...point.low.map((rule) => ruleWords(rule, "low"))].join("; ");
}

export interface SignalSummary {
  label: string;
  unit: SeriesUnit;
  direction: ImprovementDirection;
  month: IsoMonth;
  value: number;
  mean: number;
  variationIcon: VariationIcon | null;
  /** How many of the latest points in a row share the latest point's classification. */
  runLength: number;
  high: SpcRule[];
  low: SpcRule[];
}

/**
 * The signal as a question to take into the meeting, e.g. "Overdue: 7 months
 * above the mean, and lower is better: a concern. What changed in March 2026?"
 */
export function signalPrompt(signal: SignalSummary): string | null {
  if (!signal.variationIcon || signal.variationIcon === "common_cause") return null;
  const where = signal.value > signal.mean ? "above" : "below";
  const what =
    signal.runLength > 1
      ? `${signal.runLength} months ${where} the mean (${formatSeriesValue(signal.mean, signal.unit)})`
      : `${formatSeriesValue(signal.value, signal.unit)} in ${formatMonthLong(signal.month)}, ${rulesInWords(signal)}`;
  const meaning = signal.variationIcon.startsWith("improvement") ? "an improvement" : signal.variationIcon.startsWith("concern") ? "a concern" : "a change to understand";
  const since = signal.runLength > 1 ? ` What changed around ${formatMonthLong(addMonths(signal.month, -(signal.runLength - 1)))}?` : " What happened that month?";
  return `${signal.label}: ${what}, and ${directionWords[signal.direction]}: ${meaning}.${since}`;
}
