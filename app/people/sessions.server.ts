import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedOnce } from "../../db/prepared";
import { appSettings, sessions } from "../../db/schema";
import { writeUnlessBusy } from "../../db/write-unless-busy";
import type { Env } from "~/platform/env.server";

const COOKIE_NAME = "__primed_session";
/** Don't write "last seen" on every request: once a minute is enough to measure idleness. */
const TOUCH_AFTER_MS = 60_000;

/**
 * The table keeps only this hash of each session's id, as calendar feeds do
 * with their secrets: a copy of the database (a backup) then holds no id a
 * cookie could carry. That matters most when SESSION_SECRET is unset and the
 * signing secret below lives in the same file: whoever has the file can sign
 * any id, but cannot find an id whose hash is in the table.
 */
const hashOf = (id: string) => createHash("sha256").update(id).digest("hex");

/** Each connection's stored secret, read once: it is written once and never changed while Primed runs. */
const storedSecrets = new WeakMap<Db["$client"], string>();

/** The secret that signs session cookies: from SESSION_SECRET, or generated once and kept in the database. */
export function sessionSecret(db: Db, env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const known = db.$client && storedSecrets.get(db.$client);
  if (known) return known;
  const stored = preparedOnce(db, "session-secret", () => db.select().from(appSettings).where(eq(appSettings.key, "session_secret")).prepare()).get();
  if (stored) {
    // A transaction handle has no connection of its own to keep it on.
    if (db.$client) storedSecrets.set(db.$client, stored.value);
    return stored.value;
  }
  const secret = randomBytes(32).toString("hex");
  db.insert(appSettings).values({ key: "session_secret", value: secret }).onConflictDoNothing().run();
  return db.select().from(appSettings).where(eq(appSettings.key, "session_secret")).get()!.value;
}

/** The session cookie for each secret and HTTPS setting, made once: every request reads it. */
const cookies = new Map<string, ReturnType<typeof createCookie>>();

export function sessionCookie(db: Db, env: Env) {
  const secret = sessionSecret(db, env);
  const secure = env.PRIMED_HTTPS === "on";
  const key = `${secure}|${secret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie = createCookie(COOKIE_NAME, { httpOnly: true, sameSite: "lax", secure, path: "/", secrets: [secret] });
    cookies.set(key, cookie);
  }
  return cookie;
}

/** Cookie headers whose session id has been read, for each session cookie (so each secret); at most this many each. */
const MOST_HEADERS_READ = 2_000;
const idsRead = new WeakMap<ReturnType<typeof createCookie>, Map<string, string>>();

/**
 * The session id a Cookie header carries under a correct signature, or null. Checking the signature (Web Crypto:
 * a key imported and an HMAC checked, in promises) cost more than the session's query on every page, so an id read
 * from a header is kept: the same header signed for the same secret always holds the same id. Only ids found are
 * kept, so headers that fail cannot push them out.
 */
async function sessionIdIn(cookie: ReturnType<typeof createCookie>, header: string | null): Promise<string | null> {
  if (!header) return null;
  let read = idsRead.get(cookie);
  if (!read) idsRead.set(cookie, (read = new Map()));
  const known = read.get(header);
  if (known !== undefined) return known;
  const id: unknown = await cookie.parse(header);
  if (typeof id !== "string") return null;
  if (read.size >= MOST_HEADERS_READ) read.clear();
  read.set(header, id);
  return id;
}

export async function startSession(db: Db, env: Env, userId: number, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  db.insert(sessions)
    .values({ idHash: hashOf(id), userId, createdAt: now.toISOString(), lastSeenAt: now.toISOString() })
    .run();
  return sessionCookie(db, env).serialize(id);
}

export type SessionLookup =
  | { state: "none" }
  /** "idle": unused for SESSION_IDLE_HOURS; "lifetime": begun more than SESSION_LIFETIME_DAYS ago. */
  | { state: "expired"; reason: "idle" | "lifetime" }
  | { state: "active"; userId: number };

const HOUR_MS = 3_600_000;

/**
 * The session a request carries. One idle for longer than SESSION_IDLE_HOURS,
 * or begun longer ago than SESSION_LIFETIME_DAYS however busy, is ended: a
 * stolen cookie kept in use does not last for ever.
 */
export async function readSession(db: Db, env: Env, request: Request, now = new Date()): Promise<SessionLookup> {
  const id = await sessionIdIn(sessionCookie(db, env), request.headers.get("Cookie"));
  if (id === null) return { state: "none" };
  const idHash = hashOf(id);
  const session = preparedOnce(db, "session", () =>
    db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, sql.placeholder("idHash")))
      .prepare(),
  ).get({ idHash });
  if (!session) return { state: "none" };
  const idleMs = now.getTime() - Date.parse(session.lastSeenAt);
  const ageMs = now.getTime() - Date.parse(session.createdAt);
  const ended = ageMs > env.SESSION_LIFETIME_DAYS * 24 * HOUR_MS ? "lifetime" : idleMs > env.SESSION_IDLE_HOURS * HOUR_MS ? "idle" : null;
  // Neither write waits for a load's write lock (db/write-unless-busy.ts): the session ends all the same (the purge
  // deletes its row later), and a "last seen" left out for now is written by a request a minute or so later.
  if (ended) {
    writeUnlessBusy(db, () => db.delete(sessions).where(eq(sessions.idHash, idHash)).run());
    return { state: "expired", reason: ended };
  }
  if (idleMs > TOUCH_AFTER_MS) {
    writeUnlessBusy(db, () => db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.idHash, idHash)).run());
  }
  return { state: "active", userId: session.userId };
}

/** Ends the session in the database (so a copied cookie is useless) and clears the cookie. */
export async function endSession(db: Db, env: Env, request: Request): Promise<string> {
  const cookie = sessionCookie(db, env);
  const id: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (typeof id === "string")
    db.delete(sessions)
      .where(eq(sessions.idHash, hashOf(id)))
      .run();
  return cookie.serialize("", { maxAge: 0 });
}

export function endSessionsOfUser(db: Db, userId: number) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Removes the rows of sessions that have ended, idle or past their lifetime, whether or not their cookie comes back. */
export function removeEndedSessions(db: Db, env: Env, now = new Date()) {
  const idleCutoff = new Date(now.getTime() - env.SESSION_IDLE_HOURS * HOUR_MS).toISOString();
  const lifetimeCutoff = new Date(now.getTime() - env.SESSION_LIFETIME_DAYS * 24 * HOUR_MS).toISOString();
  db.delete(sessions)
    .where(or(lt(sessions.lastSeenAt, idleCutoff), lt(sessions.createdAt, lifetimeCutoff)))
    .run();
}
