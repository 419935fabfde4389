import { formatMonthLong, formatMonthShort } from "~/dates";
import { figures } from "~/work-figures/definitions";
import { requireAllowed } from "~/people/guard.server";
import { rememberedList } from "~/work-figures/figures-cache.server";
import type { CsvAbout, CsvCell } from "./csv-export.server";
import { figureItems, sortAndSearch, type FigureItemRow } from "./figure-items.server";
import { listMonths, parseItemListQuery } from "./figure-query";
import { explainBadAddress, teamContext } from "./team-context.server";

/**
 * The list of work items behind a figure, shared by the page and its CSV:
 * checks the user may see the items, reads the address, and returns every
 * row in the order asked for.
 */
export async function itemList(request: Request, slug: string | undefined) {
  const context = await teamContext(request, slug);
  const { user, db, query, scope, about } = context;
  requireAllowed(user, "view", "work-items", { teamId: scope.teamId, workerId: scope.workerId });
  const list = explainBadAddress(() => parseItemListQuery(new URL(request.url)));
  const months = listMonths(list, query);
  const definition = figures[list.figure];
  const narrowed = [list.outcome, list.routeOfAccess, list.ledTo].filter(Boolean).join(", ");
  const period = list.month ? formatMonthLong(list.month) : `${formatMonthShort(months[0]!)} to ${formatMonthShort(months.at(-1)!)}`;
  // Kept in memory for the data's version: the same list is often opened, sorted and downloaded in turn.
  const rows = rememberedList(
    db,
    `items|${JSON.stringify([scope, list.figure, list.outcome, list.routeOfAccess, list.ledTo, months, query.asOf, list.sort, list.dir, list.q])}`,
    () => sortAndSearch(figureItems(db, scope, list, months, query.asOf), list),
  );
  const listAbout: CsvAbout = [
    ["Work items behind", `${definition.label}${narrowed ? `: ${narrowed}` : ""}`],
    ...about.filter(([label]) => label !== "Months"),
    ["Months", period],
    ["Search", list.q ?? ""],
    ["Sorted by", `${list.sort} (${list.dir === "asc" ? "ascending" : "descending"})`],
    ["Work items", String(rows.length)],
  ];
  return { ...context, list, months, definition, title: `${definition.label}${narrowed ? `: ${narrowed}` : ""}, ${period}`, rows, listAbout };
}

export const itemColumns = ["Reference", "Person", "Work type", "Worker", "Received", "Allocated", "Due", "Completed", "Outcome", "Days open", "Days late"];

/** A row's cells, in the order of `itemColumns`. */
export function* itemCsvRows(rows: FigureItemRow[]): Generator<CsvCell[]> {
  for (const row of rows) {
    yield [row.sourceRef, row.personRef, row.workType, row.worker, row.receivedOn, row.allocatedOn, row.dueOn, row.completedOn, row.outcome, row.daysOpen, row.daysLate];
  }
}
