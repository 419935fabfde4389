/*
 * The meeting page's forms. The record is written during the meeting, so
 * nothing is required beyond a real date: a blank note is a note not taken.
 */
import { z } from "zod";
import { formatDate } from "~/dates";
import { requiredDateField } from "~/forms/date-field";
import type { FollowUpOutcome } from "../../db/schema";

export const NOTE_MAX = 4000;
export const GUESTS_MAX = 20;
export const CHAIR_MAX = 120;

/** The first item of every meeting: the terms of reference list what follows it. */
export const FOLLOW_UP_ITEM = "Follow-up of the actions open from previous meetings";

const text = (max: number, what: string) =>
  z
    .string()
    .default("")
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(max, `Keep ${what} to ${max.toLocaleString("en-GB")} characters or fewer`));

/** The meeting's date, on the cycle page and on the meeting page: Day, Month and Year boxes named `heldOn`. */
export const meetingDate = requiredDateField("Date of the meeting", "Enter the date of the meeting");

export const meetingForm = z.object({
  heldOn: meetingDate,
  chair: text(CHAIR_MAX, "the chair's name"),
  attendee: z.array(z.coerce.number().int().positive()).max(500).default([]),
  /** The team's workers who sent their apologies. */
  apology: z.array(z.coerce.number().int().positive()).max(500).default([]),
  guests: text(2000, "the guests")
    .transform((value) =>
      value
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(120, "Keep each guest to one line of 120 characters or fewer")).max(GUESTS_MAX, `List at most ${GUESTS_MAX} guests`)),
  note: z.array(text(NOTE_MAX, "each item's notes")).max(40).default([]),
  keyMessages: text(NOTE_MAX, "the key messages"),
  decisions: text(NOTE_MAX, "the decisions"),
  held: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
});
export type MeetingValues = z.infer<typeof meetingForm>;

/** The field a note of agenda item `index` has on the page, as error messages name it. */
export const noteFieldId = (index: number) => `note-${index}`;

/** A follow-up's outcome in the words of the meeting page and the minutes. */
export const followUpLabels: Record<FollowUpOutcome, string> = {
  done: "Done",
  carried_forward: "Carried forward to a new date",
  no_longer_needed: "Closed: no longer needed",
};

/** What the minutes say of one action's follow-up: "Done", "Carried forward to 18 December 2026: why", "Closed: no longer needed: why". */
export function followUpOutcomeText(record: { outcome: FollowUpOutcome; newDeadline: string | null; reason: string } | null): string {
  if (record === null) return "Not followed up yet";
  const head = record.outcome === "carried_forward" && record.newDeadline ? `Carried forward to ${formatDate(record.newDeadline)}` : followUpLabels[record.outcome];
  return record.reason ? `${head}: ${record.reason}` : head;
}
