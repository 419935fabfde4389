/*
 * The Primed Metrics forms' rules, with messages that say what is wrong and
 * what is accepted. A forged value (a measure or direction outside the lists)
 * is a field error like any other.
 */
import { z } from "zod";
import { formatMonthLong, isIsoMonth, type IsoMonth } from "~/dates";
import { directions, metricKinds, metricMeasures } from "../../db/schema";
import { countedMeasureOf } from "./counted-measures";
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

const teamIdList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.coerce.number({ message: "Choose the teams from the list" }).int("Choose the teams from the list").positive("Choose the teams from the list"))
    .max(500, "Choose 500 teams or fewer"),
);

export const metricForm = z
  .object({
    kind: z.enum(metricKinds, { message: "Choose whether people enter its values or Primed counts them from the data" }).default("entered"),
    countedMeasure: z.preprocess(blankAsMissing, z.string().max(120).optional()),
    scope: z.preprocess(blankAsMissing, z.enum(["service", "teams"], { message: "Choose whether it counts the whole service or some teams" }).optional()),
    teamIds: teamIdList,
    name: z.string().trim().min(1, "Enter a name").max(120, "Name must be 120 characters or fewer"),
    description: z.string().trim().max(1000, "Description must be 1,000 characters or fewer").default(""),
    unit: z.string().trim().max(60, "Unit must be 60 characters or fewer").default(""),
    measure: z.preprocess(blankAsMissing, z.enum(metricMeasures, { message: "Choose whether it is counted afresh each month or at the month's end" }).optional()),
    direction: z.enum(directions, { message: "Choose which way is better" }),
    ownerUserId: z.preprocess(
      blankAsMissing,
      z.coerce.number({ message: "Choose the owner from the list" }).int("Choose the owner from the list").positive("Choose the owner from the list"),
    ),
    baselineFrom: month("the baseline's first month"),
    baselineTo: month("the baseline's last month"),
  })
  .superRefine((form, context) => {
    if (form.kind === "entered") {
      if (!form.unit) context.addIssue({ code: "custom", path: ["unit"], message: 'Enter the unit, like "people", "£ a day", "%" or "points"' });
      if (!form.measure) context.addIssue({ code: "custom", path: ["measure"], message: "Choose whether it is counted afresh each month or at the month's end" });
    } else {
      if (!countedMeasureOf(form.countedMeasure)) context.addIssue({ code: "custom", path: ["countedMeasure"], message: "Choose what Primed counts from the list" });
      if (!form.scope) context.addIssue({ code: "custom", path: ["scope"], message: "Choose whether it counts the whole service or some teams" });
      else if (form.scope === "teams" && form.teamIds.length === 0)
        context.addIssue({ code: "custom", path: ["teamIds"], message: "Choose at least one team, or count the whole service" });
    }
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

type MetricForm = z.output<typeof metricForm>;

/** A metric as stored: a counted one takes its unit (unless one is written) and how it is counted from its measure. */
export interface MetricFields {
  name: string;
  description: string;
  unit: string;
  measure: (typeof metricMeasures)[number];
  direction: (typeof directions)[number];
  ownerUserId: number;
  baselineFrom: IsoMonth;
  baselineTo: IsoMonth;
  /** Entered unless said. */
  kind?: (typeof metricKinds)[number];
  countedMeasure?: string | null;
  /** A counted metric's teams; empty for the whole service (and for an entered metric). */
  teamIds?: number[];
}

/** The stored fields of a form that passed `metricForm`. */
export function metricFieldsOf(form: MetricForm): MetricFields {
  const { scope, countedMeasure, teamIds, unit, measure, ...rest } = form;
  const counted = form.kind === "counted" ? countedMeasureOf(countedMeasure) : undefined;
  return {
    ...rest,
    baselineFrom: rest.baselineFrom as IsoMonth,
    baselineTo: rest.baselineTo as IsoMonth,
    unit: unit || counted?.unit || "",
    measure: counted?.measure ?? measure!,
    countedMeasure: counted?.key ?? null,
    teamIds: counted && scope === "teams" ? [...new Set(teamIds)] : [],
  };
}

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

export const kindLabels = {
  entered: "Entered by people: for what the data does not carry, such as a staff survey score",
  counted: "Counted from the data: Primed counts each month from the loaded extract, after every load",
} as const;

export const measureLabels = {
  flow: "Counted afresh each month (a flow, such as admissions): months add up",
  level: "A count or average at the month's end (a level, such as people in care): the latest month counts",
} as const;

export const directionLabels = {
  down: "Lower is better",
  up: "Higher is better",
  neither: "Neither: no direction is better",
} as const;
