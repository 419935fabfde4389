import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, signInFailures, users } from "../../db/schema";
import { readEnv } from "~/env.server";
import { loadDemoCouncil } from "~/demo/load.server";
import { readSession, startSession } from "~/people/sessions.server";
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

const requestWith = (setCookie: string) =>
  new Request("http://primed.test/", { headers: { Cookie: setCookie.split(";")[0]! } });

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
    await expect(readSession(database.db, env, requestWith(cookie), muchLater)).resolves.toEqual({ state: "expired" });
    await expect(readSession(database.db, env, requestWith(cookie), muchLater)).resolves.toEqual({ state: "none" });
  });

  it("marks the cookie Secure behind HTTPS", async () => {
    const cookie = await startSession(database.db, readEnv({ PRIMED_HTTPS: "on" }), 1);
    expect(cookie).toMatch(/Secure/);
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
    const entries = database.db.select().from(auditLog).all().filter((e) => e.action === "sign_in");
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
