import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedOnce } from "../../db/prepared";
import { appSettings, sessions } from "../../db/schema";
import type { Env } from "~/env.server";

const COOKIE_NAME = "__primed_session";
/** Don't write "last seen" on every request: once a minute is enough to measure idleness. */
const TOUCH_AFTER_MS = 60_000;

/** The secret that signs session cookies: from SESSION_SECRET, or generated once and kept in the database. */
function sessionSecret(db: Db, env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const stored = preparedOnce(db, "session-secret", () => db.select().from(appSettings).where(eq(appSettings.key, "session_secret")).prepare()).get();
  if (stored) return stored.value;
  const secret = randomBytes(32).toString("hex");
  db.insert(appSettings).values({ key: "session_secret", value: secret }).onConflictDoNothing().run();
  return db.select().from(appSettings).where(eq(appSettings.key, "session_secret")).get()!.value;
}

export function sessionCookie(db: Db, env: Env) {
  return createCookie(COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.PRIMED_HTTPS === "on",
    path: "/",
    secrets: [sessionSecret(db, env)],
  });
}

export async function startSession(db: Db, env: Env, userId: number, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  db.insert(sessions).values({ id, userId, createdAt: now.toISOString(), lastSeenAt: now.toISOString() }).run();
  return sessionCookie(db, env).serialize(id);
}

export type SessionLookup =
  | { state: "none" }
  | { state: "expired" }
  | { state: "active"; userId: number; sessionId: string };

/** The session a request carries; one idle for longer than SESSION_IDLE_HOURS is ended. */
export async function readSession(db: Db, env: Env, request: Request, now = new Date()): Promise<SessionLookup> {
  const id: unknown = await sessionCookie(db, env).parse(request.headers.get("Cookie"));
  if (typeof id !== "string") return { state: "none" };
  const session = preparedOnce(db, "session", () => db.select().from(sessions).where(eq(sessions.id, sql.placeholder("id"))).prepare()).get({ id });
  if (!session) return { state: "none" };
  const idleMs = now.getTime() - Date.parse(session.lastSeenAt);
  if (idleMs > env.SESSION_IDLE_HOURS * 3_600_000) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return { state: "expired" };
  }
  if (idleMs > TOUCH_AFTER_MS) {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, id)).run();
  }
  return { state: "active", userId: session.userId, sessionId: id };
}

/** Ends the session in the database (so a copied cookie is useless) and clears the cookie. */
export async function endSession(db: Db, env: Env, request: Request): Promise<string> {
  const cookie = sessionCookie(db, env);
  const id: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (typeof id === "string") db.delete(sessions).where(eq(sessions.id, id)).run();
  return cookie.serialize("", { maxAge: 0 });
}

export function endSessionsOfUser(db: Db, userId: number) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function removeIdleSessions(db: Db, env: Env, now = new Date()) {
  const cutoff = new Date(now.getTime() - env.SESSION_IDLE_HOURS * 3_600_000).toISOString();
  db.delete(sessions).where(lt(sessions.lastSeenAt, cutoff)).run();
}
