import type { Db } from "../../db/connection";
import { daysBetween, type IsoDate, type IsoMonth } from "~/dates";
import { loadItemsWithDetails, type ReportScope } from "~/work-figures/metric-items.server";
import { itemsBehind } from "~/work-figures/month-figures";
import type { WorkItemRow } from "~/work-figures/report.server";
import type { FigureQuery, ItemListQuery, ItemSortKey } from "./figure-query";

export interface FigureItemRow extends WorkItemRow {
  /** As of the report date: open items count days since received, completed ones their duration. */
  daysOpen: number;
  /** Days past the due date (at completion, or on the as-of date while open); 0 when not late. */
  daysLate: number;
}

/** The work items behind one figure over some months, as of a date: exactly the items the figure counts. */
export function figureItems(db: Db, scope: ReportScope, query: FigureQuery, months: readonly IsoMonth[], asOf: IsoDate): FigureItemRow[] {
  const items = loadItemsWithDetails(db, scope, { from: months[0]!, to: months.at(-1)!, asOf });
  return itemsBehind(items, query.figure, months, asOf, query).map((item) => asOfRow(item, asOf));
}

/**
 * What the item looked like on the as-of date: later allocations, completions
 * and outcomes had not happened. Written as one literal, not a spread of the
 * item: V8 gave every spread copy a hidden class of its own, which made each
 * read of a row's field about ten times slower.
 */
function asOfRow(item: WorkItemRow, asOf: IsoDate): FigureItemRow {
  const completed = item.completedOn && item.completedOn <= asOf ? item.completedOn : null;
  const until = completed ?? asOf;
  return {
    id: item.id,
    sourceRef: item.sourceRef,
    personRef: item.personRef,
    workType: item.workType,
    worker: item.worker,
    receivedOn: item.receivedOn,
    allocatedOn: item.allocatedOn && item.allocatedOn <= asOf ? item.allocatedOn : null,
    dueOn: item.dueOn,
    completedOn: completed,
    outcome: completed ? item.outcome : null,
    daysOpen: daysBetween(item.receivedOn, until),
    daysLate: Math.max(0, daysBetween(item.dueOn, until)),
  };
}

const sortValue: Record<ItemSortKey, (row: FigureItemRow) => string | number> = {
  reference: (row) => row.sourceRef,
  person: (row) => row.personRef,
  workType: (row) => row.workType,
  worker: (row) => row.worker ?? "Not allocated",
  received: (row) => row.receivedOn,
  allocated: (row) => row.allocatedOn ?? "",
  due: (row) => row.dueOn,
  completed: (row) => row.completedOn ?? "",
  outcome: (row) => row.outcome ?? "",
  daysOpen: (row) => row.daysOpen,
  daysLate: (row) => row.daysLate,
};

const collator = new Intl.Collator("en-GB");

/** The list's rows in the order asked for (ties by reference, so the order is stable), narrowed by the search; `rows` is left as it was. */
export function sortAndSearch(rows: readonly FigureItemRow[], query: Pick<ItemListQuery, "sort" | "dir" | "q">): FigureItemRow[] {
  const needle = query.q?.toLowerCase();
  const found = needle
    ? rows.filter((row) => [row.sourceRef, row.personRef, row.workType, row.worker ?? "", row.outcome ?? ""].some((value) => value.toLowerCase().includes(needle)))
    : [...rows];
  const value = sortValue[query.sort];
  const sign = query.dir === "asc" ? 1 : -1;
  return found.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const byValue = typeof x === "number" ? x - (y as number) : collator.compare(x, y as string);
    return sign * byValue || collator.compare(a.sourceRef, b.sourceRef);
  });
}

export const ITEMS_PER_PAGE = 200;
