import type { LoaderFunctionArgs } from "@remix-run/node";
import { monthlyFigures } from "~/work-figures/report.server";
import { csvResponse } from "~/reports/csv-export.server";
import { monthFiguresCsv } from "~/reports/report-csv";
import { teamContext } from "~/reports/team-context.server";
import { downloadLoader } from "~/http/download-loader.server";

/** A team's (or worker's) report as CSV: the figures of every month shown, with the filters and as-of date on top. */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { db, team, worker, query, scope, about } = await teamContext(request, params.slug);
  const { header, rows } = monthFiguresCsv(monthlyFigures(db, scope, { from: query.from, to: query.to, asOf: query.asOf }));
  const name = `${team.slug}${worker ? `-worker-${worker.id}` : ""}-${query.from}-to-${query.to}-as-of-${query.asOf}.csv`;
  return csvResponse(name, about, header, rows);
});
