/*
 * The forms on a series' chart page, checked with zod: each message says what
 * is wrong with which field, in words a manager would use.
 */
import { z } from "zod";
import { formatMonthShort, isIsoMonth } from "~/dates";
import { directions } from "../../db/schema";
import { fieldErrorsOf } from "~/forms/form-kit";

export const RECALCULATION_REASON_MAX = 500;

const month = (what: string) => z.string().trim().refine(isIsoMonth, `Give the month ${what} as year and month, for example 2026-03`);

export const seriesFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("recalculate"),
    month: month("the limits start again from"),
    reason: z
      .string()
      .trim()
      .min(1, "Say why the limits start again: what changed, and when (a recalculation is a person's decision, on the record)")
      .max(RECALCULATION_REASON_MAX, `The reason must be ${RECALCULATION_REASON_MAX} characters or fewer`),
  }),
  z.object({
    intent: z.literal("remove-recalculation"),
    id: z.coerce.number().int().positive("That recalculation is not recorded for this team"),
  }),
  z.object({
    intent: z.literal("direction"),
    direction: z.enum(directions, { error: "Choose which way is better for this figure" }),
    level: z.enum(["team", "service"], { error: "Choose whether this is for the team or the whole service" }),
  }),
  z.object({
    intent: z.literal("target"),
    value: z
      .string()
      .trim()
      .min(1, "Enter the target as a number")
      .refine((v) => /^-?\d+(\.\d+)?$/.test(v), "Enter the target as a number, for example 80 or 12.5")
      .transform(Number)
      .refine((v) => Math.abs(v) <= 1_000_000, "The target must be between -1,000,000 and 1,000,000"),
    startMonth: month("the target starts"),
    level: z.enum(["team", "service", "worker"], { error: "Choose who the target is for" }),
  }),
]);

export type SeriesForm = z.output<typeof seriesFormSchema>;

/** The first message for each field; a forged or stale form says so rather than naming a hidden field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  return fieldErrorsOf(issues, (issue) =>
    issue.path[0] === "intent" ? { field: "intent", message: "That form is not one this page knows: reload the page and try again" } : undefined,
  );
}

/** What the settings forms need to know of the chart they were sent from. */
export interface SeriesFormContext {
  /** The signed-in person may set things for the whole service (a head of service). */
  mayManageService: boolean;
  /** One worker's chart is open (a worker's target needs one). */
  workerOpen: boolean;
  /** The months the chart shows, oldest first. */
  months: readonly string[];
  unit: string;
}

/**
 * The rules a settings form must meet beyond its shape, in the order the page
 * has always checked them: who may set something for the whole service, a
 * recalculation only after the chart's first month, a worker's target only on
 * a worker's chart, a percentage's target from 0 to 100. Null when it may go ahead.
 */
export function seriesFormRefusal(form: SeriesForm, context: SeriesFormContext): { status: 400 | 403; errors: Record<string, string> } | null {
  const serviceWide = (form.intent === "direction" || form.intent === "target") && form.level === "service";
  if (serviceWide && !context.mayManageService) return { status: 403, errors: { level: "Only a head of service may set this for the whole service" } };
  if (form.intent === "recalculate") {
    const [first, last] = [context.months[0], context.months.at(-1)];
    if (!context.months.includes(form.month) || form.month === first) {
      return {
        status: 400,
        errors: {
          month: first
            ? `Choose a month after ${formatMonthShort(first)} and up to ${formatMonthShort(last!)}: the chart starts at ${formatMonthShort(first)}`
            : "This series has no months to recalculate",
        },
      };
    }
  }
  if (form.intent === "target") {
    if (form.level === "worker" && !context.workerOpen) return { status: 400, errors: { level: "Open one worker's chart to set a target for them" } };
    if (context.unit === "percent" && (form.value < 0 || form.value > 100)) return { status: 400, errors: { value: "This figure is a percentage: enter a target from 0 to 100" } };
  }
  return null;
}
