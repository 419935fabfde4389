import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from "chart.js";
import { Chart } from "react-chartjs-2";
import type { ChartSpec } from "./chart-spec";

ChartJS.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

export function BarChart({ spec, describedBy }: { spec: ChartSpec; describedBy: string }) {
  const stacked = spec.series.some((s) => s.stack);
  const data: ChartData<"bar" | "line", (number | null)[], string> = {
    labels: spec.labels,
    datasets: spec.series.map((s) => ({
      type: s.kind ?? "bar",
      label: s.label,
      data: s.data,
      backgroundColor: s.colour,
      borderColor: s.colour,
      borderWidth: s.kind === "line" ? 3 : 0,
      pointRadius: s.kind === "line" ? 4 : undefined,
      pointStyle: s.kind === "line" ? "rectRot" : undefined,
      stack: s.stack ?? s.label,
      order: s.kind === "line" ? 0 : 1,
    })),
  };
  const options: ChartOptions<"bar" | "line"> = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: "index", intersect: false },
    plugins: { legend: { position: "bottom", labels: { font: { size: 14 } } } },
    scales: {
      x: { stacked, ticks: { font: { size: 13 } } },
      y: {
        stacked,
        beginAtZero: true,
        title: { display: true, text: spec.yTitle, font: { size: 14 } },
        ticks: { precision: 0, font: { size: 13 } },
      },
    },
  };
  return (
    <Chart
      type="bar"
      data={data as ChartData<"bar", (number | null)[], string>}
      options={options as ChartOptions<"bar">}
      role="img"
      aria-label={spec.summary}
      aria-describedby={describedBy}
      data-chart-series={JSON.stringify(spec.series.map((s) => ({ label: s.label, data: s.data })))}
    />
  );
}
