import type { LoaderFunctionArgs } from "@remix-run/node";
import { monthlyFigures } from "~/work-figures/report.server";
import { csvResponse } from "~/reports/csv-export.server";
import { monthFiguresCsv } from "~/reports/report-csv";
import { careFigures } from "~/care/care-book.server";
import { careCsvCells, careCsvHeader } from "~/reports/care-report";
import { teamContext } from "~/reports/team-context.server";
import { downloadLoader } from "~/http/download-loader.server";

/** A team's (or worker's) report as CSV: the figures of every month shown, with the filters and as-of date on top. */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { db, team, worker, query, scope, about } = await teamContext(request, params.slug);
  const range = { from: query.from, to: query.to, asOf: query.asOf };
  const months = monthlyFigures(db, scope, range);
  const { header, rows } = monthFiguresCsv(months);
  // The fourth report's figures beside the other three: by worker, never by work type or outcome.
  const care = new Map(careFigures(db, { teamId: scope.teamId, workerId: scope.workerId }, range).map((row) => [row.month, row]));
  const name = `${team.slug}${worker ? `-worker-${worker.id}` : ""}-${query.from}-to-${query.to}-as-of-${query.asOf}.csv`;
  return csvResponse(
    name,
    about,
    [...header, ...careCsvHeader],
    rows.map((row, i) => [...row, ...careCsvCells(care.get(months[i]!.month))]),
  );
});
