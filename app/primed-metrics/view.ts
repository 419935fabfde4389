/*
 * What a metric's page and the list of metrics show, worked out from the
 * metric, its values and its trajectory. Pure, so the pages and the tests see
 * the same figures.
 */
import { actionMarkers, markersSummary, type ActionMarker } from "~/interpretation/action-markers";
import { formatMonthLong, formatMonthShort, monthRange, type IsoMonth } from "~/dates";
import type { ImprovementDirection, MetricMeasure } from "../../db/schema";
import { differenceInWords, differenceSince, shortDifference, type DifferenceWords } from "./difference";
import { displayDecimals, formatNumber, formatWithUnit, unitKind } from "./numbers";
import { fitBaseline, lineAt, type MonthValue } from "./projection";
import { metricSignals, type MetricSignals } from "./signals";

export interface MetricShape {
  name: string;
  unit: string;
  measure: MetricMeasure;
  direction: ImprovementDirection;
  baselineFrom: IsoMonth;
  baselineTo: IsoMonth;
}

export interface MetricRow {
  month: IsoMonth;
  actual: number | null;
  trajectory: number | null;
  projection: number | null;
}

/** A line chart's content, independent of the charting library. */
export interface LineChartSpec {
  labels: string[];
  months: IsoMonth[];
  /** Linked actions done, by month: stars on the actual line. */
  markers: ActionMarker[];
  series: { label: string; data: (number | null)[]; colour: string; dashed: boolean; points: boolean }[];
  yTitle: string;
  /** One sentence for screen readers; the table under the chart has the figures. */
  summary: string;
}

export interface MetricView {
  /** Decimal places of the values, and of the projection (one more, so its line is smooth; the table shows the same). */
  decimals: number;
  projectionDecimals: number;
  rows: MetricRow[];
  chart: LineChartSpec;
  /** How the projection was drawn, or why there is none. */
  projectionNote: string;
  hasProjection: boolean;
  baseline: DifferenceWords | null;
  /** Why there is no comparison with the baseline projection. */
  baselineMissing: string | null;
  trajectory: DifferenceWords | null;
  trajectoryMissing: string | null;
  latest: MonthValue | null;
  signals: MetricSignals;
}

/** Chart colours: GOV.UK blue, orange and dark grey, distinct in greyscale too; lines differ by dash as well. */
const colours = { actual: "#1d70b8", trajectory: "#f47738", projection: "#505a5f" };

/** The longest span a page draws: 20 years of months. */
const MAX_MONTHS = 240;

function chartMonths(metric: MetricShape, values: readonly MonthValue[], trajectory: readonly MonthValue[]): IsoMonth[] {
  const months = [...values, ...trajectory].map((v) => v.month);
  const first = [metric.baselineFrom, ...months].sort()[0]!;
  const last = [metric.baselineTo, ...months].sort().at(-1)!;
  const range = monthRange(first, last);
  return range.length > MAX_MONTHS ? range.slice(-MAX_MONTHS) : range;
}

/** "rising by 0.6 people each month", "falling by £0.40 a day each month", "flat". */
export function slopeInWords(slope: number, unit: string): string {
  const size = Math.abs(slope);
  const decimals = size >= 10 ? 0 : size >= 1 ? 1 : 2;
  if (Number(size.toFixed(decimals)) === 0) return "flat";
  const amount = unitKind(unit) === "percent" ? `${formatNumber(size, decimals)} percentage points` : formatWithUnit(size, unit, decimals);
  return `${slope > 0 ? "rising" : "falling"} by ${amount} each month`;
}

export function metricView(
  metric: MetricShape,
  values: readonly MonthValue[],
  trajectory: readonly MonthValue[],
  linkedActions: Parameters<typeof actionMarkers>[0] = [],
): MetricView {
  const decimals = displayDecimals(
    values.map((v) => v.value),
    metric.unit,
  );
  const projectionDecimals = Math.min(decimals + 1, 2);
  const actualBy = new Map(values.map((v) => [v.month, v.value]));
  const plannedBy = new Map(trajectory.map((v) => [v.month, v.value]));
  const fitted = fitBaseline(values, metric.baselineFrom, metric.baselineTo);
  const months = chartMonths(metric, values, trajectory);
  const projectionAt = (month: IsoMonth) => (fitted.ok && month >= metric.baselineFrom ? lineAt(fitted.fit, month) : null);
  const rows = months.map((month) => ({
    month,
    actual: actualBy.get(month) ?? null,
    trajectory: plannedBy.get(month) ?? null,
    projection: projectionAt(month),
  }));

  let projectionNote: string;
  if (fitted.ok) {
    const trend = slopeInWords(fitted.fit.slope, metric.unit);
    projectionNote = `The baseline projection is a straight line fitted to the ${fitted.fit.points} values from ${formatMonthShort(metric.baselineFrom)} to ${formatMonthShort(metric.baselineTo)} (${trend}), carried on after the baseline: what would have happened without the change.`;
  } else {
    projectionNote = fitted.reason;
  }

  const metricWords = { measure: metric.measure, direction: metric.direction, unit: metric.unit };
  let baseline: DifferenceWords | null = null;
  let baselineMissing: string | null = null;
  if (!fitted.ok) baselineMissing = fitted.reason;
  else {
    const difference = differenceSince(metric.measure, values, (month) => lineAt(fitted.fit, month), metric.baselineTo);
    if (difference) baseline = differenceInWords(difference, metricWords, "baseline", decimals);
    else baselineMissing = `No values after the baseline ended (${formatMonthLong(metric.baselineTo)}) yet, so there is nothing to compare with the projection.`;
  }

  let trajectoryResult: DifferenceWords | null = null;
  let trajectoryMissing: string | null = null;
  if (trajectory.length === 0) trajectoryMissing = "No trajectory has been set.";
  else {
    const difference = differenceSince(metric.measure, values, (month) => plannedBy.get(month) ?? null, null);
    if (difference) trajectoryResult = differenceInWords(difference, metricWords, "trajectory", decimals);
    else trajectoryMissing = "No month has both a value and a planned value yet.";
  }

  const first = months[0]!;
  const last = months[months.length - 1]!;
  const markers = actionMarkers(linkedActions, months);
  const chart: LineChartSpec = {
    labels: months.map(formatMonthShort),
    months,
    markers,
    series: [
      { label: "Actual", data: rows.map((r) => r.actual), colour: colours.actual, dashed: false, points: true },
      { label: "Trajectory (plan)", data: rows.map((r) => r.trajectory), colour: colours.trajectory, dashed: true, points: false },
      {
        label: "Baseline projection",
        data: rows.map((r) => (r.projection === null ? null : Number(r.projection.toFixed(projectionDecimals)))),
        colour: colours.projection,
        dashed: true,
        points: false,
      },
    ],
    yTitle: metric.unit,
    summary: `Line chart of ${metric.name}, ${formatMonthShort(first)} to ${formatMonthShort(last)}: the actual values, the trajectory and the baseline projection.${markersSummary(markers)}`,
  };

  return {
    decimals,
    projectionDecimals,
    rows,
    chart,
    projectionNote,
    hasProjection: fitted.ok,
    baseline,
    baselineMissing,
    trajectory: trajectoryResult,
    trajectoryMissing,
    latest: values.length > 0 ? values[values.length - 1]! : null,
    signals: metricSignals(values, metric.direction, { from: metric.baselineFrom, to: metric.baselineTo }),
  };
}

export interface MetricListEntry {
  latest: string | null;
  latestMonth: IsoMonth | null;
  againstTrajectory: string;
  signal: string;
}

/** One metric's line in the list of metrics. */
export function metricListEntry(metric: MetricShape, values: readonly MonthValue[], trajectory: readonly MonthValue[]): MetricListEntry {
  const decimals = displayDecimals(
    values.map((v) => v.value),
    metric.unit,
  );
  const latest = values.length > 0 ? values[values.length - 1]! : null;
  const planned = latest ? trajectory.find((t) => t.month === latest.month) : undefined;
  return {
    latest: latest ? formatWithUnit(latest.value, metric.unit, decimals) : null,
    latestMonth: latest?.month ?? null,
    againstTrajectory: !latest
      ? "No values yet"
      : planned
        ? shortDifference(latest.value - planned.value, metric.unit, decimals)
        : `No trajectory for ${formatMonthShort(latest.month)}`,
    signal: metricSignals(values, metric.direction, { from: metric.baselineFrom, to: metric.baselineTo }).short,
  };
}
