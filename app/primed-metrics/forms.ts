/*
 * The Primed Metrics forms' rules, with messages that say what is wrong and
 * what is accepted. A forged value (a measure or direction outside the lists)
 * is a field error like any other.
 */
import { z } from "zod";
import { formatMonthLong, isIsoMonth, type IsoMonth } from "~/dates";
import { directions, metricMeasures } from "../../db/schema";
import { monthsBetween } from "./months";
import { parseNumber } from "./numbers";

// The same field messages as the admin forms.

const blankAsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const month = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ message: `Enter ${label} as YYYY-MM, like 2026-04` })
      .min(1, `Enter ${label} as YYYY-MM, like 2026-04`)
      .refine(isIsoMonth, `${label.replace(/^./, (c) => c.toUpperCase())} must be a real month written as YYYY-MM, like 2026-04`),
  );

export const MINIMUM_BASELINE_MONTHS = 3;

export const metricForm = z
  .object({
    name: z.string().trim().min(1, "Enter a name").max(120, "Name must be 120 characters or fewer"),
    description: z.string().trim().max(1000, "Description must be 1,000 characters or fewer").default(""),
    unit: z.string().trim().min(1, 'Enter the unit, like "people", "£ a day", "%" or "points"').max(60, "Unit must be 60 characters or fewer"),
    measure: z.enum(metricMeasures, { message: "Choose whether it is counted afresh each month or at the month's end" }),
    direction: z.enum(directions, { message: "Choose which way is better" }),
    ownerUserId: z.preprocess(
      blankAsMissing,
      z.coerce.number({ message: "Choose the owner from the list" }).int("Choose the owner from the list").positive("Choose the owner from the list"),
    ),
    baselineFrom: month("the baseline's first month"),
    baselineTo: month("the baseline's last month"),
  })
  .superRefine((form, context) => {
    if (form.baselineTo < form.baselineFrom) {
      context.addIssue({ code: "custom", path: ["baselineTo"], message: "The baseline's last month must be on or after its first month" });
    } else if (monthsBetween(form.baselineFrom, form.baselineTo) + 1 < MINIMUM_BASELINE_MONTHS) {
      context.addIssue({
        code: "custom",
        path: ["baselineTo"],
        message: `The baseline must cover at least ${MINIMUM_BASELINE_MONTHS} months, so a line can be fitted to it`,
      });
    }
  });

export type MetricFields = z.output<typeof metricForm>;

/** A month's value; months after `currentMonth` have not happened yet. */
export function valueForm(currentMonth: IsoMonth) {
  return z.object({
    month: month("the month").refine((m) => m <= currentMonth, {
      message: `The month must not be in the future: enter a month up to ${formatMonthLong(currentMonth)}`,
    }),
    value: z.preprocess(
      (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : (parseNumber(v) ?? Number.NaN)) : v),
      z.number({ message: "Enter the value as a number, like 412 or 135.5" }).refine(Number.isFinite, "Enter the value as a number, like 412 or 135.5"),
    ),
  });
}

export const trajectoryForm = z.object({
  trajectory: z.string().max(20_000, "The trajectory must be 20,000 characters or fewer").default(""),
});

export const measureLabels = {
  flow: "Counted afresh each month (a flow, such as admissions): months add up",
  level: "A count or average at the month's end (a level, such as people in care): the latest month counts",
} as const;

export const directionLabels = {
  down: "Lower is better",
  up: "Higher is better",
  neither: "Neither: no direction is better",
} as const;
