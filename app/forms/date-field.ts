/*
 * Dates that people type, the GOV.UK way: three boxes (Day, Month, Year), not
 * the browser's date picker, whose order follows the browser's locale
 * ("20102026" became 1 Feb 2026). One parser for every such field: it says
 * which part is wrong, in GOV.UK's words, and gives a calendar date YYYY-MM-DD.
 * A form posts `<name>-day`, `<name>-month` and `<name>-year`;
 * `gatherDateParts` puts them together under `<name>` before the form's schema
 * reads it. A whole date (YYYY-MM-DD, as in an address) is read too.
 */
import { z } from "zod";
import { isIsoDate, type IsoDate } from "~/dates";

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

const PARTS = ["day", "month", "year"] as const;

/** The form's values with each named date's three parts gathered into one value. */
export function gatherDateParts(values: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const gathered = { ...values };
  for (const name of names) {
    if (PARTS.some((part) => `${name}-${part}` in values)) {
      gathered[name] = Object.fromEntries(PARTS.map((part) => [part, String(values[`${name}-${part}`] ?? "")]));
      for (const part of PARTS) delete gathered[`${name}-${part}`];
    }
  }
  return gathered;
}

function listOf(words: string[]): string {
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/**
 * A date field: `label` is how the page names it ("Deadline"); `required`
 * false lets it be left empty (undefined). The messages name the part that
 * is wrong: "Deadline must include a month", "Deadline must be a real date".
 */
export function dateField(label: string, options: { required?: boolean; missing?: string } = {}) {
  const { required = true } = options;
  const name = label.toLowerCase();
  const enter = options.missing ?? `Enter ${name}`;
  const schema = z.union([z.string(), z.object({ day: z.string(), month: z.string(), year: z.string() })], {
    message: enter,
  });
  return z
    .preprocess((value) => (value === undefined || value === null ? "" : value), schema)
    .transform((value, ctx): IsoDate | undefined => {
      if (typeof value === "string") {
        const text = value.trim();
        if (text === "") {
          if (required) ctx.addIssue({ code: "custom", message: enter });
          return undefined;
        }
        if (!isIsoDate(text)) ctx.addIssue({ code: "custom", message: `${label} must be a real date` });
        return text;
      }
      const parts: DateParts = { day: value.day.trim(), month: value.month.trim(), year: value.year.trim() };
      const missing = PARTS.filter((part) => parts[part] === "");
      if (missing.length === 3) {
        if (required) ctx.addIssue({ code: "custom", message: enter });
        return undefined;
      }
      if (missing.length > 0) {
        ctx.addIssue({ code: "custom", message: `${label} must include a ${listOf([...missing])}` });
        return undefined;
      }
      if (!PARTS.every((part) => /^\d+$/.test(parts[part]))) {
        ctx.addIssue({ code: "custom", message: `${label} must be a real date` });
        return undefined;
      }
      if (parts.year.length !== 4) {
        ctx.addIssue({ code: "custom", message: "Year must include 4 numbers" });
        return undefined;
      }
      const iso = `${parts.year}-${parts.month.padStart(2, "0")}-${parts.day.padStart(2, "0")}`;
      if (parts.day.length > 2 || parts.month.length > 2 || !isIsoDate(iso)) {
        ctx.addIssue({ code: "custom", message: `${label} must be a real date` });
        return undefined;
      }
      return iso;
    });
}

/** A date's parts for the boxes, from a YYYY-MM-DD value (or what was typed, kept after an error). */
export function datePartsOf(value: IsoDate | DateParts | undefined | null): DateParts {
  if (!value) return { day: "", month: "", year: "" };
  if (typeof value !== "string") return value;
  const [year = "", month = "", day = ""] = value.split("-");
  return { day: String(Number(day) || ""), month: String(Number(month) || ""), year };
}

/**
 * A date that must be given, typed as one: an empty or wrong date has already
 * failed the field, so what reaches the transform is always a date.
 */
export function requiredDateField(label: string, missing?: string) {
  return dateField(label, missing === undefined ? {} : { missing }).transform((date) => date as IsoDate);
}
