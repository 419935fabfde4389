import type { ChartData, ChartOptions } from "chart.js";
import "./chart-registry.client";
import { useNavigate } from "@remix-run/react";
import { Chart } from "react-chartjs-2";
import type { ChartSpec } from "~/reports/chart-spec";

// Whole pounds, as a council writes them: £1,234,567.
const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

export function BarChart({ spec, describedBy }: { spec: ChartSpec; describedBy: string }) {
  const navigate = useNavigate();
  const opens = spec.series.some((s) => s.links?.some(Boolean));
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
    // A bar opens to its work items; the table under the chart has the same links for the keyboard.
    onClick: (event, _elements, chart) => {
      const [bar] = chart.getElementsAtEventForMode(event as unknown as Event, "nearest", { intersect: true }, false);
      const href = bar && spec.series[bar.datasetIndex]?.links?.[bar.index];
      if (href) navigate(href);
    },
    onHover: (event, _elements, chart) => {
      if (!opens) return;
      const [bar] = chart.getElementsAtEventForMode(event as unknown as Event, "nearest", { intersect: true }, false);
      chart.canvas.style.cursor = bar && spec.series[bar.datasetIndex]?.links?.[bar.index] ? "pointer" : "default";
    },
    plugins: {
      legend: { position: "bottom", labels: { font: { size: 14 } } },
      ...(spec.money ? { tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${pounds.format(Number(item.raw ?? 0))}` } } } : {}),
    },
    scales: {
      x: { stacked, ticks: { font: { size: 13 } } },
      y: {
        stacked,
        beginAtZero: true,
        title: { display: true, text: spec.yTitle, font: { size: 14 } },
        ticks: { precision: 0, font: { size: 13 }, ...(spec.money ? { callback: (value) => pounds.format(Number(value)) } : {}) },
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
      data-chart-series={JSON.stringify(spec.series.map((s) => ({ label: s.label, data: s.data, links: s.links })))}
    />
  );
}
