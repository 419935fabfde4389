import { z } from "zod";
import { isIsoMonth, type IsoMonth } from "~/dates";
import { figureKeys, type FigureKey } from "~/metrics/definitions";
import type { OutcomeFilter } from "~/metrics/month-figures";
import { ReportQueryError } from "./report-query";

const figureQuerySchema = z.object({
  figure: z.enum(figureKeys, { message: "The address does not name a figure Primed knows." }),
  month: z.string().refine(isIsoMonth, "The month in the address must be written as YYYY-MM."),
  outcome: z.string().trim().min(1).max(200).optional(),
  outcomeGroup: z.string().trim().min(1).max(200).optional(),
});

export type FigureQuery = { figure: FigureKey; month: IsoMonth } & OutcomeFilter;

/** Which figure's items a list shows: ?figure=overdue&month=2026-03[&outcome=...|&outcomeGroup=...]. */
export function parseFigureQuery(url: URL): FigureQuery {
  const raw = Object.fromEntries(
    ["figure", "month", "outcome", "outcomeGroup"]
      .map((key) => [key, url.searchParams.get(key)] as const)
      .filter(([, value]) => value !== null && value !== ""),
  );
  const parsed = figureQuerySchema.safeParse(raw);
  if (!parsed.success) throw new ReportQueryError(parsed.error.issues[0]?.message ?? "The address is not valid.");
  return parsed.data;
}

/** The address of the list behind a figure, keeping the report's as-of date and worker. */
export function figureItemsHref(
  teamSlug: string,
  query: FigureQuery,
  report: { asOf: string; asOfChosen: boolean; worker?: number | null },
): string {
  const params = new URLSearchParams({ figure: query.figure, month: query.month });
  if (query.outcome) params.set("outcome", query.outcome);
  if (query.outcomeGroup) params.set("outcomeGroup", query.outcomeGroup);
  if (report.asOfChosen) params.set("asOf", report.asOf);
  if (report.worker) params.set("worker", String(report.worker));
  return `/teams/${teamSlug}/items?${params}`;
}
