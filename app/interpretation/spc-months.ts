/*
 * From dated figures to the gap-free series the engine needs. A missing month
 * must never be skipped: the moving range would then span two months and the
 * limits would be wrong without anything looking wrong. So gaps are refused,
 * by name, for a person to fill or to cut the series short.
 */
import { z } from "zod";
import { isIsoMonth, monthRange, type IsoMonth } from "~/dates";
import { describeIssues, finiteNumber, SpcInputError } from "./spc-input";

export interface MonthValue {
  month: IsoMonth;
  value: number;
}

const monthValuesSchema = z.array(
  z.strictObject({
    month: z.string({ error: 'must be a month as "YYYY-MM"' }).refine(isIsoMonth, 'must be a month as "YYYY-MM"'),
    value: finiteNumber,
  }),
  { error: "must be a list of { month, value }" },
);

function inWords(months: readonly string[]): string {
  if (months.length === 1) return months[0]!;
  return `${months.slice(0, -1).join(", ")} and ${months[months.length - 1]}`;
}

/** The values in month order, from `firstMonth`; throws SpcInputError naming any missing or repeated month. */
export function valuesByMonth(pairs: readonly MonthValue[]): { firstMonth: IsoMonth | null; values: number[] } {
  const parsed = monthValuesSchema.safeParse(pairs);
  if (!parsed.success) {
    throw new SpcInputError(describeIssues(parsed.error.issues.map((issue) => ({ ...issue, path: ["months", ...issue.path] }))));
  }
  const sorted = [...parsed.data].sort((a, b) => a.month.localeCompare(b.month));
  if (sorted.length === 0) return { firstMonth: null, values: [] };

  const repeated = [...new Set(sorted.filter((pair, index) => index > 0 && pair.month === sorted[index - 1]!.month).map((pair) => pair.month))];
  if (repeated.length > 0) {
    throw new SpcInputError(`${inWords(repeated)} ${repeated.length === 1 ? "has" : "have"} more than one value: keep one per month`);
  }
  const present = new Set(sorted.map((pair) => pair.month));
  const missing = monthRange(sorted[0]!.month, sorted[sorted.length - 1]!.month).filter((month) => !present.has(month));
  if (missing.length > 0) {
    throw new SpcInputError(
      missing.length === 1
        ? `${missing[0]} is missing: fill or remove it (a skipped month would make the limits wrong)`
        : `${inWords(missing)} are missing: fill or remove them (a skipped month would make the limits wrong)`,
    );
  }
  return { firstMonth: sorted[0]!.month, values: sorted.map((pair) => pair.value) };
}
