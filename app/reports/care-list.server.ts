/*
 * The list behind a care figure (issue 18, items 3-5), shared by the page and
 * its CSV: checks the user may see the people and services in it (the work
 * item lists' rule), reads the address, and returns every row in the order
 * asked for, with the workers' names. Never a Date of Birth or an age: the
 * rows do not carry them.
 */
import { data } from "@remix-run/node";
import { asc } from "drizzle-orm";
import { preparedOnce } from "../../db/prepared";
import { workers } from "../../db/schema";
import type { Db } from "../../db/connection";
import { formatDate, formatMonthLong, monthOf } from "~/dates";
import { careBook } from "~/care/care-book.server";
import { careFigureLabels, careList as careListOf, type CareClientRow, type CareFigureKey, type CareListKind, type CareReviewRow, type CareServiceRow } from "~/care/care-lists";
import { careListTotals } from "~/care/care-list-totals";
import { formatPounds, toPence } from "~/care/service-types";
import { requireAllowed } from "~/people/guard.server";
import { rememberedList } from "~/work-figures/figures-cache.server";
import { parseCareListQuery, type CareSortKey } from "./care-query";
import { ReportQueryError } from "./report-query";
import type { CsvAbout, CsvCell } from "./csv-export.server";
import { explainBadAddress, teamContext } from "./team-context.server";

export const CARE_ROWS_PER_PAGE = 200;

/** A row with its worker's name, as the page and the CSV show it. */
export type Named<T> = T & { worker: string | null };
export type CareListRows =
  { kind: "services"; rows: Named<CareServiceRow>[] } | { kind: "reviews"; rows: Named<CareReviewRow>[] } | { kind: "clients"; rows: Named<CareClientRow>[] };

type SortValue = string | number | null;

/** Each kind of list's columns, in order, with how each sorts. */
const sortValues: { [K in CareListKind]: Partial<Record<CareSortKey, (row: Named<RowOf<K>>) => SortValue>> } = {
  services: {
    reference: (r) => r.reference,
    person: (r) => r.person,
    service: (r) => r.service,
    setting: (r) => r.setting,
    start: (r) => r.startsOn,
    end: (r) => r.endsOn ?? "",
    // The money the cell shows: a one-off's cost, else the weekly cost.
    weeklyCost: (r) => (r.costKnown ? (r.oneOffCost ?? r.weeklyCost) : null),
    worker: (r) => r.worker ?? "",
  },
  reviews: {
    reference: (r) => r.reference,
    person: (r) => r.person,
    received: (r) => r.receivedOn,
    completed: (r) => r.completedOn,
    before: (r) => r.before,
    after: (r) => r.after,
    change: (r) => r.change,
    worker: (r) => r.worker ?? "",
  },
  clients: {
    person: (r) => r.person,
    supportStart: (r) => r.supportStart,
    lastReview: (r) => r.lastReview ?? "",
    due: (r) => r.reviewDue,
    daysOverdue: (r) => r.daysOverdue,
    worker: (r) => r.worker ?? "",
  },
};
type RowOf<K extends CareListKind> = K extends "services" ? CareServiceRow : K extends "reviews" ? CareReviewRow : CareClientRow;

/** The columns a kind of list may be sorted by (all of its columns). */
export function careSortKeysOf(kind: CareListKind): CareSortKey[] {
  return Object.keys(sortValues[kind]) as CareSortKey[];
}

/** The order a list opens in: the reviews overdue are a manager's work list, most overdue first. */
export function defaultCareSort(figure: CareFigureKey): { sort: CareSortKey; dir: "asc" | "desc" } {
  if (figure === "reviews-overdue") return { sort: "daysOverdue", dir: "desc" };
  const kind = careFigureLabels[figure].kind;
  return kind === "services" ? { sort: "start", dir: "asc" } : kind === "reviews" ? { sort: "completed", dir: "asc" } : { sort: "person", dir: "asc" };
}

const collator = new Intl.Collator("en-GB", { numeric: true });

/** Sorted by one column (ties by reference, or person for clients, so the order is stable), narrowed by the search. */
function sortAndSearch<K extends CareListKind>(kind: K, rows: Named<RowOf<K>>[], sort: CareSortKey, dir: "asc" | "desc", q: string | undefined): Named<RowOf<K>>[] {
  const needle = q?.toLowerCase();
  const searched = (row: Named<RowOf<K>>): string[] => {
    const r = row as Named<CareServiceRow> & Named<CareClientRow>;
    return kind === "services"
      ? [r.reference, r.person, r.service, r.setting, r.worker ?? ""]
      : kind === "reviews"
        ? [r.reference, r.person, r.worker ?? ""]
        : [r.person, r.worker ?? ""];
  };
  const found = needle ? rows.filter((row) => searched(row).some((value) => value.toLowerCase().includes(needle))) : [...rows];
  const value = sortValues[kind][sort] as (row: Named<RowOf<K>>) => SortValue;
  const tie = (row: Named<RowOf<K>>) => ("reference" in row ? row.reference : row.person);
  const sign = dir === "asc" ? 1 : -1;
  return found.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    // Empty cells (a cost not known, a review too recent to cost) go last whichever way the column is sorted.
    if (x === null || y === null) return x === y ? collator.compare(tie(a), tie(b)) : x === null ? 1 : -1;
    const byValue = typeof x === "number" ? x - (y as number) : collator.compare(x, y as string);
    return sign * byValue || collator.compare(tie(a), tie(b));
  });
}

function workerNames(db: Db): Map<number, string> {
  const rows = preparedOnce(db, "worker-names", () => db.select({ id: workers.id, name: workers.name }).from(workers).orderBy(asc(workers.id)).prepare()).all();
  return new Map(rows.map((w) => [w.id, w.name]));
}

/**
 * The list behind one care figure of one month, for the team or a worker in
 * it, as of the report's date; or a 403, 404 or 400 page.
 */
export async function careListPage(request: Request, slug: string | undefined) {
  const context = await teamContext(request, slug);
  const { user, db, query, scope, about } = context;
  // Lists of people and services follow the work item lists' rule (issue 18, item 7).
  requireAllowed(user, "view", "work-items", { teamId: scope.teamId, workerId: scope.workerId });
  const list = explainBadAddress(() => {
    const parsed = parseCareListQuery(new URL(request.url));
    if (parsed.month > monthOf(query.asOf)) {
      throw new ReportQueryError(`${formatMonthLong(parsed.month)} is after the as-of date (${formatDate(query.asOf)}): there are no care figures for it yet.`);
    }
    const kind = careFigureLabels[parsed.figure].kind;
    if (parsed.sort !== undefined && !careSortKeysOf(kind).includes(parsed.sort)) throw new ReportQueryError("This list cannot be sorted by that column.");
    // Without a column chosen the list opens in its own order; a chosen column keeps the order asked for.
    const order = parsed.sort === undefined ? defaultCareSort(parsed.figure) : { sort: parsed.sort, dir: parsed.dir };
    return { ...parsed, ...order, kind };
  });
  const label = careFigureLabels[list.figure];
  const careScope = { teamId: scope.teamId, workerId: scope.workerId };
  const { all, rows } = rememberedList(db, `care-list|${JSON.stringify([careScope, list.figure, list.month, query.asOf, list.sort, list.dir, list.q])}`, () => {
    const found = careListOf(careBook(db), careScope, list.month, query.asOf, list.figure);
    // careListOf is null only after the as-of month, refused above.
    if (!found) throw data("There are no care figures for that month yet.", { status: 400 });
    const names = workerNames(db);
    const named = { kind: found.kind, rows: found.rows.map((row) => ({ ...row, worker: row.workerId === null ? null : (names.get(row.workerId) ?? null) })) } as CareListRows;
    return { all: found, rows: { kind: named.kind, rows: sortAndSearch(named.kind, named.rows as never[], list.sort, list.dir, list.q) } as CareListRows };
  });
  const totals = careListTotals(list.figure, all);
  const title = `${label.title}, ${formatMonthLong(list.month)}`;
  const listAbout: CsvAbout = [
    ["Care list", title],
    // Care figures are not narrowed by work type or outcome, nor by the report's run of months.
    ...about.filter(([name]) => name !== "Work type" && name !== "Outcome group" && name !== "Months"),
    ["Month", formatMonthLong(list.month)],
    ["Search", list.q ?? ""],
    ["Sorted by", `${list.sort} (${list.dir === "asc" ? "ascending" : "descending"})`],
    ["In the list", totals.countText],
    ...(totals.money ? [[totals.money.label, formatPounds(totals.money.pounds, { pence: true })] as [string, string]] : []),
  ];
  return { ...context, list, label, title, totals, rows, listAbout };
}

const pence = (pounds: number | null): number | null => (pounds === null ? null : toPence(pounds));

/** The CSV's columns and cells for a kind of list: money as plain pounds and pence, so a spreadsheet can add it up. */
export function careCsv(rows: CareListRows): { columns: string[]; cells: Iterable<CsvCell[]> } {
  switch (rows.kind) {
    case "services":
      return {
        columns: ["Reference", "Person", "Service", "Setting", "Start", "End", "Weekly cost (£)", "One-off cost (£)", "Worker"],
        cells: rows.rows.map((r) => [
          r.reference,
          r.person,
          r.service,
          r.setting,
          r.startsOn,
          r.endsOn,
          r.costKnown ? pence(r.weeklyCost) : "not known",
          r.costKnown ? pence(r.oneOffCost) : null,
          r.worker,
        ]),
      };
    case "reviews":
      return {
        columns: ["Reference", "Person", "Received", "Completed", "Weekly cost before (£)", "Weekly cost after (£)", "Change (£)", "Worker"],
        cells: rows.rows.map((r) => [r.reference, r.person, r.receivedOn, r.completedOn, pence(r.before), pence(r.after), pence(r.change), r.worker]),
      };
    case "clients":
      return {
        columns: ["Person", "Support start", "Last review", "Review due", "Days overdue", "Worker"],
        cells: rows.rows.map((r) => [r.person, r.supportStart, r.lastReview, r.reviewDue, r.daysOverdue, r.worker]),
      };
  }
}
