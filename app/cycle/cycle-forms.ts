import { z } from "zod";
import { meetingDate } from "~/meetings/meeting-forms";

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
    heldOn: meetingDate,
  }),
]);
