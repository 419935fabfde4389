import { z } from "zod";
import { isIsoDate } from "~/dates";

/** Kept here, not in a server module: the page's text box needs it in the browser too. */
export const PURPOSE_NOTE_MAX = 1000;

/** The cycle page's two forms: the purpose confirmed for the month, and the meeting set up. */
export const cycleForms = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("confirm-purpose"),
    note: z
      .string()
      .default("")
      .transform((v) => v.trim())
      .pipe(z.string().max(PURPOSE_NOTE_MAX, `Keep the note to ${PURPOSE_NOTE_MAX} characters or fewer`)),
  }),
  z.object({
    intent: z.literal("set-up-meeting"),
    heldOn: z.string({ message: "Enter the date of the meeting" }).trim().min(1, "Enter the date of the meeting").refine(isIsoDate, "The date of the meeting must be a real date, such as 2026-12-03"),
  }),
]);
