import { z } from "zod";
import { dateField, gatherDateParts } from "~/forms/date-field";
import { addMonths, isIsoMonth, monthOf, type IsoDate, type IsoMonth } from "~/dates";

/** A report covers the last 12 months and the next 3 unless the address says otherwise. */
export const MONTHS_BACK = 11;
export const MONTHS_AHEAD = 3;
/** The longest run of months one report shows. */
export const MAX_REPORT_MONTHS = 60;

const id = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, `The ${what} in the address is not one Primed knows.`)
    .transform(Number)
    .optional();

const month = (which: string) => z.string().trim().refine(isIsoMonth, `The ${which} month must be written as YYYY-MM, for example 2026-03.`).optional();

/** The options a report's address may carry, all optional: ?asOf=&worker=&workType=&outcomeGroup=&from=&to= */
const reportQuerySchema = z.object({
  // The filter form sends Day, Month and Year boxes; links and bookmarks keep asOf=YYYY-MM-DD.
  asOf: dateField("The as-of date", { required: false }),
  worker: id("worker"),
  workType: id("work type"),
  outcomeGroup: z.string().trim().min(1).max(200, "The outcome group in the address is too long.").optional(),
  from: month("first"),
  to: month("last"),
});

export const reportQueryKeys = ["asOf", "worker", "workType", "outcomeGroup", "from", "to"] as const;
/** The as-of date's boxes, as the filter form names them. */
const asOfParts = ["asOf-day", "asOf-month", "asOf-year"];

/**
 * `asOfChosen` is false when the date is today's by default, so links need
 * not carry it; `monthsChosen` likewise for the run of months.
 */
export interface ReportQuery {
  asOf: string;
  asOfChosen: boolean;
  worker?: number;
  workType?: number;
  outcomeGroup?: string;
  from: IsoMonth;
  to: IsoMonth;
  monthsChosen: boolean;
}

export class ReportQueryError extends Error {}

/** The address's parameters, skipping empty ones (an unset select in a GET form sends "worker="). */
export function presentParams(url: URL, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries([...url.searchParams.entries()].filter(([key, value]) => keys.includes(key) && value !== ""));
}

/**
 * Each address's report query, worked out once a day: every team page and worker view parses its address, which was
 * about a fiftieth of the page's processor. Shared between requests, so frozen; at most PARSED_KEPT addresses.
 */
const parsedQueries = new Map<string, Readonly<ReportQuery> | ReportQueryError>();
const PARSED_KEPT = 500;

export function parseReportQuery(url: URL, today: IsoDate): ReportQuery {
  const key = `${today}${url.search}`;
  let known = parsedQueries.get(key);
  if (known === undefined) {
    try {
      known = Object.freeze(parseReportQueryOnce(url, today));
    } catch (error) {
      if (!(error instanceof ReportQueryError)) throw error;
      known = error;
    }
    if (parsedQueries.size >= PARSED_KEPT) parsedQueries.clear();
    parsedQueries.set(key, known);
  }
  if (known instanceof ReportQueryError) throw known;
  return known;
}

function parseReportQueryOnce(url: URL, today: IsoDate): ReportQuery {
  const parsed = reportQuerySchema.safeParse(gatherDateParts(presentParams(url, [...reportQueryKeys, ...asOfParts]), ["asOf"]));
  if (!parsed.success) {
    throw new ReportQueryError(parsed.error.issues[0]?.message ?? "The address is not valid.");
  }
  const { asOf = today, from, to, ...filters } = parsed.data;
  if (asOf > today) {
    throw new ReportQueryError(`The as-of date ${asOf} is in the future: figures can only be shown as of today (${today}) or earlier.`);
  }
  const current = monthOf(asOf);
  const first = from ?? addMonths(to ?? current, -MONTHS_BACK);
  const last = to ?? addMonths(current, MONTHS_AHEAD);
  if (first > last) throw new ReportQueryError(`The first month (${first}) is after the last month (${last}).`);
  if (monthsBetween(first, last) > MAX_REPORT_MONTHS) {
    throw new ReportQueryError(`A report can show at most ${MAX_REPORT_MONTHS} months; ${first} to ${last} is longer.`);
  }
  return { asOf, asOfChosen: parsed.data.asOf !== undefined, ...filters, from: first, to: last, monthsChosen: from !== undefined || to !== undefined };
}

function monthsBetween(from: IsoMonth, to: IsoMonth): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The parameters that reproduce a report's view: only what was chosen, so default views keep short addresses. */
export function reportParams(query: ReportQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.asOfChosen) params.set("asOf", query.asOf);
  if (query.worker !== undefined) params.set("worker", String(query.worker));
  if (query.workType !== undefined) params.set("workType", String(query.workType));
  if (query.outcomeGroup !== undefined) params.set("outcomeGroup", query.outcomeGroup);
  if (query.monthsChosen) {
    params.set("from", query.from);
    params.set("to", query.to);
  }
  return params;
}

/** True when the report shows only part of the team's work. */
export function isFiltered(query: ReportQuery): boolean {
  return query.worker !== undefined || query.workType !== undefined || query.outcomeGroup !== undefined;
}
