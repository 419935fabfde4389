/*
 * The action forms' checks, shared by the routes and the domain module. Each
 * message says what is wrong with which field, in the words on the page.
 */
import { z } from "zod";
import { blankAsMissing } from "~/forms/form-kit";
import { dateField, requiredDateField } from "~/forms/date-field";
import { emailField } from "~/admin/forms";
import { actionStatuses, followUpOutcomes } from "../../db/schema";
import { MAX_ESCALATION_DAYS } from "./action-rules";

export const TITLE_MAX = 150;
export const DETAIL_MAX = 2000;
export const COMMENT_MAX = 1000;
export const REASON_MAX = 500;

/** The forms' date fields, each posted as Day, Month and Year boxes (see app/forms/date-field.ts). */
export const actionDateFields = ["deadline", "newDeadline"] as const;

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);
const optionalId = (message: string) => z.preprocess(blankAsMissing, id(message).optional());

const detail = z
  .string()
  .default("")
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().max(DETAIL_MAX, `Keep the detail to ${DETAIL_MAX.toLocaleString("en-GB")} characters or fewer`));

/** What the action is meant to move: a series of its team ("series:overdue") or a Primed Metric ("metric:3"). */
const measure = z.preprocess(
  blankAsMissing,
  z
    .string()
    .max(200, "Choose a measure from the list")
    // An outcome share's key names its outcome group, in CLD's words: "series:outcomeShare:No further action".
    .regex(/^(series:[A-Za-z]+(:[^:\n][^\n]*)?|metric:\d+)$/, "Choose a measure from the list")
    .optional(),
);

const CHOOSE_OWNER = "Choose who owns the action";

/**
 * The owner as the form posts it: a Primed account's id ("12"), or someone in
 * the team who has no account yet ("worker:34"; app/actions/owners.server.ts).
 */
export type OwnerChoiceValue = number | { workerId: number };
const owner = z
  .string({ message: CHOOSE_OWNER })
  .regex(/^(\d{1,9}|worker:\d{1,9})$/, CHOOSE_OWNER)
  .transform((value): OwnerChoiceValue => (value.startsWith("worker:") ? { workerId: Number(value.slice("worker:".length)) } : Number(value)));

/** Only for an owner with no account yet: the council email Primed makes their account with. */
const ownerEmail = z.preprocess(blankAsMissing, emailField.optional());

/** Whether the owner posted is someone with no account yet, for whom saving makes one. */
export const ownerNeedsAccount = (fields: { owner: OwnerChoiceValue }) => typeof fields.owner === "object";

/** The banner's words after an action is given to someone whose account was made for it. */
export const OWNER_ACCOUNT_MADE = "Primed made an account for its owner, who had none: once they sign in they see the action on My work.";

export const actionFields = z.object({
  title: z
    .string({ message: "Enter what is to be done" })
    .trim()
    .min(1, "Enter what is to be done")
    .max(TITLE_MAX, `Keep the title to ${TITLE_MAX} characters or fewer: put the rest in the detail`),
  detail,
  owner,
  ownerEmail,
  deadline: requiredDateField("Deadline", "Enter a deadline"),
  objective: optionalId("Choose an objective from the list"),
  measure,
});
export type ActionFields = z.infer<typeof actionFields>;

const comment = z
  .string()
  .default("")
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().max(COMMENT_MAX, `Keep the comment to ${COMMENT_MAX.toLocaleString("en-GB")} characters or fewer`));

/** The owner's update: a new status, a comment, or both. */
export const progressForm = z
  .object({
    status: z.enum(actionStatuses, { message: "Choose a status from the list" }),
    comment,
  })
  .refine((form) => form.status !== "dropped" || form.comment !== "", {
    message: "Say why the action is dropped",
    path: ["comment"],
  });

const reason = (what: string) =>
  z
    .string({ message: `Say ${what}` })
    .trim()
    .min(1, `Say ${what}`)
    .max(REASON_MAX, `Keep the reason to ${REASON_MAX} characters or fewer`);

export const escalateForm = z.object({ reason: reason("why the action needs the head of service") });

export const escalationDaysForm = z.object({
  // A blank box is not read as 0 days.
  days: z.preprocess(
    blankAsMissing,
    z.coerce
      .number({ message: "Enter a whole number of days" })
      .int("Enter a whole number of days")
      .min(1, "Enter at least 1 day")
      .max(MAX_ESCALATION_DAYS, `Enter at most ${MAX_ESCALATION_DAYS} days`),
  ),
});

/** A meeting's follow-up of one action: done, carried forward to a new date (with why), or closed as no longer needed (with why). */
export const followUpForm = z
  .object({
    action: id("The action was not sent: open the meeting again"),
    outcome: z.enum(followUpOutcomes, { message: "Choose what happened to the action" }),
    newDeadline: dateField("New deadline", { required: false }),
    reason: z
      .string()
      .default("")
      .transform((text) => text.trim())
      .pipe(z.string().max(REASON_MAX, `Keep the reason to ${REASON_MAX} characters or fewer`)),
  })
  .superRefine((form, ctx) => {
    if (form.outcome === "carried_forward" && !form.newDeadline) ctx.addIssue({ code: "custom", path: ["newDeadline"], message: "Enter the new deadline" });
    if (form.outcome !== "done" && form.reason === "") {
      ctx.addIssue({ code: "custom", path: ["reason"], message: form.outcome === "carried_forward" ? "Say why it is carried forward" : "Say why it is no longer needed" });
    }
  });
export type FollowUp = z.infer<typeof followUpForm>;

/** Which actions the log and the tracker show. */
export const actionShows = ["open", "overdue", "escalated", "done", "dropped", "all"] as const;
export type ActionShow = (typeof actionShows)[number];

export const actionShowLabels: Record<ActionShow, string> = {
  open: "Open and in progress",
  overdue: "Overdue",
  escalated: "Escalated",
  done: "Done",
  dropped: "Dropped",
  all: "All actions",
};

/** The tracker's filters, from the address: a team (by its address name) and which actions. */
export const trackerFilter = z.object({
  team: z.preprocess(blankAsMissing, z.string().max(100, "The team in the address is not one Primed knows").optional()),
  show: z.preprocess(blankAsMissing, z.enum(actionShows, { message: "The address asks for a list of actions Primed does not have" }).default("open")),
});
export type TrackerFilter = z.infer<typeof trackerFilter>;
