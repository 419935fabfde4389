/*
 * The outbox of reminders by email (mail_messages). Queuing is an insert
 * that does nothing when the dedupe key is already there, so a reminder is
 * queued at most once however often its event or scan runs; sending claims
 * a row first, so two processes never send the same one.
 */
import { and, count, desc, eq, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { mailChoices, mailMessages, users, type MailKind, type MailStatus } from "../../db/schema";

export interface NewMail {
  kind: MailKind;
  /** Names the reminder: the same key twice is the same reminder, queued once. */
  dedupeKey: string;
  userId: number;
  subject: string;
  bodyText: string;
  attachment?: string | null;
}

/** Whether the person receives this kind: yes unless they turned it off on their account page. */
export function receives(db: Db, userId: number, kind: MailKind): boolean {
  const row = db
    .select({ enabled: mailChoices.enabled })
    .from(mailChoices)
    .where(and(eq(mailChoices.userId, userId), eq(mailChoices.kind, kind)))
    .get();
  return row?.enabled ?? true;
}

/**
 * Queues one message to an active person who has not turned its kind off, at
 * the address on their account now. Returns whether a new row was added.
 * Call it in the transaction that makes the change it tells of.
 */
export function queueMail(db: Db, mail: NewMail, now = new Date()): boolean {
  const person = db.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, mail.userId)).get();
  if (!person?.active || !receives(db, mail.userId, mail.kind)) return false;
  const at = now.toISOString();
  const added = db
    .insert(mailMessages)
    .values({ ...mail, attachment: mail.attachment ?? null, toAddress: person.email, status: "queued", nextAttemptAt: at, createdAt: at })
    .onConflictDoNothing({ target: mailMessages.dedupeKey })
    .run();
  return added.changes > 0;
}

/** Whether a reminder with this key was ever queued (the dedupe key is the reminder's name). */
export function queuedAlready(db: Db, dedupeKey: string): boolean {
  return db.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.dedupeKey, dedupeKey)).get() !== undefined;
}

export type OutboxMessage = typeof mailMessages.$inferSelect;

/** How long a process may hold a message while sending it; after that another takes it back (the sender died). */
export const CLAIM_MS = 2 * 60_000;

/**
 * Takes the next message due to be sent by `now` (a pass's start, so a message
 * that fails in it is not tried again in the same pass), marking it sending until the claim
 * runs out: an update that only succeeds on a row still queued (or whose
 * claim has expired), so of two processes only one gets it.
 */
export function claimNext(db: Db, now = new Date()): OutboxMessage | null {
  const at = now.toISOString();
  const due = or(and(eq(mailMessages.status, "queued"), lte(mailMessages.nextAttemptAt, at)), and(eq(mailMessages.status, "sending"), lte(mailMessages.claimedUntil, at)));
  for (;;) {
    const candidate = db.select({ id: mailMessages.id }).from(mailMessages).where(due).orderBy(mailMessages.nextAttemptAt, mailMessages.id).limit(1).get();
    if (!candidate) return null;
    const claimed = db
      .update(mailMessages)
      .set({ status: "sending", claimedUntil: new Date(Date.now() + CLAIM_MS).toISOString(), attempts: sql`${mailMessages.attempts} + 1` })
      .where(and(eq(mailMessages.id, candidate.id), due))
      .returning()
      .get();
    // Another process took it between the two statements: look for the next.
    if (claimed) return claimed;
  }
}

/** The mail server accepted it. */
export function markSent(db: Db, id: number, now = new Date()) {
  db.update(mailMessages)
    .set({ status: "sent", sentAt: now.toISOString(), claimedUntil: null, lastError: null })
    .where(and(eq(mailMessages.id, id), eq(mailMessages.status, "sending")))
    .run();
}

/** Tries after a temporary failure: 1, 2, 4, 8... minutes, at most an hour apart. */
export const MAX_ATTEMPTS = 8;
export function backOffMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** A failure: tried again later if it may pass (and attempts remain), else failed for good. */
export function markFailed(db: Db, message: Pick<OutboxMessage, "id" | "attempts">, error: string, temporary: boolean, now = new Date(), backOff = backOffMs) {
  const giveUp = !temporary || message.attempts >= MAX_ATTEMPTS;
  db.update(mailMessages)
    .set({
      status: giveUp ? "failed" : "queued",
      claimedUntil: null,
      lastError: error.slice(0, 1000),
      nextAttemptAt: new Date(now.getTime() + (giveUp ? 0 : backOff(message.attempts))).toISOString(),
    })
    .where(and(eq(mailMessages.id, message.id), eq(mailMessages.status, "sending")))
    .run();
}

/** An administrator's "send again" of a failed message: queued now, with its attempts counted afresh. */
export function sendAgain(db: Db, id: number, now = new Date()): boolean {
  const changed = db
    .update(mailMessages)
    .set({ status: "queued", attempts: 0, nextAttemptAt: now.toISOString() })
    .where(and(eq(mailMessages.id, id), eq(mailMessages.status, "failed")))
    .run();
  return changed.changes > 0;
}

export const OUTBOX_PAGE_SIZE = 50;

/** One page of the outbox for the administrator, newest first, optionally of one status. */
export function outboxPage(db: Db, status: MailStatus | null, page: number) {
  const where = status ? eq(mailMessages.status, status) : undefined;
  const total = db.select({ n: count() }).from(mailMessages).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: mailMessages.id,
      kind: mailMessages.kind,
      toAddress: mailMessages.toAddress,
      subject: mailMessages.subject,
      status: mailMessages.status,
      attempts: mailMessages.attempts,
      lastError: mailMessages.lastError,
      createdAt: mailMessages.createdAt,
      sentAt: mailMessages.sentAt,
      nextAttemptAt: mailMessages.nextAttemptAt,
    })
    .from(mailMessages)
    .where(where)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  return { total, rows };
}
