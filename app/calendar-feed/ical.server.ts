/*
 * The feed as iCalendar (RFC 5545) text, written by ical-generator: it escapes
 * commas, semicolons, backslashes and line breaks in text, folds long lines at
 * 75 octets without splitting a character, ends lines with CRLF, and writes
 * all-day dates the way Outlook expects; each an easy thing to get subtly
 * wrong by hand, and a mistake makes a calendar drop the whole feed.
 */
import ical from "ical-generator";
import { addDays } from "~/dates";
import { actionStatusLabels } from "~/actions/action-rules";
import type { ActionRow } from "~/actions/queries.server";

export const CALENDAR_NAME = "Primed: my action deadlines";
/** How often a calendar should fetch the feed again; Outlook decides for itself, but others follow the hint. */
const REFRESH_SECONDS = 60 * 60;

/**
 * RFC 5545 allows no control characters in text but the tab, and a calendar
 * that meets one may drop the whole feed; a title or detail pasted from
 * another program can carry one (a vertical tab, a form feed). Line breaks
 * stay: ical-generator escapes them.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const calendarText = (text: string) => text.replace(CONTROL_CHARACTERS, "");

export type FeedAction = Pick<ActionRow, "id" | "title" | "detail" | "teamName" | "status" | "deadline" | "updatedAt">;

/**
 * One all-day event per action, on its deadline. A deadline is a calendar
 * date, not a moment, so the event is a DATE with no time zone: it shows on
 * that day wherever the calendar is. The event's id stays the same for the
 * action's life, so a changed deadline moves the event rather than adding one.
 */
export function deadlinesCalendar(actions: readonly FeedAction[], origin: string): string {
  const calendar = ical({
    name: CALENDAR_NAME,
    prodId: { company: "Primed", product: "Action deadlines", language: "EN" },
    ttl: REFRESH_SECONDS,
  });
  for (const action of actions) {
    const address = `${origin}/actions/${action.id}`;
    calendar.createEvent({
      id: `action-${action.id}@primed`,
      allDay: true,
      start: action.deadline,
      // The day after, as RFC 5545 counts an all-day end; some versions of Outlook want it written.
      end: addDays(action.deadline, 1),
      // Without a METHOD, RFC 5545 reads DTSTAMP as when the event last changed: the action's last change.
      stamp: new Date(action.updatedAt),
      lastModified: new Date(action.updatedAt),
      summary: calendarText(`Action due: ${action.title}`),
      description: calendarText(
        [`Team: ${action.teamName}`, `Status: ${actionStatusLabels[action.status]}`, action.detail, `Open it in Primed: ${address}`].filter((line) => line !== "").join("\n\n"),
      ),
      url: address,
    });
  }
  return calendar.toString();
}
