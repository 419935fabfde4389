import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable, data } from "@remix-run/node";
import { requireAdmin } from "~/admin/guard.server";
import { getJob, rejectsFileOf } from "~/import/upload-jobs.server";
import { getEnv } from "~/platform/env-cache.server";
import { downloadLoader } from "~/http/download-loader.server";

/** The rows a load set aside, with a Reason column, streamed as the CSV the pipeline wrote. */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  await requireAdmin(request, "manage", "imports");
  const job = getJob(params.jobId, getEnv().DATABASE_PATH);
  const file = job ? rejectsFileOf(job) : null;
  if (!job || !file) throw data("There is no file of rows set aside for this load (they are kept for a day).", { status: 404 });
  const name = `${job.fileName.replace(/\.(csv|txt)$/i, "").replace(/[^\w.-]+/g, "-")}-rows-set-aside.csv`;
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
