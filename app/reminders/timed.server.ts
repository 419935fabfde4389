/*
 * The reminders found by date, queued by the job's scan for today: an
 * action due within the days set, an action overdue, and on Mondays the
 * weekly digest. Their dedupe keys name the action's deadline (or the
 * Monday), so scanning again the same day, after a restart, or from a second
 * process queues nothing more, and a new deadline earns a new reminder.
 */
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { actions, teams } from "../../db/schema";
import { addDays, daysBetween, type IsoDate } from "~/dates";
import type { MailSettings } from "./mail-settings";
import { dueSoonLetter, overdueLetter } from "./messages";
import { queueMail } from "./outbox.server";

/** Open or in progress: the statuses app/actions/queries.server.ts counts as open (not imported: actions/ calls this folder). */
const OPEN = ["open", "in_progress"] as const;

/**
 * An overdue action is told of once, if its deadline passed within this many
 * days: turning mail on does not send a reminder for every action overdue for months.
 */
export const OVERDUE_LOOK_BACK_DAYS = 7;

function openActionsDueBetween(db: Db, from: IsoDate, to: IsoDate) {
  return db
    .select({ id: actions.id, title: actions.title, teamName: teams.name, deadline: actions.deadline, ownerUserId: actions.ownerUserId })
    .from(actions)
    .innerJoin(teams, eq(teams.id, actions.teamId))
    .where(and(inArray(actions.status, OPEN), gte(actions.deadline, from), lte(actions.deadline, to)))
    .all();
}

/** Queues today's timed reminders; returns how many were new. */
export function queueTimedReminders(db: Db, settings: MailSettings, today: IsoDate, now = new Date()): number {
  return db.transaction(() => {
    let added = 0;
    for (const action of openActionsDueBetween(db, today, addDays(today, settings.daysBefore))) {
      const letter = dueSoonLetter(settings.publicUrl, action, daysBetween(today, action.deadline));
      if (queueMail(db, { kind: "due_soon", dedupeKey: `due-soon:action:${action.id}:${action.deadline}`, userId: action.ownerUserId, ...letter }, now)) added += 1;
    }
    for (const action of openActionsDueBetween(db, addDays(today, -OVERDUE_LOOK_BACK_DAYS), addDays(today, -1))) {
      const letter = overdueLetter(settings.publicUrl, action);
      if (queueMail(db, { kind: "overdue", dedupeKey: `overdue:action:${action.id}:${action.deadline}`, userId: action.ownerUserId, ...letter }, now)) added += 1;
    }
    return added;
  });
}
