import { z } from "zod";
import { isIsoDate, todayInLondon } from "~/dates";

/** The report options a URL may carry: ?asOf=YYYY-MM-DD&worker=<id>. */
const reportQuerySchema = z.object({
  asOf: z
    .string()
    .trim()
    .refine(isIsoDate, "The as-of date must be a real date written as YYYY-MM-DD, for example 2026-03-31.")
    .optional(),
  worker: z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, "The worker in the address is not one Primed knows.")
    .transform(Number)
    .optional(),
});

/** `asOfChosen` is false when the date is today's by default, so links need not carry it. */
export type ReportQuery = { asOf: string; asOfChosen: boolean; worker?: number };

export class ReportQueryError extends Error {}

export function parseReportQuery(url: URL, today = todayInLondon()): ReportQuery {
  const raw = Object.fromEntries(
    [...url.searchParams.entries()].filter(([key, value]) => ["asOf", "worker"].includes(key) && value !== ""),
  );
  const parsed = reportQuerySchema.safeParse(raw);
  if (!parsed.success) {
    throw new ReportQueryError(parsed.error.issues[0]?.message ?? "The address is not valid.");
  }
  const asOf = parsed.data.asOf ?? today;
  if (asOf > today) {
    throw new ReportQueryError(
      `The as-of date ${asOf} is in the future: figures can only be shown as of today (${today}) or earlier.`,
    );
  }
  return { asOf, asOfChosen: parsed.data.asOf !== undefined, worker: parsed.data.worker };
}
