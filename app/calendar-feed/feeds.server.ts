/*
 * A person's calendar feed of their action deadlines. A calendar client
 * cannot sign in, so the feed's address carries a secret instead: 32 random
 * bytes, of which only the SHA-256 hash is kept, so a copy of the database
 * (or a backup) does not give anyone's feed away. The address is shown once,
 * when it is made; making it again replaces it, so the old address stops.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { calendarFeeds, users } from "../../db/schema";
import { audit, actorOf } from "~/audit/audit.server";
import { listActions, type ActionRow } from "~/actions/queries.server";
import { clockToday } from "~/platform/clock.server";

/** 32 bytes in base64url: 43 characters, nothing to escape in an address. */
export const feedSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** When the person's feed was made, or null when they have none. */
export function feedOf(db: Db, userId: number): { createdAt: string } | null {
  return db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId)).get() ?? null;
}

/**
 * Makes the person's feed secret, replacing any earlier one (a reset), with
 * its audit entry. Returns the secret: the only time it exists outside the
 * request that asks for the feed. The audit entry never holds it or its hash.
 */
export function makeFeedSecret(db: Db, user: { id: number; email: string }, now = new Date()): { secret: string; reset: boolean } {
  const secret = randomBytes(32).toString("base64url");
  const stored = { tokenHash: hashOf(secret), createdAt: now.toISOString() };
  const reset = db.transaction(() => {
    const before = feedOf(db, user.id);
    db.insert(calendarFeeds)
      .values({ userId: user.id, ...stored })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: stored })
      .run();
    audit(
      db,
      actorOf(user),
      { action: before ? "reset" : "create", entity: "calendar_feed", entityId: user.id, before: before ?? undefined, after: { createdAt: stored.createdAt } },
      now,
    );
    return before !== null;
  });
  return { secret, reset };
}

/** Turns the person's feed off: its address stops working. False when there was none. */
export function removeFeed(db: Db, user: { id: number; email: string }, now = new Date()): boolean {
  return db.transaction(() => {
    const before = feedOf(db, user.id);
    if (!before) return false;
    db.delete(calendarFeeds).where(eq(calendarFeeds.userId, user.id)).run();
    audit(db, actorOf(user), { action: "remove", entity: "calendar_feed", entityId: user.id, before }, now);
    return true;
  });
}

/**
 * The active person whose feed has this secret, or null. The lookup is by the
 * secret's hash, so how long it takes says nothing about how close a guess
 * was to a real secret: a guess close to one hashes to something unrelated.
 * A deactivated person's feed stops with their sign-in.
 */
export function feedOwnerBySecret(db: Db, secret: string): { id: number } | null {
  return (
    db
      .select({ id: users.id })
      .from(calendarFeeds)
      .innerJoin(users, eq(users.id, calendarFeeds.userId))
      .where(and(eq(calendarFeeds.tokenHash, hashOf(secret)), eq(users.active, true)))
      .get() ?? null
  );
}

/** The person's open and in-progress actions, soonest deadline first: what the feed shows. */
export function feedActions(db: Db, userId: number): ActionRow[] {
  return listActions(db, { ownerUserId: userId, show: "open" }, clockToday());
}

/** The feed's address for a secret. */
export const feedUrl = (origin: string, secret: string) => `${origin}/calendar/${secret}.ics`;
