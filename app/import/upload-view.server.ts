import type { ImportReport } from "./pipeline.server";
import { canLoadForReal, rejectsFileOf, type UploadJob } from "./upload-jobs.server";

const number = (n: number) => n.toLocaleString("en-GB");

/** What the upload page shows of a load: its progress in words, and the report once there is one. */
export function uploadView(job: UploadJob, now = Date.now()) {
  const { bytesRead, totalBytes, rowsRead } = job.progress;
  const seconds = Math.round((now - job.startedAt.getTime()) / 1000);
  const fileRead = totalBytes > 0 && bytesRead >= totalBytes;
  // 100% only once it has finished: the last step (indexes, commit) comes after the last byte.
  const percent = totalBytes === 0 ? 0 : Math.min(99, Math.floor((bytesRead / totalBytes) * 100));
  const choices = [
    job.choices.dryRun ? "Dry run" : "Load",
    job.choices.skipInvalid ? "rows with problems set aside" : null,
    job.choices.createMissing ? "missing teams and workers created" : null,
  ].filter(Boolean);
  return {
    id: job.id,
    fileName: job.fileName,
    choices: `${choices.join(", ")}; started by ${job.startedBy}`,
    state: job.state,
    failure: job.failure,
    progress: {
      percent,
      phase: fileRead ? "Saving the changes" : "Reading and checking the rows",
      text: bytesRead === 0 ? `Starting (${seconds} s so far).` : `${number(rowsRead)} rows read, ${percent}% of the file (${seconds} s so far).`,
    },
    report: job.report ? reportView(job.report) : null,
    hasRejects: rejectsFileOf(job) !== null,
    canLoadForReal: canLoadForReal(job),
  };
}

/** The report without the server's file paths. */
function reportView(report: ImportReport) {
  const { rejectsPath: _rejectsPath, ...shown } = report;
  return shown;
}

export type ImportReportView = ReturnType<typeof reportView>;
