/*
 * A reading as a page shows it: the chart's spec, the icons, the prompt, and
 * what has been set (direction, target, recalculations). Built on the server
 * so the page receives figures and words, not the engine.
 */
import { actionMarkers } from "~/interpretation/action-markers";
import { xmrSpec } from "~/interpretation/xmr-spec";
import { signalPrompt } from "./signal-words";
import { signalSummaryOf, type SeriesReading } from "./team-signals.server";

/** A reading without its chart, for the team report's summary table: the page stays light. */
export function signalSummaryView(reading: SeriesReading) {
  const { series, chart } = reading;
  const summary = signalSummaryOf(reading);
  return {
    key: series.key,
    label: series.label,
    measures: series.measures,
    unit: series.unit,
    direction: reading.direction,
    defaultDirection: series.defaultDirection,
    target: reading.target,
    problem: reading.problem,
    recalculationNotes: reading.recalculationNotes,
    variationIcon: chart?.variationIcon ?? null,
    assuranceIcon: chart?.assuranceIcon ?? null,
    whyNoLimits: chart?.whyNoLimits ?? reading.problem,
    latest: summary && { month: summary.month, value: summary.value, mean: summary.mean },
    prompt: summary && signalPrompt(summary),
  };
}

/** A reading with its chart and what people have recorded against it, with the linked actions done as stars. */
export function signalView(reading: SeriesReading, linkedActions: Parameters<typeof actionMarkers>[0] = []) {
  const { series, chart } = reading;
  return {
    ...signalSummaryView(reading),
    months: reading.months,
    recalculations: reading.recalculations,
    spec: chart ? xmrSpec(chart, reading.months, series.label, series.unit, reading.target?.value ?? null, actionMarkers(linkedActions, reading.months)) : null,
  };
}

export type SignalSummaryView = ReturnType<typeof signalSummaryView>;
export type SignalView = ReturnType<typeof signalView>;
