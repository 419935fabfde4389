/*
 * Every admin form's rules, with messages that say what is wrong and what is
 * accepted. A forged value (a role or team type outside the lists) is a field
 * error like any other.
 */
import { z } from "zod";
import { isIsoDate } from "~/dates";
import { teamTypes, timescaleUnits, userRoles } from "../../db/schema";

const name = z.string().trim().min(1, "Enter a name").max(200, "Name must be 200 characters or fewer");
const id = (what: string) => z.coerce.number({ message: `Choose ${what}` }).int(`Choose ${what}`).positive(`Choose ${what}`);
const optionalId = (what: string) =>
  z.preprocess((v) => (v === "" || v === undefined ? undefined : v), id(what).optional());

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
  timescale: z.coerce.number({ message: "Enter the timescale as a whole number of days" }).int("Enter the timescale as a whole number of days").min(1, "Timescale must be at least 1 day").max(365, "Timescale must be 365 days or fewer"),
  timescaleUnit: z.enum(timescaleUnits, { message: "Choose calendar days or working days" }),
});

const optionalDate = (label: string) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().refine(isIsoDate, `${label} must be a real date written as YYYY-MM-DD`).optional(),
  );

export const auditFilter = z.object({
  actor: z.preprocess((v) => (v === "" ? undefined : v), z.union([z.literal("system"), z.coerce.number().int().positive()], { message: "Choose a person from the list" }).optional()),
  entity: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(50, "Choose a kind of record from the list").optional()),
  from: optionalDate("The from date"),
  to: optionalDate("The to date"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export type FieldErrors = Record<string, string>;

/** The first message for each field, keyed by the field's name. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
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
