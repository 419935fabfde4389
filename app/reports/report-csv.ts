import { figureValue, timeliness, type MonthFigures } from "~/work-figures/month-figures";
import type { CsvCell } from "./csv-export.server";
import { outcomeGroupsSeen } from "./team-report";

/** A report's months as CSV rows: every figure the pages show, one row per month. */
export function monthFiguresCsv(months: MonthFigures[]): { header: string[]; rows: CsvCell[][] } {
  const groups = outcomeGroupsSeen(months);
  const header = [
    "Month",
    "Month is",
    "Allocated",
    "Awaiting allocation",
    "Overdue",
    "Due",
    "Received",
    "Completed",
    "Completed on time",
    "Completed late",
    "On time rate (%)",
    "Median days to complete",
    "Assessments completed",
    ...groups.map((g) => `Assessments: ${g}`),
    "Requests received",
    "Requests completed",
    "Requests completed within timescale",
  ];
  const rows = months.map((m) => {
    const rate = timeliness(m);
    return [
      m.month,
      m.kind === "current" ? "current (so far)" : m.kind === "future" ? "to come (due only)" : "past",
      m.allocated,
      m.awaitingAllocation,
      m.overdue,
      m.due,
      m.received,
      m.completed,
      m.completedOnTime,
      m.completedLate,
      rate === null ? null : Math.round(rate * 1000) / 10,
      m.medianDaysToComplete,
      figureValue(m, "assessmentsCompleted"),
      ...groups.map((g) => (m.assessmentOutcomeGroups ? (m.assessmentOutcomeGroups[g] ?? 0) : null)),
      figureValue(m, "requestsReceived"),
      figureValue(m, "requestsCompleted"),
      figureValue(m, "requestsCompletedOnTime"),
    ];
  });
  return { header, rows };
}
