import { z } from "zod";
import { isIsoMonth, type IsoMonth } from "~/dates";
import { careFigureKeys, type CareFigureKey } from "~/care/care-lists";
import { presentParams, ReportQueryError, reportParams, type ReportQuery } from "./report-query";

/** Columns a care list may be sorted by (each list shows those that apply to its rows). */
export const careSortKeys = [
  "reference",
  "person",
  "service",
  "setting",
  "worker",
  "start",
  "end",
  "weeklyCost",
  "received",
  "completed",
  "before",
  "after",
  "change",
  "supportStart",
  "lastReview",
  "due",
  "daysOverdue",
] as const;
export type CareSortKey = (typeof careSortKeys)[number];

const careListSchema = z.object({
  figure: z.enum(careFigureKeys, { message: "The address does not name a care figure Primed knows." }),
  month: z.string({ message: "The address must name the month, as YYYY-MM." }).refine(isIsoMonth, "The month in the address must be written as YYYY-MM."),
  q: z.string().trim().max(100, "The search is too long: at most 100 characters.").optional(),
  sort: z.enum(careSortKeys, { message: "The list cannot be sorted by that column." }).optional(),
  dir: z.enum(["asc", "desc"], { message: "The sort order must be asc or desc." }).optional(),
  page: z
    .string()
    .regex(/^\d{1,6}$/, "The page number must be a whole number.")
    .transform(Number)
    .optional(),
});

/** One care figure of one month. */
export interface CareFigureQuery {
  figure: CareFigureKey;
  month: IsoMonth;
}

export interface CareListQuery extends CareFigureQuery {
  q?: string;
  sort?: CareSortKey;
  dir: "asc" | "desc";
  page: number;
}

/** ?figure=reviews-overdue&month=2026-03[&sort=daysOverdue&dir=desc][&q=...][&page=2] */
export function parseCareListQuery(url: URL): CareListQuery {
  const parsed = careListSchema.safeParse(presentParams(url, ["figure", "month", "q", "sort", "dir", "page"]));
  if (!parsed.success) throw new ReportQueryError(parsed.error.issues[0]?.message ?? "The address is not valid.");
  const { dir = "asc", page = 1, ...rest } = parsed.data;
  return { ...rest, dir, page: Math.max(1, page) };
}

/** Where a care figure opens to. */
export type CareFigureLinker = (query: CareFigureQuery) => string;

/** The address of the list behind a care figure, keeping the report's as-of date, worker and months. */
export function careListHref(teamSlug: string, query: CareFigureQuery, report: ReportQuery): string {
  const params = reportParams(report);
  // Care figures are not narrowed by work type or outcome: the list is not either.
  params.delete("workType");
  params.delete("outcomeGroup");
  params.set("figure", query.figure);
  params.set("month", query.month);
  return `/teams/${teamSlug}/care?${params}`;
}
