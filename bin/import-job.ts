/*
 * One upload's import, in a process of its own so the server stays quick and
 * a crash here cannot take it down. The server sends the request over IPC and
 * hears back progress (a few times a second) and the report.
 */
import { ImportFailedError, runImport } from "../app/import/pipeline.server";
import { refreshMonthSummariesAfterLoad } from "../app/work-figures/month-summaries.server";
import type { ImportJobMessage, ImportJobRequest } from "../app/import/upload-job-messages";
import { clockToday } from "../app/platform/clock.server";

const PROGRESS_EVERY_MS = 200;

const send = (message: ImportJobMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once("message", async (request: ImportJobRequest) => {
  let lastSent = 0;
  try {
    const report = await runImport({
      ...request,
      rejectsPath: request.skipInvalid ? request.rejectsPath : undefined,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - lastSent < PROGRESS_EVERY_MS) return;
        lastSent = now;
        process.send!({ type: "progress", ...progress } satisfies ImportJobMessage);
      },
    });
    // Reports count live until the finished months are counted again (when the load changed work items).
    if (report.status === "loaded") refreshMonthSummariesAfterLoad(request.databasePath, clockToday());
    await send({ type: "done", report });
  } catch (error) {
    const busy = (error as { code?: string }).code === "SQLITE_BUSY";
    await send({
      type: "failed",
      message: busy
        ? "Another load was using the database (perhaps one started from the command line). Nothing was changed: try again when it has finished."
        : error instanceof ImportFailedError
          ? error.message
          : `The load failed and nothing was changed: ${(error as Error).message}`,
    });
  }
  process.disconnect?.();
});
