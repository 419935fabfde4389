/*
 * An import's report in words, for a terminal and for the report file the
 * drop folder writes beside each file it loads.
 */
import type { FiguresAfterLoad, RefreshResult } from "~/work-figures/month-summaries.server";
import type { ImportReport } from "./pipeline.server";
import { problemKinds } from "./problem-kinds";
import { servicesInWords } from "./services-in-words";

const SHOWN_PROBLEMS = 20;

/**
 * A line as the terminal should show it: the file's control characters (a colour code, a bell, a cleared
 * screen, text turned right to left) written out as \u001b and the like, never obeyed.
 */
const printable = (line: string) => line.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The report in words for a terminal. */
export function formatImportReport(report: ImportReport, summaries: FiguresAfterLoad | null = null): string {
  const lines: string[] = [];
  const verb = report.status === "dry_run" ? "Dry run, nothing changed. Would add" : report.status === "loaded" ? "Loaded. Added" : "Refused: nothing was changed.";
  if (report.status === "refused") {
    lines.push(verb);
  } else {
    lines.push(`${verb} ${report.added}, ${report.status === "dry_run" ? "update" : "updated"} ${report.updated}; ${report.unchanged} unchanged; ${report.rejected} rejected.`);
    lines.push(`Services: ${servicesInWords(report, report.status === "dry_run")}.`);
  }
  lines.push(`Rows read: ${report.rowsRead}. Read as ${report.encoding}. ${(report.durationMs / 1000).toFixed(1)} s.`);
  if (report.created.teams.length) lines.push(`Teams created: ${report.created.teams.join(", ")}`);
  if (report.created.workers.length) lines.push(`Workers created: ${report.created.workers.length}`);
  if (report.ignoredColumns.length) lines.push(`Columns not used: ${report.ignoredColumns.join(", ")}`);
  for (const problem of report.fileProblems) lines.push(`File: ${problem}`);
  if (report.problemCount > 0) {
    lines.push(`${report.problemCount} problem${report.problemCount === 1 ? "" : "s"} in the rows. The kinds among the first ${report.problems.length}:`);
    for (const { kind, count } of problemKinds(report.problems)) lines.push(`  ${count} x ${kind}`);
    lines.push(`The first ${Math.min(SHOWN_PROBLEMS, report.problems.length)}:`);
    for (const p of report.problems.slice(0, SHOWN_PROBLEMS)) {
      lines.push(`  row ${p.row}, ${p.column} "${p.value}": ${p.problem}. Accepted: ${p.accepted}.`);
    }
    if (report.problemCount > SHOWN_PROBLEMS) {
      lines.push(`  ... and ${report.problemCount - SHOWN_PROBLEMS} more.`);
    }
    if (report.status === "refused") lines.push("Fix the rows, or load with --skip-invalid to load the valid rows and write the others to a rejects file.");
  }
  if (report.rejectsPath) lines.push(`Rejected rows, with a Reason column: ${report.rejectsPath}`);
  if (summaries === "already up to date") lines.push("Month figures already up to date: no work item changed, so none counted again.");
  else if (summaries) lines.push(formatRefresh(summaries));
  return lines.map(printable).join("\n");
}

export function formatRefresh(result: RefreshResult): string {
  return `Month figures counted for ${result.from} to ${result.through}: ${result.rows} team and worker months in ${(result.milliseconds / 1000).toFixed(1)} s.`;
}
