/*
 * The reminders queued where their event happens, in the same transaction as
 * the change: an action given to someone, an action escalated, a meeting pack
 * issued. Each is a small call the commands make; with mail off they do nothing.
 * (This folder reads the tables directly, not through actions/ or meetings/,
 * which call it: the layers allow no cycle.)
 */
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { actions, meetings, teams, userTeams, users, workers } from "../../db/schema";
import type { IsoMonth } from "~/dates";
import { getEnv } from "~/platform/env-cache.server";
import { mailSettingsOf, type MailSettings } from "./mail-settings";
import { actionGivenLetter, escalatedLetter, packIssuedLetter, type ActionInWords } from "./messages";
import { queueMail } from "./outbox.server";

/** The settings now, or null while mail is off (a test may pass its own). */
function settingsNow(settings?: MailSettings | null): MailSettings | null {
  return settings === undefined ? mailSettingsOf(getEnv()) : settings;
}

/** An action as the mail names it. */
export function actionInWords(db: Db, actionId: number): (ActionInWords & { ownerUserId: number }) | null {
  return (
    db
      .select({ id: actions.id, title: actions.title, teamName: teams.name, deadline: actions.deadline, ownerUserId: actions.ownerUserId })
      .from(actions)
      .innerJoin(teams, eq(teams.id, actions.teamId))
      .where(eq(actions.id, actionId))
      .get() ?? null
  );
}

/**
 * Tells an action's owner it is theirs: call it when an action is created, or
 * its owner changes, with the person who did it (no mail to yourself).
 */
export function mailActionGiven(db: Db, actionId: number, byUserId: number | null, now = new Date(), settings?: MailSettings | null) {
  const mail = settingsNow(settings);
  if (!mail) return;
  const action = actionInWords(db, actionId);
  if (!action || action.ownerUserId === byUserId) return;
  queueMail(
    db,
    {
      kind: "action_given",
      dedupeKey: `action-given:action:${actionId}:user:${action.ownerUserId}:${now.toISOString()}`,
      userId: action.ownerUserId,
      ...actionGivenLetter(mail.publicUrl, action),
    },
    now,
  );
}

/** Tells every active head of service that an action is escalated (by a manager, or automatically when `automatically`). */
export function mailEscalated(db: Db, actionId: number, escalatedAt: string, automatically: boolean, now = new Date(), settings?: MailSettings | null) {
  const mail = settingsNow(settings);
  if (!mail) return;
  const action = actionInWords(db, actionId);
  if (!action) return;
  const heads = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "head_of_service"), eq(users.active, true)))
    .all();
  const letter = escalatedLetter(mail.publicUrl, action, automatically);
  for (const head of heads) queueMail(db, { kind: "escalated", dedupeKey: `escalated:action:${actionId}:${escalatedAt}:user:${head.id}`, userId: head.id, ...letter }, now);
}

// The meeting's attendance as meetings.server.ts stores it: a list (older records) or who came and who sent apologies.
const attendanceSchema = z.union([z.array(z.number()), z.object({ present: z.array(z.number()) }).transform((a) => a.present)]);

/**
 * Who gets a team's pack for a month: the people with accounts among the
 * meeting's attendees once attendance is recorded; before that, the team's
 * active workers with accounts and its managers.
 */
export function packRecipients(db: Db, teamId: number, month: IsoMonth): number[] {
  const meeting = db
    .select({ attendees: meetings.attendees })
    .from(meetings)
    .where(and(eq(meetings.teamId, teamId), eq(meetings.month, month)))
    .get();
  const attending = meeting ? attendanceSchema.parse(JSON.parse(meeting.attendees)) : [];
  const workerIds =
    attending.length > 0
      ? attending
      : db
          .select({ id: workers.id })
          .from(workers)
          .where(and(eq(workers.teamId, teamId), eq(workers.active, true)))
          .all()
          .map((w) => w.id);
  const linked =
    workerIds.length === 0
      ? []
      : db
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.workerId, workerIds), isNotNull(users.workerId)))
          .all();
  const managers = attending.length > 0 ? [] : db.select({ id: userTeams.userId }).from(userTeams).where(eq(userTeams.teamId, teamId)).all();
  return [...new Set([...linked, ...managers].map((u) => u.id))].sort((a, b) => a - b);
}

/** Tells the pack's readers it is issued, the PDF attached when sent. Each issue (a re-issue too) is told once. */
export function mailPackIssued(db: Db, teamId: number, month: IsoMonth, issuedAt: string, now = new Date(), settings?: MailSettings | null) {
  const mail = settingsNow(settings);
  if (!mail) return;
  const team = db.select({ name: teams.name, slug: teams.slug }).from(teams).where(eq(teams.id, teamId)).get();
  if (!team) return;
  const letter = packIssuedLetter(mail.publicUrl, { teamName: team.name, slug: team.slug, month });
  for (const userId of packRecipients(db, teamId, month)) {
    queueMail(
      db,
      { kind: "pack_issued", dedupeKey: `pack-issued:team:${teamId}:${month}:${issuedAt}:user:${userId}`, userId, attachment: `pack:${teamId}:${month}`, ...letter },
      now,
    );
  }
}
