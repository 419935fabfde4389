/*
 * What an XmR chart shows, built from a reading on the server and drawn by
 * chart.js in the browser; the table beside it has the same figures.
 */
import { markersSummary, type ActionMarker } from "~/interpretation/action-markers";
import { formatMonthShort, type IsoMonth } from "~/dates";
import { formatSeriesValue, type SeriesUnit } from "~/interpretation/report-series";
import { classificationWords, rulesInWords } from "~/interpretation/signal-words";
import type { SpcChart } from "~/interpretation/spc";

export interface XmrSpec {
  labels: string[];
  months: IsoMonth[];
  valueLabel: string;
  yTitle: string;
  unit: SeriesUnit;
  limitsShown: boolean;
  target: number | null;
  sections: { start: number; end: number }[];
  points: SpcChart["points"];
  summary: string;
  /** Linked actions done, by month: stars on the chart. */
  markers: ActionMarker[];
}

export function xmrSpec(chart: SpcChart, months: IsoMonth[], label: string, unit: SeriesUnit, target: number | null, markers: ActionMarker[] = []): XmrSpec {
  const special = chart.points.filter((p) => p.classification !== "common_cause").length;
  const last = chart.points.at(-1)!;
  const format = (value: number) => formatSeriesValue(value, unit);
  return {
    labels: months.map(formatMonthShort),
    months,
    valueLabel: label,
    yTitle: label,
    unit,
    limitsShown: chart.limitsShown,
    target,
    sections: chart.sections.map(({ start, end }) => ({ start, end })),
    points: chart.points,
    markers,
    summary: `${label}, ${months.length} months to ${formatMonthShort(months.at(-1)!)}: latest ${format(last.value)}, mean ${format(last.mean)}${
      chart.limitsShown && last.upl !== null && last.lpl !== null ? `, process limits ${format(last.lpl)} to ${format(last.upl)}` : ", no process limits"
    }; ${special} ${special === 1 ? "month shows" : "months show"} a special cause${target === null ? "" : `; target ${format(target)}`}.${markersSummary(markers)}`,
  };
}

/** One row of the chart's table: the month's figures and what they signal, in words. */
export function xmrRows(spec: XmrSpec) {
  const format = (value: number | null) => (value === null ? "" : formatSeriesValue(value, spec.unit));
  return spec.points.map((point, index) => ({
    month: spec.months[index]!,
    label: spec.labels[index]!,
    value: format(point.value),
    mean: format(point.mean),
    lpl: format(point.lpl),
    upl: format(point.upl),
    signal: classificationWords[point.classification],
    classification: point.classification,
    why: rulesInWords(point),
    newSection: index > 0 && spec.sections.some((s) => s.start === index),
  }));
}
