import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/admin/guard.server";
import { importHistory } from "~/admin/imports.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { getDb } from "~/db.server";
import { runningJob } from "~/import/upload-jobs.server";
import { getEnv } from "~/platform/env-cache.server";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction = () => [{ title: "Data loads – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "imports");
  const running = runningJob(getEnv().DATABASE_PATH);
  return { runs: importHistory(getDb()), running: running ? { id: running.id, fileName: running.fileName } : null };
}

const statusTags: Record<string, { label: string; className: string }> = {
  loaded: { label: "Loaded", className: "govuk-tag--green" },
  dry_run: { label: "Dry run", className: "govuk-tag--blue" },
  refused: { label: "Refused", className: "govuk-tag--red" },
  failed: { label: "Failed", className: "govuk-tag--red" },
};

export default function Imports() {
  const { runs, running } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Data loads" }]} />
      <h1 className="govuk-heading-xl">Data loads</h1>
      {running ? (
        <div className="govuk-inset-text">
          {running.fileName} is loading now.{" "}
          <Link className="govuk-link" to={`/admin/imports/uploads/${running.id}`}>
            See its progress
          </Link>
          .
        </div>
      ) : null}
      <p className="govuk-body">
        Every extract loaded into Primed, or refused. Operators can also load one on the server with <code>npm run primed -- import extract.csv</code>.
      </p>
      <Link to="/admin/imports/new" className="govuk-button" role="button" draggable={false}>
        Load an extract
      </Link>
      {runs.length === 0 ? (
        <p className="govuk-body">No extract has been loaded yet.</p>
      ) : (
        <ScrollTable id="imports-table" labelledBy="imports-caption" className="govuk-table--small-text-until-tablet">
          <caption className="govuk-table__caption govuk-table__caption--s" id="imports-caption">
            Loads, newest first
          </caption>
          <ColumnHeads columns={["When", "Who", "File", "Result", "Rows read", "Added", "Updated", "Unchanged", "Rejected", "Time"]} />
          <tbody className="govuk-table__body">
            {runs.map((run) => (
              <tr className="govuk-table__row" key={run.id}>
                <td className="govuk-table__cell app-nowrap">{run.startedAt.slice(0, 16).replace("T", " ")} UTC</td>
                <td className="govuk-table__cell">{run.who}</td>
                <td className="govuk-table__cell">
                  {run.fileName}
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0" title={run.fileSha256}>
                    SHA-256 {run.fileSha256.slice(0, 12)}…
                  </span>
                </td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${statusTags[run.status]?.className ?? ""}`}>{statusTags[run.status]?.label ?? run.status}</strong>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{run.message}</span>
                </td>
                {[run.rowsRead, run.added, run.updated, run.unchanged, run.rejected].map((n, i) => (
                  <td className="govuk-table__cell app-numeric" key={i}>
                    {n.toLocaleString("en-GB")}
                  </td>
                ))}
                <td className="govuk-table__cell app-numeric app-nowrap">{(run.durationMs / 1000).toFixed(1)} s</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
