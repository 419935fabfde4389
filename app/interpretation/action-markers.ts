/*
 * "Did it work?": the actions linked to a measure, drawn on its chart at the
 * month each was done, so a team can see whether the figure moved after it.
 */
import { monthOf, type IsoMonth } from "~/dates";
import type { ActionStatus } from "../../db/schema";

export interface ActionMarker {
  month: IsoMonth;
  /** The actions done that month. */
  titles: string[];
}

/** One marker per month on the chart in which linked actions were done. */
export function actionMarkers(actions: readonly { title: string; status: ActionStatus; completedOn: string | null }[], months: readonly IsoMonth[]): ActionMarker[] {
  const shown = new Set(months);
  const byMonth = new Map<IsoMonth, string[]>();
  for (const action of actions) {
    if (action.status !== "done" || action.completedOn === null) continue;
    const month = monthOf(action.completedOn);
    if (shown.has(month)) byMonth.set(month, [...(byMonth.get(month) ?? []), action.title]);
  }
  return months.filter((m) => byMonth.has(m)).map((month) => ({ month, titles: byMonth.get(month)! }));
}

/**
 * A chart.js line dataset of stars, one on the measure's line at each marker's
 * month (no line between them), told apart by shape as well as colour.
 */
export function actionMarkerDataset(months: readonly IsoMonth[], values: readonly (number | null)[], markers: readonly ActionMarker[]) {
  const at = new Map(markers.map((m) => [m.month, m]));
  return {
    type: "line" as const,
    label: "Action done",
    data: months.map((month, index) => (at.has(month) ? (values[index] ?? null) : null)),
    showLine: false,
    pointStyle: "star" as const,
    pointRadius: 11,
    pointHoverRadius: 13,
    pointBorderWidth: 2,
    borderColor: "#0b0c0c",
    backgroundColor: "#0b0c0c",
  };
}

/** The words a marker's tooltip shows. */
export function markerWords(markers: readonly ActionMarker[], month: IsoMonth): string {
  const marker = markers.find((m) => m.month === month);
  return marker ? `Done: ${marker.titles.join("; ")}` : "";
}

/** The sentence the chart's summary gains. */
export function markersSummary(markers: readonly ActionMarker[]): string {
  const count = markers.reduce((sum, m) => sum + m.titles.length, 0);
  return count === 0 ? "" : ` Stars mark the months ${count} linked ${count === 1 ? "action was" : "actions were"} done.`;
}
