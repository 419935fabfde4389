import type { LoaderFunctionArgs } from "@remix-run/node";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { csvResponse, type CsvCell } from "~/reports/csv-export.server";
import { overviewContext } from "~/reports/overview-context.server";
import { downloadLoader } from "~/http/download-loader.server";
import { careHeadlineOf } from "~/reports/overview-figures";
import type { CareMonthRow } from "~/care/care-figures";

const figures = ["allocated", "awaitingAllocation", "overdue", "due", "completed"] as const;
const labels = ["Allocated", "Awaiting allocation", "Overdue", "Due", "Completed"];
const rate = (m: MonthFigures) => {
  const r = timeliness(m);
  return r === null ? null : Math.round(r * 1000) / 10;
};
// The care figures the page shows: money in pounds to the penny, the share reviewed as a percentage like on time; empty without a figure.
const careLabels = [
  "Long-term support, weekly cost (£)",
  "People in residential care",
  "People in nursing care",
  "Admissions to residential or nursing care",
  "Long-term clients reviewed in the last 12 months (%)",
  "Reviews overdue",
];
const care = (row: CareMonthRow | undefined): CsvCell[] => {
  const h = careHeadlineOf(row);
  return [h.longTermCost, h.residential, h.nursing, h.admissions, h.reviewedShare === null ? null : Math.round(h.reviewedShare * 1000) / 10, h.reviewsOverdue];
};

/** The service overview as CSV: one row per team, as the page shows it (same month, sort and exceptions filter). */
export const loader = downloadLoader(async ({ request }: LoaderFunctionArgs) => {
  const { month, report, rows, about } = await overviewContext(request);
  const header = [
    "Team",
    "Team type",
    ...labels,
    "On time rate (%)",
    ...careLabels,
    ...labels.map((l) => `${l}: month before`),
    "On time rate (%): month before",
    ...careLabels.map((l) => `${l}: month before`),
    ...labels.map((l) => `${l}: same month last year`),
    "On time rate (%): same month last year",
    ...careLabels.map((l) => `${l}: same month last year`),
    "Needs attention",
  ];
  const body: CsvCell[][] = rows.map((row) => [
    row.team.name,
    row.team.typeLabel,
    ...figures.map((f) => row.now[f]),
    rate(row.now),
    ...care(row.now.care),
    ...figures.map((f) => row.previous[f]),
    rate(row.previous),
    ...care(row.previous.care),
    ...figures.map((f) => row.lastYear[f]),
    rate(row.lastYear),
    ...care(row.lastYear.care),
    row.exceptions.map((e) => e.reason).join(" "),
  ]);
  return csvResponse(`service-overview-${month}-as-of-${report.asOf}.csv`, about, header, body);
});
