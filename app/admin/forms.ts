/*
 * Every admin form's rules, with messages that say what is wrong and what is
 * accepted. A forged value (a role or team type outside the lists) is a field
 * error like any other.
 */
import { z } from "zod";
import { dateField } from "~/forms/date-field";
import { teamTypes, timescaleUnits, userRoles } from "../../db/schema";

/** An empty box counts as not answered, so it gets the "enter" message rather than being read as 0. */
export const blankAsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const name = z.string().trim().min(1, "Enter a name").max(200, "Name must be 200 characters or fewer");
const id = (what: string) => z.coerce.number({ message: `Choose ${what}` }).int(`Choose ${what}`).positive(`Choose ${what}`);
const optionalId = (what: string) => z.preprocess(blankAsMissing, id(what).optional());

export const passwordField = z
  .string()
  .min(12, "Password must be at least 12 characters")
  .max(200, "Password must be 200 characters or fewer");

export const userFields = z.object({
  name,
  role: z.enum(userRoles, { message: "Choose a role from the list" }),
  workerId: optionalId("a worker from the list"),
  teamIds: z.array(id("teams from the list")).max(50, "Choose at most 50 teams").default([]),
});

export const newUserForm = userFields.extend({
  email: z.string().trim().toLowerCase().min(1, "Enter an email address").max(254, "Email address must be 254 characters or fewer").email("Enter an email address in the correct format, like name@council.gov.uk"),
  password: passwordField,
});

export const teamForm = z.object({
  name,
  type: z.enum(teamTypes, { message: "Choose a team type from the list" }),
});

export const workTypeForm = z.object({
  workTypeId: id("a work type"),
  timescale: z.preprocess(
    blankAsMissing,
    z.coerce
      .number({ message: "Enter the timescale as a whole number of days, from 1 to 365" })
      .int("Enter the timescale as a whole number of days, from 1 to 365")
      .min(1, "Timescale must be at least 1 day")
      .max(365, "Timescale must be 365 days or fewer"),
  ),
  timescaleUnit: z.enum(timescaleUnits, { message: "Choose calendar days or working days" }),
});

const pageMessage = "The page in the address must be a whole number, 1 or more";

/** The audit filter's dates: Day, Month and Year boxes, or YYYY-MM-DD in an older link. */
export const auditFilterDates = ["from", "to"] as const;

/** The audit trail's filter, read from the address: anything wrong is a 400 with the first message. */
export const auditFilter = z
  .object({
    actor: z.preprocess(blankAsMissing, z.union([z.literal("system"), z.coerce.number().int().positive()], { message: "Choose a person from the list" }).optional()),
    entity: z.preprocess(blankAsMissing, z.string().max(50, "Choose a kind of record from the list").optional()),
    from: dateField("The from date", { required: false }),
    to: dateField("The to date", { required: false }),
    page: z.preprocess(blankAsMissing, z.coerce.number({ message: pageMessage }).int(pageMessage).min(1, pageMessage).max(100_000, pageMessage).default(1)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The from date must be on or before the to date", path: ["to"] });

/** Messages keyed by field name; "form" holds one about the whole form, such as a refused self-deactivation. */
export type FieldErrors = Record<string, string>;

/** Where a form shows one zod issue: the field's id and, when the schema's words are not the page's, the message. */
export type IssuePlace = (issue: z.core.$ZodIssue) => { field: string; message?: string } | undefined;

/**
 * The one way to turn zod's issues into messages: the first message for each
 * field, keyed by the field's name (or "form"). `placeOf` is for forms whose
 * fields are not named by the path's first part (a meeting's note `note.2` is
 * `note-2`), or whose forged values get a message about the whole form.
 */
export function fieldErrorsOf(error: z.ZodError | readonly z.core.$ZodIssue[], placeOf?: IssuePlace): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of "issues" in error ? error.issues : error) {
    const place = placeOf?.(issue);
    errors[place?.field ?? String(issue.path[0] ?? "form")] ??= place?.message ?? issue.message;
  }
  return errors;
}

/** A form post as an object: repeated fields (checkboxes) become arrays. */
export function formObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    values[key] = arrays.includes(key) ? form.getAll(key).map(String) : String(form.get(key));
  }
  for (const key of arrays) values[key] ??= [];
  return values;
}

const ticked = z.preprocess((v) => v === "on" || v === "true", z.boolean());

/** The choices that go with an uploaded extract: each a checkbox, ticked or not. */
export const uploadChoicesForm = z.object({
  dryRun: ticked,
  skipInvalid: ticked,
  createMissing: ticked,
});
