import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadLoader } from "~/http/download-loader.server";
import { careCsv, careListPage } from "~/reports/care-list.server";
import { csvResponse } from "~/reports/csv-export.server";

/** Every row of the list behind a care figure as CSV (not just one page), with what it shows and its as-of date at the top. */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { team, list, query, rows, listAbout } = await careListPage(request, params.slug);
  const { columns, cells } = careCsv(rows);
  return csvResponse(`${team.slug}-care-${list.figure}-${list.month}-as-of-${query.asOf}.csv`, listAbout, columns, cells);
});
