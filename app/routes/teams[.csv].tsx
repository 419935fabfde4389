import type { LoaderFunctionArgs } from "@remix-run/node";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { csvResponse, type CsvCell } from "~/reports/csv-export.server";
import { overviewContext } from "~/reports/overview-context.server";
import { downloadLoader } from "~/http/download-loader.server";

const figures = ["allocated", "awaitingAllocation", "overdue", "due", "completed"] as const;
const labels = ["Allocated", "Awaiting allocation", "Overdue", "Due", "Completed"];
const rate = (m: MonthFigures) => {
  const r = timeliness(m);
  return r === null ? null : Math.round(r * 1000) / 10;
};

/** The service overview as CSV: one row per team, as the page shows it (same month, sort and exceptions filter). */
export const loader = downloadLoader(async ({ request }: LoaderFunctionArgs) => {
  const { month, report, rows, about } = await overviewContext(request);
  const header = [
    "Team",
    "Team type",
    ...labels,
    "On time rate (%)",
    ...labels.map((l) => `${l}: month before`),
    "On time rate (%): month before",
    ...labels.map((l) => `${l}: same month last year`),
    "On time rate (%): same month last year",
    "Needs attention",
  ];
  const body: CsvCell[][] = rows.map((row) => [
    row.team.name,
    row.team.typeLabel,
    ...figures.map((f) => row.now[f]),
    rate(row.now),
    ...figures.map((f) => row.previous[f]),
    rate(row.previous),
    ...figures.map((f) => row.lastYear[f]),
    rate(row.lastYear),
    row.exceptions.map((e) => e.reason).join(" "),
  ]);
  return csvResponse(`service-overview-${month}-as-of-${report.asOf}.csv`, about, header, body);
});
