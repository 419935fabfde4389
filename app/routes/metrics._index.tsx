import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { getDb } from "~/db.server";
import { formatMonthShort } from "~/dates";
import { requireMetricsUser } from "~/primed-metrics/guard.server";
import { metricsListPage } from "~/primed-metrics/pages.server";
import { countedValuesReady } from "~/primed-metrics/counted-values.server";
import { listMetrics } from "~/primed-metrics/metrics.server";
import { clockToday } from "~/platform/clock.server";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction = () => [{ title: "Primed Metrics – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireMetricsUser(request);
  const db = getDb();
  const today = clockToday();
  await countedValuesReady(db, listMetrics(db), today);
  return metricsListPage(db, user, today);
}

export default function PrimedMetrics() {
  const { metrics, canManage, canUpload } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Primed Metrics" }]} />
      <h1 className="govuk-heading-xl">Primed Metrics</h1>
      <p className="govuk-body">
        The measures agreed for the service, counted by Primed from the loaded data or entered by people where the data does not carry them: each with an owner, a baseline and a
        trajectory (the plan, month by month). Each metric's page shows the actual values against the trajectory and against the baseline projection (what would have happened
        without the change), and whether a month is a signal or noise.
      </p>
      {(canManage || canUpload) && (
        <div className="govuk-button-group">
          {canManage && (
            <Link className="govuk-button" to="/metrics/new">
              Add a metric
            </Link>
          )}
          {canUpload && (
            <Link className="govuk-button govuk-button--secondary" to="/metrics/upload">
              Load values from a CSV file
            </Link>
          )}
        </div>
      )}
      {metrics.length === 0 ? (
        <p className="govuk-body">No Primed Metrics have been set up yet.{canManage ? " Add the first one." : " A head of service or administrator adds them."}</p>
      ) : (
        <ScrollTable id="metrics-table" labelledBy="metrics-caption">
          <caption className="govuk-table__caption govuk-table__caption--m" id="metrics-caption">
            Every Primed Metric, with its latest month
          </caption>
          <ColumnHeads columns={["Metric", "Where its values come from", "Owner", "Latest value", "Against the trajectory", "Signal or noise"]} />
          <tbody className="govuk-table__body">
            {metrics.map((m) => (
              <tr className="govuk-table__row" key={m.id} data-metric={m.id}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/metrics/${m.id}`}>
                    {m.name}
                  </Link>
                </th>
                <td className="govuk-table__cell">{m.source}</td>
                <td className="govuk-table__cell">
                  {m.owner}
                  {m.yours ? " (you)" : ""}
                </td>
                <td className="govuk-table__cell">{m.latest ? `${m.latest} (${formatMonthShort(m.latestMonth!)})` : "No values yet"}</td>
                <td className="govuk-table__cell">{m.againstTrajectory}</td>
                <td className="govuk-table__cell">{m.signal}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
