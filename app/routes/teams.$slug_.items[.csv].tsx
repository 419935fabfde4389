import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/reports/csv-export.server";
import { itemColumns, itemCsvRows, itemList } from "~/reports/item-list.server";
import { downloadLoader } from "~/http/download-loader.server";

/** The whole list behind a figure as CSV, with its filters and as-of date at the top. */
export const loader = downloadLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { team, list, query, rows, listAbout } = await itemList(request, params.slug);
  const name = `${team.slug}-${list.figure}-${list.month ?? `${query.from}-to-${query.to}`}-as-of-${query.asOf}.csv`;
  return csvResponse(name, listAbout, itemColumns, itemCsvRows(rows));
});
