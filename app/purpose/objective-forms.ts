/*
 * The purpose forms' rules (objectives and ground rules), shared by the pages
 * and the domain modules. Each message says what is wrong with which field,
 * in the words on the page. Pure: no database.
 */
import { z } from "zod";
import { blankAsMissing } from "~/forms/form-kit";
import { formatMonthLong, isIsoMonth, type IsoMonth } from "~/dates";

export const STATEMENT_MAX = 300;
export const GROUND_RULES_MAX = 12;
export const GROUND_RULE_MAX_LENGTH = 200;

/** What a purpose form asks for: a new objective, a change to one, withdrawing one, or a new version of the ground rules. */
export const purposeIntents = ["add", "edit", "retire", "ground-rules"] as const;
export type PurposeIntent = (typeof purposeIntents)[number];
export const purposeIntent = z.enum(purposeIntents, { message: "The form was not sent whole: open the page again and try once more" });

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);

const month = (label: string) =>
  z
    .string({ message: `Enter ${label} as YYYY-MM, like 2026-04` })
    .trim()
    .min(1, `Enter ${label} as YYYY-MM, like 2026-04`)
    .refine(isIsoMonth, `${label.replace(/^./, (c) => c.toUpperCase())} must be a real month written as YYYY-MM, like 2026-04`);

/**
 * What an objective is judged by, as the form posts it: a team report series
 * ("series:overdue", "series:outcomeShare:No further action") or a Primed
 * Metric ("metric:3"). Whether it names a real one is the domain's check.
 */
const measure = z.preprocess(
  blankAsMissing,
  z
    .string()
    .max(300, "Choose a measure from the list")
    .regex(/^(series:\S.*|metric:\d+)$/, "Choose a measure from the list")
    .optional(),
);

/** An objective's fields. `worker` is set for one person's objective, on the team's page only. */
export const objectiveForm = z
  .object({
    statement: z
      .string({ message: "Enter the objective" })
      // One line: a pasted line break would read as two objectives.
      .transform((text) => text.replace(/\s+/g, " ").trim())
      .pipe(z.string().min(1, "Enter the objective").max(STATEMENT_MAX, `Keep the objective to ${STATEMENT_MAX} characters or fewer`)),
    owner: id("Choose who owns the objective"),
    worker: z.preprocess(blankAsMissing, id("Choose the worker from the list").optional()),
    measure,
    periodFrom: month("the first month"),
    periodTo: month("the last month"),
  })
  .superRefine((form, ctx) => {
    if (isIsoMonth(form.periodFrom) && isIsoMonth(form.periodTo) && form.periodTo < form.periodFrom) {
      ctx.addIssue({
        code: "custom",
        path: ["periodTo"],
        message: `The last month must be on or after the first month (${formatMonthLong(form.periodFrom)})`,
      });
    }
  });
export type ObjectiveFields = z.output<typeof objectiveForm>;

/** Withdrawing an objective, or opening one to edit. */
export const objectiveIdForm = z.object({ id: id("The objective was not sent: open the page again") });

/** The ground rules' text box: one rule per line. */
export function rulesFromText(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The rules as stored: each trimmed, blank lines dropped, then 1 to 12 rules of up to 200 characters, none repeated. */
export const groundRulesSchema = z
  .array(z.string({ error: "Each rule must be text" }), { error: "Enter the ground rules, one per line" })
  .transform((lines) => lines.map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line !== ""))
  .superRefine((rules, ctx) => {
    if (rules.length === 0) {
      ctx.addIssue({ code: "custom", message: "Enter at least one ground rule, one per line" });
      return;
    }
    if (rules.length > GROUND_RULES_MAX) {
      ctx.addIssue({ code: "custom", message: `Keep to ${GROUND_RULES_MAX} ground rules or fewer: there are ${rules.length}. A short list is one the team remembers` });
    }
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (rule.length > GROUND_RULE_MAX_LENGTH) {
        ctx.addIssue({ code: "custom", message: `Rule ${index + 1} is ${rule.length} characters long: keep each rule to ${GROUND_RULE_MAX_LENGTH} characters or fewer` });
      }
      const key = rule.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: `Rule ${index + 1} repeats an earlier one: write each rule once` });
      seen.add(key);
    });
  });

/** The posted ground rules box (before it is split into rules). */
export const groundRulesForm = z.object({
  rules: z
    .string({ message: "Enter the ground rules, one per line" })
    .max(10_000, `The ground rules are too long: keep to ${GROUND_RULES_MAX} rules of up to ${GROUND_RULE_MAX_LENGTH} characters each`),
});

/** "April 2026 to March 2027", or "April 2026" for one month. */
export function periodInWords(from: IsoMonth, to: IsoMonth): string {
  return from === to ? formatMonthLong(from) : `${formatMonthLong(from)} to ${formatMonthLong(to)}`;
}

/** The financial year (April to March) that holds a month: the period a new objective is offered. */
export function financialYearOf(month: IsoMonth): { from: IsoMonth; to: IsoMonth } {
  const year = Number(month.slice(0, 4)) - (month.slice(5, 7) < "04" ? 1 : 0);
  return { from: `${year}-04`, to: `${year + 1}-03` };
}
