/*
 * Integration tokens: the keys a care system's scheduled job loads the
 * extract with (POST /api/extracts). A token may do two things only: start a
 * load, and read the loads it started. It opens no page: pages read the
 * session cookie, never an Authorization header.
 *
 * As for calendar feeds (app/calendar-feed/feeds.server.ts), the secret is 32
 * random bytes, shown once when it is made; only its SHA-256 hash is kept, so
 * a copy of the database (or a backup) gives no token away. A token works up
 * to the end of its expiry date, a calendar date of at most a year ahead,
 * unless it is revoked first. Making and revoking one, each load it starts and
 * each use refused because it was revoked or had expired go on the audit
 * trail; a secret Primed does not know is counted, never stored.
 */
import { createHash, randomBytes } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { writeUnlessBusy } from "../../db/write-unless-busy";
import { appSettings, integrationTokens, users } from "../../db/schema";
import { audit, type Actor } from "~/audit/audit.server";
import { addDays, formatDate, type IsoDate } from "~/dates";
import { dateField } from "~/forms/date-field";

/** "primed_" and 32 random bytes in base64url: the prefix lets secret scanners and people recognise one. */
const PREFIX = "primed_";
export const tokenSecretSchema = z.string().regex(/^primed_[A-Za-z0-9_-]{43}$/);

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The longest a token may last: a year from the day it is made. */
export const MAX_TOKEN_DAYS = 365;

/** The form that makes a token: what it is for, and its last day. */
export const newTokenForm = z.object({
  name: z.string().trim().min(1, "Enter a name that says what the token is for, such as Mosaic nightly extract").max(100, "The name must be 100 characters or fewer"),
  expiresOn: dateField("The expiry date"),
});

export const revokeTokenForm = z.object({
  id: z.coerce.number({ message: "Choose a token from the list" }).int("Choose a token from the list").positive("Choose a token from the list"),
});

export interface TokenRow {
  id: number;
  name: string;
  expiresOn: IsoDate;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
  refusedUses: number;
  /** In words: "Works until …", "Expired", "Revoked". */
  state: "active" | "expired" | "revoked";
}

const stateOf = (row: { revokedAt: string | null; expiresOn: string }, today: IsoDate): TokenRow["state"] =>
  row.revokedAt ? "revoked" : row.expiresOn < today ? "expired" : "active";

/** Every token, the newest first, with who made and revoked it. */
export function listTokens(db: Db, today: IsoDate): TokenRow[] {
  const maker = alias(users, "maker");
  const revoker = alias(users, "revoker");
  return db
    .select({
      id: integrationTokens.id,
      name: integrationTokens.name,
      expiresOn: integrationTokens.expiresOn,
      createdAt: integrationTokens.createdAt,
      createdBy: maker.name,
      revokedAt: integrationTokens.revokedAt,
      revokedBy: revoker.name,
      lastUsedAt: integrationTokens.lastUsedAt,
      refusedUses: integrationTokens.refusedUses,
    })
    .from(integrationTokens)
    .leftJoin(maker, eq(maker.id, integrationTokens.createdByUserId))
    .leftJoin(revoker, eq(revoker.id, integrationTokens.revokedByUserId))
    .orderBy(desc(integrationTokens.id))
    .all()
    .map((row) => ({ ...row, state: stateOf(row, today) }));
}

export type TokenResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/**
 * Makes a token, with its audit entry. Returns its secret: the only time it
 * exists outside the scheduled job that will send it. The audit entry holds
 * neither the secret nor its hash.
 */
export function createToken(
  db: Db,
  admin: Extract<Actor, { kind: "user" }>,
  input: { name: string; expiresOn: IsoDate },
  today: IsoDate,
  now = new Date(),
): TokenResult<{ id: number; name: string; secret: string; expiresOn: IsoDate }> {
  const latest = addDays(today, MAX_TOKEN_DAYS);
  if (input.expiresOn < today) return { ok: false, errors: { expiresOn: "The expiry date must be today or later" } };
  if (input.expiresOn > latest) return { ok: false, errors: { expiresOn: `The expiry date must be at most a year ahead, on or before ${formatDate(latest)}` } };
  const secret = PREFIX + randomBytes(32).toString("base64url");
  const id = db.transaction(() => {
    const row = db
      .insert(integrationTokens)
      .values({ name: input.name, tokenHash: hashOf(secret), expiresOn: input.expiresOn, createdAt: now.toISOString(), createdByUserId: admin.userId })
      .returning({ id: integrationTokens.id })
      .get();
    audit(db, admin, { action: "create", entity: "integration_token", entityId: row.id, after: { name: input.name, expiresOn: input.expiresOn } }, now);
    return row.id;
  });
  return { ok: true, value: { id, name: input.name, secret, expiresOn: input.expiresOn } };
}

/** Revokes a token: it stops working at once. Revoking one already revoked changes nothing. */
export function revokeToken(db: Db, admin: Extract<Actor, { kind: "user" }>, id: number, now = new Date()): TokenResult<string> {
  return db.transaction(() => {
    const token = db.select().from(integrationTokens).where(eq(integrationTokens.id, id)).get();
    if (!token) return { ok: false as const, errors: { form: "There is no such token: choose one from the list" } };
    if (token.revokedAt) return { ok: true as const, value: token.name };
    db.update(integrationTokens).set({ revokedAt: now.toISOString(), revokedByUserId: admin.userId }).where(eq(integrationTokens.id, id)).run();
    audit(db, admin, { action: "revoke", entity: "integration_token", entityId: id, before: { revokedAt: null }, after: { name: token.name, revokedAt: now.toISOString() } }, now);
    return { ok: true as const, value: token.name };
  });
}

/** The app_settings row counting uses with a secret Primed does not know (never the secret itself). */
const UNKNOWN_USES_KEY = "integration_token_unknown_uses";

export interface UnknownUses {
  count: number;
  lastAt: string | null;
}

export function unknownUses(db: Db): UnknownUses {
  const value = db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, UNKNOWN_USES_KEY)).get()?.value;
  return value ? (JSON.parse(value) as UnknownUses) : { count: 0, lastAt: null };
}

function countUnknownUse(db: Db, now: Date) {
  db.$client
    .prepare(
      "insert into app_settings (key, value) values (?, json_object('count', 1, 'lastAt', ?)) " +
        "on conflict (key) do update set value = json_object('count', json_extract(value, '$.count') + 1, 'lastAt', ?)",
    )
    .run(UNKNOWN_USES_KEY, now.toISOString(), now.toISOString());
}

export type BearerCheck = { ok: true; actor: Extract<Actor, { kind: "token" }> } | { ok: false; reason: "missing" | "unknown" | "revoked" | "expired"; message: string };

const MISSING =
  "Send an integration token in the Authorization header (Authorization: Bearer <token>). An administrator makes one in Primed, on the Administration page, Integration tokens.";
const UNKNOWN = "This integration token is not one Primed knows. Check it was copied whole, or ask an administrator for a new one.";

/**
 * Who an Authorization header names: an active token, or why not. A missing
 * header (a browser, with its session cookie or without) is only refused; a
 * secret Primed does not know is counted; a revoked or expired token's use is
 * counted on it and audited. The lookup is by the secret's hash, so its time
 * says nothing of how close a guess came.
 */
export function checkBearer(db: Db, authorization: string | null, today: IsoDate, now = new Date()): BearerCheck {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization ?? "");
  if (!match) return { ok: false, reason: "missing", message: MISSING };
  const secret = tokenSecretSchema.safeParse(match[1]);
  const token = secret.success
    ? db
        .select()
        .from(integrationTokens)
        .where(eq(integrationTokens.tokenHash, hashOf(secret.data)))
        .get()
    : undefined;
  // Each record below is written only if the write lock is free this instant: a poll (GET) does not wait for
  // it, and must not stop its process in SQLite's busy sleep while a load writes. A start (POST) has waited for it.
  if (!token) {
    writeUnlessBusy(db, () => countUnknownUse(db, now));
    return { ok: false, reason: "unknown", message: UNKNOWN };
  }
  const actor = { kind: "token" as const, tokenId: token.id, name: token.name };
  const state = stateOf(token, today);
  if (state !== "active") {
    writeUnlessBusy(db, () =>
      db.transaction(() => {
        db.update(integrationTokens)
          .set({ refusedUses: sql`${integrationTokens.refusedUses} + 1` })
          .where(eq(integrationTokens.id, token.id))
          .run();
        audit(db, actor, { action: `refused_${state}`, entity: "integration_token", entityId: token.id }, now);
      }),
    );
    const message =
      state === "revoked"
        ? `This integration token (“${token.name}”) has been revoked. Ask an administrator for a new one.`
        : `This integration token (“${token.name}”) expired at the end of ${formatDate(token.expiresOn)}. Ask an administrator for a new one.`;
    return { ok: false, reason: state, message };
  }
  writeUnlessBusy(db, () => db.update(integrationTokens).set({ lastUsedAt: now.toISOString() }).where(eq(integrationTokens.id, token.id)).run());
  return { ok: true, actor };
}
