import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { requireAdmin } from "~/admin/guard.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ImportProblems } from "~/components/import/import-problems";
import { ImportSummary } from "~/components/import/import-summary";
import { getDb } from "~/db.server";
import { getEnv } from "~/platform/env-cache.server";
import { uploadView } from "~/import/upload-view.server";
import { canLoadForReal, getJob, LoadAlreadyRunning, loadForReal, type UploadJob } from "~/import/upload-jobs.server";

export const meta: MetaFunction = () => [{ title: "Loading an extract – Primed" }];

const GONE = "This load is no longer on record: a load's page is kept for a day, and not when Primed restarts. Its result is in the data loads history.";

function jobOf(params: { jobId?: string }): UploadJob {
  const job = getJob(params.jobId, getEnv().DATABASE_PATH);
  if (!job) throw data(GONE, { status: 404 });
  return job;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "imports");
  return uploadView(jobOf(params));
}

/** The one thing to do here: load for real the file a dry run checked. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "imports");
  const job = jobOf(params);
  if (!canLoadForReal(job)) return data({ error: "Only a finished dry run can be loaded from here. Upload the file again." }, { status: 400 });
  try {
    const real = loadForReal(job, { db: getDb(), databasePath: getEnv().DATABASE_PATH, actor });
    return redirect(`/admin/imports/uploads/${real.id}`);
  } catch (error) {
    if (error instanceof LoadAlreadyRunning) return data({ error: error.message }, { status: 400 });
    throw error;
  }
}

/** How often the page asks the server how far the load has got. */
const POLL_MS = 500;

function useProgressWhileRunning(running: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, revalidator]);
}

export default function UploadJobPage() {
  const job = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const here = useLocation();
  useProgressWhileRunning(job.state === "running");
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Data loads", to: "/admin/imports" }, { label: job.fileName }]} />
      <span className="govuk-caption-l">{job.choices}</span>
      <h1 className="govuk-heading-xl">{job.fileName}</h1>
      {job.state === "running" ? (
        <div className="app-progress">
          <label className="govuk-label govuk-label--s" htmlFor="load-progress">
            {job.progress.phase}
          </label>
          <progress id="load-progress" className="app-progress__bar" max={100} value={job.progress.percent}>
            {job.progress.percent}%
          </progress>
          <p className="govuk-body govuk-!-margin-top-2">{job.progress.text}</p>
          <noscript>
            <p className="govuk-body">
              <a className="govuk-link" href={here.pathname + here.search}>
                Reload this page
              </a>{" "}
              to see how far it has got.
            </p>
          </noscript>
        </div>
      ) : null}
      <div role="status">
        {job.state === "failed" ? (
          <div className="govuk-error-summary" tabIndex={-1}>
            <h2 className="govuk-error-summary__title">The load failed</h2>
            <div className="govuk-error-summary__body">
              <p className="govuk-body">{job.failure}</p>
            </div>
          </div>
        ) : null}
        {job.report ? <ImportSummary report={job.report} /> : null}
      </div>
      {job.report ? (
        <>
          {refused ? (
            <p className="govuk-error-message" role="alert">
              {refused.error}
            </p>
          ) : null}
          {job.canLoadForReal ? (
            <Form method="post" className="govuk-!-margin-bottom-6">
              <button type="submit" className="govuk-button">
                Load this file now
              </button>
            </Form>
          ) : null}
          {job.hasRejects ? (
            <p className="govuk-body">
              <a className="govuk-link" href={`/admin/imports/uploads/${job.id}/rejects`} download>
                Download the {job.report.rejected.toLocaleString("en-GB")} rows set aside, with a Reason column (CSV)
              </a>
              . Fix them and load that file: rows already loaded are matched on their Event Reference.
            </p>
          ) : null}
          <ImportProblems report={job.report} />
        </>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/imports/new">
          Load another extract
        </Link>{" "}
        or see{" "}
        <Link className="govuk-link" to="/admin/imports">
          every load
        </Link>
        .
      </p>
    </>
  );
}
