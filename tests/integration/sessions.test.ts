import path from "node:path";
import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions, signInFailures, users } from "../../db/schema";
import { EnvError, readEnv } from "~/platform/env.server";
import { loadDemoCouncil } from "~/demo/load.server";
import { endSession, readSession, removeEndedSessions, sessionCookie, startSession } from "~/people/sessions.server";
import { signIn } from "~/people/sign-in.server";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "~/people/sign-in-limits.server";
import { tempDatabase } from "../helpers/temp-db";

const env = readEnv({ SESSION_IDLE_HOURS: "8" });
let database: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  database = tempDatabase();
  await loadDemoCouncil(database.db, 2026, "2026-11-22");
});
afterAll(() => database.remove());

const requestWith = (setCookie: string) => new Request("http://primed.test/", { headers: { Cookie: setCookie.split(";")[0]! } });

describe("sessions", () => {
  it("stay signed in while used, and end after the idle limit", async () => {
    const userId = database.db.select().from(users).all()[0]!.id;
    const start = new Date("2026-11-22T09:00:00Z");
    const cookie = await startSession(database.db, env, userId, start);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const sevenHoursLater = new Date(start.getTime() + 7 * 3_600_000);
    await expect(readSession(database.db, env, requestWith(cookie), sevenHoursLater)).resolves.toMatchObject({ state: "active", userId });
    // Seen at 16:00, so still active at 23:30 (7.5 idle hours) ...
    const later = new Date(sevenHoursLater.getTime() + 7.5 * 3_600_000);
    await expect(readSession(database.db, env, requestWith(cookie), later)).resolves.toMatchObject({ state: "active" });
    // ... and ended after more than 8 idle hours.
    const muchLater = new Date(later.getTime() + 8 * 3_600_000 + 1000);
    await expect(readSession(database.db, env, requestWith(cookie), muchLater)).resolves.toEqual({ state: "expired", reason: "idle" });
    await expect(readSession(database.db, env, requestWith(cookie), muchLater)).resolves.toEqual({ state: "none" });
  });

  it("are read without waiting while a load holds the write lock: 'last seen' is written by a later request", async () => {
    const userId = database.db.select().from(users).all()[0]!.id;
    const start = new Date("2026-11-22T09:00:00Z");
    const cookie = await startSession(database.db, env, userId, start);
    const lastSeen = () =>
      database.db
        .select()
        .from(sessions)
        .all()
        .find((s) => s.createdAt === start.toISOString())!.lastSeenAt;
    // Another connection (an import) holds the write lock. Waiting for it would stop the whole process in SQLite's
    // busy sleep, then fail with "database is locked" after the timeout.
    const load = new Database(database.file);
    try {
      load.exec("BEGIN IMMEDIATE");
      const twoHoursOn = new Date(start.getTime() + 2 * 3_600_000);
      await expect(readSession(database.db, env, requestWith(cookie), twoHoursOn)).resolves.toMatchObject({ state: "active", userId });
      expect(lastSeen()).toBe(start.toISOString());
      load.exec("ROLLBACK");
      // The lock is free: the next request writes it, and the connection waits for locks as before for everything else.
      const threeHoursOn = new Date(start.getTime() + 3 * 3_600_000);
      await expect(readSession(database.db, env, requestWith(cookie), threeHoursOn)).resolves.toMatchObject({ state: "active", userId });
      expect(lastSeen()).toBe(threeHoursOn.toISOString());
      expect(database.sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      load.close();
    }
  });

  it("end a week after signing in however busy, or after SESSION_LIFETIME_DAYS", async () => {
    const userId = database.db.select().from(users).all()[0]!.id;
    const start = new Date("2026-11-23T09:00:00Z");
    const hours = (n: number) => new Date(start.getTime() + n * 3_600_000);
    const cookie = await startSession(database.db, env, userId, start);
    // Used every 7 hours, never idle for 8: still signed in exactly 7 days on ...
    for (let h = 7; h <= 7 * 24; h += 7) {
      await expect(readSession(database.db, env, requestWith(cookie), hours(h)), `${h} hours on`).resolves.toMatchObject({ state: "active" });
    }
    // ... and ended an hour later, although it was used an hour before.
    await expect(readSession(database.db, env, requestWith(cookie), hours(7 * 24 + 1))).resolves.toEqual({ state: "expired", reason: "lifetime" });
    await expect(readSession(database.db, env, requestWith(cookie), hours(7 * 24 + 1))).resolves.toEqual({ state: "none" });

    const oneDay = readEnv({ SESSION_LIFETIME_DAYS: "1" });
    const short = await startSession(database.db, oneDay, userId, start);
    await expect(readSession(database.db, oneDay, requestWith(short), hours(7))).resolves.toMatchObject({ state: "active" });
    await expect(readSession(database.db, oneDay, requestWith(short), hours(14))).resolves.toMatchObject({ state: "active" });
    await expect(readSession(database.db, oneDay, requestWith(short), hours(21))).resolves.toMatchObject({ state: "active" });
    await expect(readSession(database.db, oneDay, requestWith(short), hours(25))).resolves.toEqual({ state: "expired", reason: "lifetime" });
  });

  it("are removed when ended, whether or not their cookie comes back", async () => {
    const userId = database.db.select().from(users).all()[0]!.id;
    const start = new Date("2026-11-24T09:00:00Z");
    const busy = await startSession(database.db, env, userId, start);
    await startSession(database.db, env, userId, new Date(start.getTime() + 7 * 24 * 3_600_000));
    const count = () =>
      database.db
        .select()
        .from(sessions)
        .all()
        .filter((s) => s.createdAt >= start.toISOString()).length;
    expect(count()).toBe(2);
    // Used an hour before, but begun more than a week earlier: removed; the newer one stays.
    await readSession(database.db, env, requestWith(busy), new Date(start.getTime() + (7 * 24 - 1) * 3_600_000));
    removeEndedSessions(database.db, env, new Date(start.getTime() + (7 * 24 + 1) * 3_600_000));
    expect(count()).toBe(1);
  });

  it("refuse a lifetime that is not a positive number of days", () => {
    expect(() => readEnv({ SESSION_LIFETIME_DAYS: "0" })).toThrow(EnvError);
    expect(() => readEnv({ SESSION_LIFETIME_DAYS: "a week" })).toThrow(/SESSION_LIFETIME_DAYS="a week": must be a number of days/);
    expect(readEnv({}).SESSION_LIFETIME_DAYS).toBe(7);
  });

  it("are stored only as a hash of their id, so a copy of the database cannot forge one", async () => {
    const userId = database.db.select().from(users).all()[0]!.id;
    const cookie = await startSession(database.db, env, userId);
    const id = (await sessionCookie(database.db, env).parse(cookie.split(";")[0]!)) as string;
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A backup, as `primed backup` takes it: SESSION_SECRET is unset, so the signing secret is in it too.
    const copy = path.join(database.dir, "copy.db");
    await database.sqlite.backup(copy);
    const stolen = new Database(copy, { readonly: true });
    try {
      const secret = (stolen.prepare("SELECT value FROM app_settings WHERE key = 'session_secret'").get() as { value: string }).value;
      const rows = stolen.prepare("SELECT * FROM sessions").all() as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      const stored = rows.flatMap((row) => Object.values(row)).map(String);
      expect(stored.some((value) => value.includes(id))).toBe(false);
      // Every value stored in the sessions table, signed with the stolen secret, is refused.
      const forger = createCookie("__primed_session", { secrets: [secret] });
      for (const value of stored) {
        const forged = await forger.serialize(value);
        await expect(readSession(database.db, env, requestWith(forged))).resolves.toEqual({ state: "none" });
      }
      // The same forger with the real id would work: the id is what the copy lacks.
      await expect(readSession(database.db, env, requestWith(await forger.serialize(id)))).resolves.toMatchObject({ state: "active", userId });
    } finally {
      stolen.close();
    }
  });

  it("marks the cookie Secure behind HTTPS", async () => {
    const cookie = await startSession(database.db, readEnv({ PRIMED_HTTPS: "on" }), 1);
    expect(cookie).toMatch(/Secure/);
  });

  it("signs with the secret in force: a cookie made once per secret and HTTPS setting is never used for another", async () => {
    const withSecret = (secret: string, https = "off") => readEnv({ SESSION_SECRET: secret, PRIMED_HTTPS: https });
    expect(sessionCookie(database.db, withSecret("first-secret-of-32-characters-or-more"))).toBe(sessionCookie(database.db, withSecret("first-secret-of-32-characters-or-more")));
    const signed = await startSession(database.db, withSecret("first-secret-of-32-characters-or-more"), 1);
    await expect(readSession(database.db, withSecret("first-secret-of-32-characters-or-more"), requestWith(signed))).resolves.toMatchObject({ state: "active" });
    // Another secret (SESSION_SECRET changed and Primed restarted) refuses the old cookie; HTTPS changes the cookie's flags.
    await expect(readSession(database.db, withSecret("second-secret-of-32-characters-or-more"), requestWith(signed))).resolves.toEqual({ state: "none" });
    expect(await sessionCookie(database.db, withSecret("first-secret-of-32-characters-or-more", "on")).serialize("id")).toMatch(/Secure/);
    expect(await sessionCookie(database.db, withSecret("first-secret-of-32-characters-or-more")).serialize("id")).not.toMatch(/Secure/);
  });

  it("reads a cookie it has read before the same way, and still ends the session when it is signed out", async () => {
    const cookie = await startSession(database.db, env, 1);
    for (let i = 0; i < 3; i++) await expect(readSession(database.db, env, requestWith(cookie))).resolves.toMatchObject({ state: "active", userId: 1 });
    await endSession(database.db, env, requestWith(cookie));
    await expect(readSession(database.db, env, requestWith(cookie))).resolves.toEqual({ state: "none" });
  });

  it("ignores a forged or tampered cookie", async () => {
    const cookie = await startSession(database.db, env, 1);
    const tampered = cookie.replace(/^__primed_session=([^.;]+)/, "__primed_session=AAAA$1");
    await expect(readSession(database.db, env, requestWith(tampered))).resolves.toEqual({ state: "none" });
  });
});

describe("signing in", () => {
  const address = "192.0.2.10";

  it("signs in with the right password and audits it", async () => {
    const result = await signIn(database.db, env, { email: " Manager@Northbrook.example ", password: "demo-manager", address });
    expect(result.ok).toBe(true);
    const entries = database.db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => e.action === "sign_in");
    expect(entries.at(-1)).toMatchObject({ actor: "manager@northbrook.example", entity: "session" });
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    const wrong = await signIn(database.db, env, { email: "manager@northbrook.example", password: "nope", address });
    const unknown = await signIn(database.db, env, { email: "nobody@northbrook.example", password: "nope", address });
    expect(wrong).toEqual({ ok: false, reason: "not_recognised" });
    expect(unknown).toEqual(wrong);
  });

  it("blocks an account after repeated failures, even with the right password", async () => {
    const email = "head@northbrook.example";
    const now = new Date("2026-11-22T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i += 1) {
      await signIn(database.db, env, { email, password: "guess", address: `198.51.100.${i}` }, now);
    }
    await expect(signIn(database.db, env, { email, password: "demo-head", address: "198.51.100.99" }, now)).resolves.toEqual({
      ok: false,
      reason: "too_many_attempts",
    });
    // After the window the account can sign in again.
    const later = new Date(now.getTime() + 16 * 60_000);
    await expect(signIn(database.db, env, { email, password: "demo-head", address: "198.51.100.99" }, later)).resolves.toMatchObject({ ok: true });
  });

  it("blocks an address that tries many accounts", async () => {
    const now = new Date("2026-11-22T11:00:00Z");
    const attacker = "203.0.113.5";
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i += 1) {
      await signIn(database.db, env, { email: `guess${i}@northbrook.example`, password: "x", address: attacker }, now);
    }
    await expect(signIn(database.db, env, { email: "admin@northbrook.example", password: "demo-admin", address: attacker }, now)).resolves.toEqual({
      ok: false,
      reason: "too_many_attempts",
    });
    await expect(signIn(database.db, env, { email: "admin@northbrook.example", password: "demo-admin", address: "203.0.113.6" }, now)).resolves.toMatchObject({ ok: true });
    expect(database.db.select().from(signInFailures).all().length).toBeGreaterThan(0);
  });
});
