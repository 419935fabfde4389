/*
 * Runs one import in its own process, printing progress, so that a test can
 * kill it part-way (SIGKILL) and check what is left behind.
 */
import { SYSTEM } from "~/audit/audit.server";
import { runImport } from "~/import/pipeline.server";

const [databasePath, file] = process.argv.slice(2) as [string, string];
const report = await runImport({
  databasePath,
  file,
  actor: SYSTEM,
  createMissing: true,
  onProgress: ({ bytesRead, totalBytes }) => process.stdout.write(`progress ${bytesRead / totalBytes}\n`),
});
process.stdout.write(`done ${report.status}\n`);
