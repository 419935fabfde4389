import type { ChartData, ChartOptions } from "chart.js";
import "../charts/chart-registry.client";
import { Chart } from "react-chartjs-2";
import { actionMarkerDataset, markerWords } from "~/interpretation/action-markers";
import { classificationColours, classificationWords } from "~/interpretation/signal-words";
import type { XmrSpec } from "~/interpretation/xmr-spec";

/** One line per section, so a recalculation shows as a break in the mean and limits. */
function bySection(spec: XmrSpec, pick: (index: number) => number | null) {
  return spec.sections.map((section) => spec.labels.map((_, index) => (index >= section.start && index <= section.end ? pick(index) : null)));
}

export function XmrChart({ spec, describedBy }: { spec: XmrSpec; describedBy: string }) {
  const line = (label: string, data: (number | null)[], colour: string, dash?: number[]) => ({
    type: "line" as const,
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    borderDash: dash,
    pointRadius: 0,
    spanGaps: false,
  });
  const datasets = [
    {
      type: "line" as const,
      label: spec.valueLabel,
      data: spec.points.map((p) => p.value),
      borderColor: "#505a5f",
      backgroundColor: spec.points.map((p) => classificationColours[p.classification]),
      pointBackgroundColor: spec.points.map((p) => classificationColours[p.classification]),
      pointBorderColor: "#0b0c0c",
      pointRadius: spec.points.map((p) => (p.classification === "common_cause" ? 4 : 7)),
      pointStyle: spec.points.map((p) => (p.classification === "concern" ? "triangle" : p.classification === "improvement" ? "rectRot" : "circle")),
      borderWidth: 2,
    },
    ...bySection(spec, (i) => spec.points[i]!.mean).map((data) => line("Mean", data, "#0b0c0c")),
    ...(spec.limitsShown
      ? [
          ...bySection(spec, (i) => spec.points[i]!.upl).map((data) => line("Process limits", data, "#505a5f", [6, 4])),
          ...bySection(spec, (i) => spec.points[i]!.lpl).map((data) => line("Process limits", data, "#505a5f", [6, 4])),
        ]
      : []),
    ...(spec.target === null
      ? []
      : [
          line(
            "Target",
            spec.labels.map(() => spec.target),
            "#d4351c",
            [2, 3],
          ),
        ]),
    ...(spec.markers.length === 0
      ? []
      : [
          actionMarkerDataset(
            spec.months,
            spec.points.map((p) => p.value),
            spec.markers,
          ),
        ]),
  ];
  const data: ChartData<"line", (number | null)[], string> = { labels: spec.labels, datasets };
  const options: ChartOptions<"line"> = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: "index", intersect: false },
    plugins: {
      legend: {
        position: "bottom",
        labels: {
          font: { size: 14 },
          // The per-section copies of a line share one legend entry.
          filter: (item, chartData) => chartData.datasets.findIndex((d) => d.label === item.text) === item.datasetIndex,
        },
      },
      tooltip: {
        callbacks: {
          afterLabel: (item) =>
            item.datasetIndex === 0
              ? classificationWords[spec.points[item.dataIndex]!.classification]
              : item.dataset.label === "Action done"
                ? markerWords(spec.markers, spec.months[item.dataIndex]!)
                : "",
        },
      },
    },
    scales: {
      x: { ticks: { font: { size: 13 } } },
      y: { title: { display: true, text: spec.yTitle, font: { size: 14 } }, ticks: { font: { size: 13 } } },
    },
  };
  return (
    <Chart
      type="line"
      data={data}
      options={options}
      role="img"
      aria-label={spec.summary}
      aria-describedby={describedBy}
      data-xmr={JSON.stringify({ values: spec.points.map((p) => p.value), classifications: spec.points.map((p) => p.classification), sections: spec.sections })}
    />
  );
}
