import fs from "node:fs";
import path from "node:path";
import { SYSTEM } from "~/audit/audit.server";
import { ImportFailedError, runImport, type ImportReport } from "~/import/pipeline.server";
import { refreshMonthSummariesAfterLoad, type FiguresAfterLoad } from "~/work-figures/month-summaries.server";
import { CliError } from "./cli-error";
import { clockToday } from "~/platform/clock.server";

export interface ImportCommandOptions {
  file: string;
  dryRun: boolean;
  skipInvalid: boolean;
  createMissing: boolean;
  rejects?: string;
}

/** Loads the file, then counts the finished months' figures again (reports count live in between). */
export async function runImportCommand(databasePath: string, options: ImportCommandOptions): Promise<{ report: ImportReport; summaries: FiguresAfterLoad | null }> {
  if (!fs.existsSync(options.file) || !fs.statSync(options.file).isFile()) {
    throw new CliError(`There is no file at ${options.file}.`);
  }
  const rejectsPath = options.rejects ?? path.join(path.dirname(options.file), `${path.basename(options.file, path.extname(options.file))}.rejects.csv`);
  const report = await runImport({
    databasePath,
    file: options.file,
    actor: SYSTEM,
    dryRun: options.dryRun,
    skipInvalid: options.skipInvalid,
    createMissing: options.createMissing,
    rejectsPath: options.skipInvalid ? rejectsPath : undefined,
  }).catch((error: unknown) => {
    // A full disk, say: a message to act on, not a stack trace.
    throw error instanceof ImportFailedError ? new CliError(error.message) : error;
  });
  const summaries = report.status === "loaded" ? refreshMonthSummariesAfterLoad(databasePath, clockToday()) : null;
  return { report, summaries };
}

// The report's words are the import's own (the drop folder writes them too); the command line prints them.
export { formatImportReport, formatRefresh } from "~/import/report-text";
