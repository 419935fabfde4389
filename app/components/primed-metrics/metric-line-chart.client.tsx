import type { ChartData, ChartOptions } from "chart.js";
import "../charts/chart-registry.client";
import { Line } from "react-chartjs-2";
import { actionMarkerDataset, markerWords } from "~/interpretation/action-markers";
import type { LineChartSpec } from "~/primed-metrics/view";

/** A Primed Metric's actual values, trajectory and baseline projection as three lines (browser only). */
export function MetricLineChart({ spec, describedBy }: { spec: LineChartSpec; describedBy: string }) {
  const data: ChartData<"line", (number | null)[], string> = {
    labels: spec.labels,
    datasets: spec.series.map((s, index) => ({
      label: s.label,
      data: s.data,
      borderColor: s.colour,
      backgroundColor: s.colour,
      borderWidth: index === 0 ? 3 : 2,
      // Told apart by dash as well as colour: dashes for the plan, dots for the projection.
      borderDash: s.dashed ? (index === 1 ? [8, 4] : [2, 3]) : undefined,
      pointRadius: s.points ? 3 : 0,
      pointHoverRadius: s.points ? 5 : 3,
      spanGaps: false,
      order: index === 0 ? 0 : 1,
    })),
  };
  if (spec.markers.length > 0) data.datasets.push(actionMarkerDataset(spec.months, spec.series[0]!.data, spec.markers));
  const options: ChartOptions<"line"> = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: "index", intersect: false },
    plugins: {
      legend: { position: "bottom", labels: { font: { size: 14 } } },
      tooltip: { callbacks: { afterLabel: (item) => (item.dataset.label === "Action done" ? markerWords(spec.markers, spec.months[item.dataIndex]!) : "") } },
    },
    scales: {
      x: { ticks: { font: { size: 13 }, maxRotation: 0, autoSkipPadding: 12 } },
      y: { beginAtZero: false, title: { display: true, text: spec.yTitle, font: { size: 14 } }, ticks: { font: { size: 13 } } },
    },
  };
  return (
    <Line
      data={data}
      options={options}
      role="img"
      aria-label={spec.summary}
      aria-describedby={describedBy}
      data-chart-series={JSON.stringify(spec.series.map((s) => ({ label: s.label, data: s.data })))}
    />
  );
}
