/*
 * Every admin form's rules, with messages that say what is wrong and what is
 * accepted. A forged value (a role or team type outside the lists) is a field
 * error like any other.
 */
import { z } from "zod";
import { dateField } from "~/forms/date-field";
import { blankAsMissing } from "~/forms/form-kit";
import { teamTypes, timescaleUnits, userRoles } from "../../db/schema";

const name = z.string().trim().min(1, "Enter a name").max(200, "Name must be 200 characters or fewer");
const id = (what: string) =>
  z.coerce
    .number({ message: `Choose ${what}` })
    .int(`Choose ${what}`)
    .positive(`Choose ${what}`);
const optionalId = (what: string) => z.preprocess(blankAsMissing, id(what).optional());

export const passwordField = z.string().min(12, "Password must be at least 12 characters").max(200, "Password must be 200 characters or fewer");

export const userFields = z.object({
  name,
  role: z.enum(userRoles, { message: "Choose a role from the list" }),
  workerId: optionalId("a worker from the list"),
  teamIds: z.array(id("teams from the list")).max(50, "Choose at most 50 teams").default([]),
});

/** A new user's sign-in address, as the form and a CSV of users (app/admin/bulk-users.ts) both check it. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .max(254, "Email address must be 254 characters or fewer")
  .email("Enter an email address in the correct format, like name@council.gov.uk");

export const newUserForm = userFields.extend({
  email: emailField,
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
/** A whole number of people as typed, with or without thousands separators ("198,400"). */
const peopleCount = (group: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? blankAsMissing(v.replace(/[,\s]/g, "")) : v),
    z.coerce
      .number({ message: `Enter the number of ${group} as a whole number, such as 198400` })
      .int(`Enter the number of ${group} as a whole number, such as 198400`)
      .min(1, `The number of ${group} must be at least 1`)
      .max(20_000_000, `The number of ${group} must be 20,000,000 or fewer`),
  );

export const populationForm = z.object({
  year: z.preprocess(
    blankAsMissing,
    z.coerce
      .number({ message: "Enter the year as four digits, such as 2025" })
      .int("Enter the year as four digits, such as 2025")
      .min(1971, "The year must be 1971 or later (the first ONS mid-year estimates)")
      .max(2100, "The year must be 2100 or earlier"),
  ),
  adults18To64: peopleCount("adults aged 18 to 64"),
  adults65AndOver: peopleCount("adults aged 65 and over"),
  source: z
    .string({ message: "Enter where the figures come from, such as ONS mid-year estimates 2024" })
    .trim()
    .min(1, "Enter where the figures come from, such as ONS mid-year estimates 2024")
    .max(300, "The source must be 300 characters or fewer"),
});

export const populationRemoval = z.object({ year: z.coerce.number({ message: "Choose a year from the list" }).int("Choose a year from the list") });

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

const ticked = z.preprocess((v) => v === "on" || v === "true", z.boolean());

/** The choices that go with an uploaded extract: each a checkbox, ticked or not. */
export const uploadChoicesForm = z.object({
  dryRun: ticked,
  skipInvalid: ticked,
  createMissing: ticked,
});
