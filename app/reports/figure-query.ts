import { z } from "zod";
import { isIsoMonth, monthRange, type IsoMonth } from "~/dates";
import { figureKeys, type FigureKey } from "~/work-figures/definitions";
import type { OutcomeFilter } from "~/work-figures/month-figures";
import { presentParams, ReportQueryError, reportParams, type ReportQuery } from "./report-query";

export const itemSortKeys = ["reference", "person", "workType", "worker", "received", "allocated", "due", "completed", "outcome", "daysOpen", "daysLate"] as const;
export type ItemSortKey = (typeof itemSortKeys)[number];

const text = z.string().trim().min(1).max(200, "A filter in the address is too long.").optional();

const figureQuerySchema = z.object({
  figure: z.enum(figureKeys, { message: "The address does not name a figure Primed knows." }),
  month: z.string().refine(isIsoMonth, "The month in the address must be written as YYYY-MM.").optional(),
  outcome: text,
  routeOfAccess: text,
  ledTo: text,
  q: z.string().trim().max(100, "The search is too long: at most 100 characters.").optional(),
  sort: z.enum(itemSortKeys, { message: "The list cannot be sorted by that column." }).optional(),
  dir: z.enum(["asc", "desc"], { message: "The sort order must be asc or desc." }).optional(),
  page: z
    .string()
    .regex(/^\d{1,6}$/, "The page number must be a whole number.")
    .transform(Number)
    .optional(),
});

/** One figure's list: in one month, or (no month) over the report's run of months. */
export type FigureQuery = { figure: FigureKey; month?: IsoMonth } & OutcomeFilter;

export interface ItemListQuery extends FigureQuery {
  q?: string;
  sort: ItemSortKey;
  dir: "asc" | "desc";
  page: number;
}

const keys = ["figure", "month", "outcome", "routeOfAccess", "ledTo", "q", "sort", "dir", "page"];

/** Which figure's items a list shows, and how: ?figure=overdue&month=2026-03[&outcome=...][&sort=due&dir=desc][&q=...]. */
export function parseItemListQuery(url: URL): ItemListQuery {
  const parsed = figureQuerySchema.safeParse(presentParams(url, keys));
  if (!parsed.success) throw new ReportQueryError(parsed.error.issues[0]?.message ?? "The address is not valid.");
  const { sort = "due", dir = "asc", page = 1, ...rest } = parsed.data;
  return { ...rest, sort, dir, page: Math.max(1, page) };
}

/** Where a figure opens to: the list of the work items behind it. */
export type FigureLinker = (query: FigureQuery) => string;

/** The months a figure's list covers. */
export function listMonths(query: FigureQuery, report: ReportQuery): IsoMonth[] {
  return query.month ? [query.month] : monthRange(report.from, report.to);
}

/** The address of the list behind a figure, keeping the report's filters. */
export function figureItemsHref(teamSlug: string, query: FigureQuery, report: ReportQuery, extra: Record<string, string> = {}): string {
  const params = reportParams(report);
  params.set("figure", query.figure);
  if (query.month) params.set("month", query.month);
  for (const key of ["outcome", "routeOfAccess", "ledTo"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  // A cell for one outcome group narrows the report's group filter, not adds to it.
  if (query.outcomeGroup) params.set("outcomeGroup", query.outcomeGroup);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `/teams/${teamSlug}/items?${params}`;
}
