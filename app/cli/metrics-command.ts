/*
 * `npm run primed -- metrics`: every Primed Metric as its page shows it (its
 * values, trajectory and baseline projection month by month, and the
 * differences in words), worked out by the same view (app/primed-metrics/
 * view.ts), so an analyst or a test can check the page against the data.
 */
import type { Db } from "../../db/connection";
import type { ImprovementDirection, MetricKind, MetricMeasure } from "../../db/schema";
import type { IsoDate, IsoMonth } from "~/dates";
import { metricTeams, valuesOfMetric } from "~/primed-metrics/counted-values.server";
import { scopeInWords } from "~/primed-metrics/counted-measures";
import { directionLabels } from "~/primed-metrics/forms";
import { listMetrics, metricTrajectory } from "~/primed-metrics/metrics.server";
import { formatValue } from "~/primed-metrics/numbers";
import { metricView } from "~/primed-metrics/view";
import { CliError } from "./cli-error";

export interface MetricReport {
  id: number;
  name: string;
  /** Entered by people (typed or uploaded), or counted by Primed from the loaded data each time it is read. */
  kind: MetricKind;
  /** A counted metric's measure, by its key in the list (app/primed-metrics/counted-measures.ts); null when entered. */
  countedMeasure: string | null;
  /** Whose figures a counted metric counts: "the whole service" or its teams. An entered metric is the service's. */
  scope: string;
  unit: string;
  measure: MetricMeasure;
  direction: ImprovementDirection;
  owner: string;
  baseline: { from: IsoMonth; to: IsoMonth };
  /** Decimal places the page shows values with, and the projection with (one more, up to 2). */
  decimals: number;
  projectionDecimals: number;
  /** Every month from the baseline's first to the last value or planned value: the projection to the decimals the page shows. */
  months: { month: IsoMonth; actual: number | null; trajectory: number | null; projection: number | null }[];
  projectionNote: string;
  /** The latest difference from the baseline projection and from the trajectory, in the page's words, or why there is none. */
  againstBaseline: string;
  againstTrajectory: string;
  signal: string;
}

/** Every metric, or the one named (by name, any case, or id). */
export function runMetrics(db: Db, today: IsoDate, options: { metric?: string } = {}): MetricReport[] {
  const all = listMetrics(db);
  const wanted = options.metric?.trim().toLowerCase();
  const chosen = wanted === undefined ? all : all.filter((m) => m.name.toLowerCase() === wanted || String(m.id) === wanted);
  if (wanted !== undefined && chosen.length === 0) {
    throw new CliError(`No Primed Metric is called "${options.metric}". The metrics are: ${all.map((m) => m.name).join("; ") || "none yet"}.`);
  }
  return chosen.map((metric) => {
    const view = metricView(metric, valuesOfMetric(db, metric, today), metricTrajectory(db, metric.id));
    const round = (n: number | null, decimals: number) => (n === null ? null : Number(n.toFixed(decimals)));
    return {
      id: metric.id,
      name: metric.name,
      kind: metric.kind,
      countedMeasure: metric.countedMeasure,
      scope: metric.kind === "counted" ? scopeInWords(metricTeams(db, metric.id).map((t) => t.name)) : "the whole service",
      unit: metric.unit,
      measure: metric.measure,
      direction: metric.direction,
      owner: metric.ownerName,
      baseline: { from: metric.baselineFrom, to: metric.baselineTo },
      decimals: view.decimals,
      projectionDecimals: view.projectionDecimals,
      months: view.rows.map((r) => ({ month: r.month, actual: r.actual, trajectory: r.trajectory, projection: round(r.projection, view.projectionDecimals) })),
      projectionNote: view.projectionNote,
      againstBaseline: view.baseline?.sentence ?? view.baselineMissing ?? "",
      againstTrajectory: view.trajectory?.sentence ?? view.trajectoryMissing ?? "",
      signal: view.signals.ok ? view.signals.latest : view.signals.message,
    };
  });
}

/** The same, readable in a terminal: a block a metric. */
export function formatMetrics(metrics: readonly MetricReport[]): string {
  if (metrics.length === 0) return "No Primed Metrics yet. Heads of service and administrators add them at /metrics/new.";
  return metrics
    .map((m) => {
      const cell = (v: number | null, decimals = m.decimals) => (v === null ? "-" : formatValue(v, m.unit, decimals)).padStart(14);
      const lines = [
        `${m.name} (${m.unit}; ${m.measure === "flow" ? "a flow: months add up" : "a level: the latest month counts"}; ${directionLabels[m.direction].toLowerCase()})`,
        `  ${m.kind === "counted" ? `counted from the data (${m.countedMeasure})` : "entered by people"}, for ${m.scope}; owner ${m.owner}; baseline ${m.baseline.from} to ${m.baseline.to}`,
        `  ${"month".padEnd(8)}${"actual".padStart(14)}${"trajectory".padStart(14)}${"projection".padStart(14)}`,
        ...m.months.map((r) => `  ${r.month.padEnd(8)}${cell(r.actual)}${cell(r.trajectory)}${cell(r.projection, m.projectionDecimals)}`),
        `  ${m.projectionNote}`,
        `  Against the baseline: ${m.againstBaseline}`,
        `  Against the trajectory: ${m.againstTrajectory}`,
        `  Signal: ${m.signal}`,
      ];
      return lines.join("\n");
    })
    .join("\n\n");
}
