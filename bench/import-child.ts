/* One timed import in its own process, so its peak memory is its own. Prints one JSON line. */
import { SYSTEM } from "~/audit/audit.server";
import { runImport } from "~/import/pipeline.server";

const [databasePath, file] = process.argv.slice(2) as [string, string];
const started = performance.now();
const report = await runImport({ databasePath, file, actor: SYSTEM, createMissing: true });
process.stdout.write(
  `${JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    peakMb: process.resourceUsage().maxRSS / 1024,
    status: report.status,
    rowsRead: report.rowsRead,
    added: report.added,
    updated: report.updated,
    unchanged: report.unchanged,
    problems: report.problemCount,
  })}\n`,
);
