/*
 * Sign-in limits against parallel guesses, over HTTP against the started app
 * (two server processes, so the limit must hold across them): each attempt
 * is counted before its password is hashed, so a burst gets no more guesses
 * than the limit allows, for an account or for an address.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "~/people/sign-in-limits.server";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials } from "../helpers/http-sign-in";

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ PRIMED_WORKERS: "2" });
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

/**
 * One sign-in as the form sends it, from `address` (the app trusts X-Forwarded-For from a proxy on
 * this machine, as behind nginx). Its status: 302 signed in, 401 tried and wrong, 429 not tried.
 */
async function attempt(email: string, password: string, address: string): Promise<number> {
  const response = await fetch(`${app.url}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": address },
    body: new URLSearchParams({ email, password }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** How many attempts the app has counted against an account or an address, read from its database. */
function counted(column: "account" | "address", value: string): number {
  const sqlite = new Database(app.databasePath, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare(`SELECT count(*) AS n FROM sign_in_failures WHERE ${column} = ?`).get(value) as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

/** Waits for a condition, not for a length of time: the machine may be busy. */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const tried = (statuses: number[]) => statuses.filter((status) => status !== 429).length;

describe("a burst of sign-in attempts", () => {
  it("gets no more guesses at one account than the limit, and the right password among them does not get in", async () => {
    const [email, password] = demoCredentials("head_of_service");
    // From 40 addresses, so only the account's limit applies.
    const guesses = Array.from({ length: 40 }, (_, i) => attempt(email, `guess-${i}`, `198.51.100.${i + 1}`));
    // The right password while the guesses are still in flight, once the limit's worth of them are counted.
    await until(() => counted("account", email) >= MAX_FAILURES_PER_ACCOUNT);
    const right = attempt(email, password, "198.51.100.200");
    const statuses = await Promise.all(guesses);
    expect(tried(statuses), `statuses: ${statuses.join(" ")}`).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(await right).toBe(429);
    expect(counted("account", email)).toBe(MAX_FAILURES_PER_ACCOUNT);
  }, 120_000);

  it("gets no more guesses from one address than the limit, across many accounts known and unknown", async () => {
    const address = "203.0.113.77";
    const accounts = [
      ...["practitioner", "manager", "head"].map((who) => `${who}@northbrook.example`),
      ...Array.from({ length: 37 }, (_, i) => `nobody-${i}@northbrook.example`),
    ];
    const guesses = accounts.map((email, i) => attempt(email, `guess-${i}`, address));
    await until(() => counted("address", address) >= MAX_FAILURES_PER_ADDRESS);
    const [email, password] = demoCredentials("admin");
    const right = attempt(email, password, address);
    const statuses = await Promise.all(guesses);
    expect(tried(statuses), `statuses: ${statuses.join(" ")}`).toBeLessThanOrEqual(MAX_FAILURES_PER_ADDRESS);
    expect(await right).toBe(429);
    expect(counted("address", address)).toBe(MAX_FAILURES_PER_ADDRESS);
    // Another address is not held back by this one's guesses.
    expect(await attempt(email, password, "203.0.113.78")).toBe(302);
  }, 120_000);
});
