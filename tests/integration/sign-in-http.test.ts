/*
 * Signing in over HTTP against the started app (two server processes):
 * - the limits against parallel guesses: each attempt is counted before its
 *   password is hashed, so a burst gets no more guesses than the limit allows,
 *   for an account or for an address, across processes too;
 * - where a person is sent after signing in: only to a path on this site;
 * - the same-origin rule for writes: 403, never Remix's own 500.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "~/people/sign-in-limits.server";
import { startApp, type RunningApp } from "../helpers/app-server";
import { hostileRedirects } from "../helpers/hostile-redirects";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";

let app: RunningApp;

beforeAll(async () => {
  // As a council runs it: production React renders the 429 pages of a burst quickly enough on a busy machine.
  app = await startApp({ PRIMED_WORKERS: "2" }, { production: true });
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

/*
 * What was tried is read from the app's count, not only from the answers: on a very busy machine an
 * answer's page can miss the app's 5-second render limit (a 500 from entry.server.tsx, whatever the
 * request), which says nothing about the limits.
 */

describe("a burst of sign-in attempts", () => {
  it("gets no more guesses at one account than the limit, and the right password among them does not get in", async () => {
    const [email, password] = demoCredentials("head_of_service");
    // From 40 addresses, so only the account's limit applies.
    const guesses = Array.from({ length: 40 }, (_, i) => attempt(email, `guess-${i}`, `198.51.100.${i + 1}`));
    // The right password while the guesses are still in flight, once the limit's worth of them are counted.
    await until(() => counted("account", email) >= MAX_FAILURES_PER_ACCOUNT);
    const right = attempt(email, password, "198.51.100.200");
    const statuses = await Promise.all(guesses);
    // Every guess tried is counted against the account (whenever the count is made).
    expect(counted("account", email), `statuses: ${statuses.join(" ")}`).toBe(MAX_FAILURES_PER_ACCOUNT);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(statuses).not.toContain(302);
    expect(await right).toBe(429);
  }, 120_000);

  it("gets no more guesses from one address than the limit, across many accounts known and unknown", async () => {
    const address = "203.0.113.77";
    const accounts = [...["practitioner", "manager", "head"].map((who) => `${who}@northbrook.example`), ...Array.from({ length: 37 }, (_, i) => `nobody-${i}@northbrook.example`)];
    const guesses = accounts.map((email, i) => attempt(email, `guess-${i}`, address));
    await until(() => counted("address", address) >= MAX_FAILURES_PER_ADDRESS);
    const [email, password] = demoCredentials("admin");
    const right = attempt(email, password, address);
    const statuses = await Promise.all(guesses);
    expect(counted("address", address), `statuses: ${statuses.join(" ")}`).toBe(MAX_FAILURES_PER_ADDRESS);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_ADDRESS);
    expect(statuses).not.toContain(302);
    expect(await right).toBe(429);
    // Another address is not held back by this one's guesses.
    expect(await attempt(email, password, "203.0.113.78")).toBe(302);
  }, 120_000);
});

describe("after signing in", () => {
  const [email, password] = demoCredentials("team_manager");
  /** Where a Location sends the browser, read as the browser reads it. */
  const destination = (location: string | null) => new URL(location ?? "", app.url);
  let cookie: string;
  let landing: string;

  beforeAll(async () => {
    cookie = await signInOverHttp(app.url, email, password);
    const response = await fetch(`${app.url}/sign-in`, { redirect: "manual", headers: { Cookie: cookie } });
    landing = response.headers.get("location")!;
    expect(landing).toMatch(/^\/[^/\\]/);
  });

  it.each(hostileRedirects.map((value) => [JSON.stringify(value).slice(0, 60), value]))("%s sends the person to their landing page", async (_label, value) => {
    // Signed in already, the sign-in page sends the person on at once.
    const page = await fetch(`${app.url}/sign-in?${new URLSearchParams({ redirectTo: value })}`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(page.status).toBe(302);
    expect(destination(page.headers.get("location")).origin).toBe(app.url);
    expect(page.headers.get("location")).toBe(landing);
    // Signing in with it in the form.
    const signIn = await fetch(`${app.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "192.0.2.44" },
      body: new URLSearchParams({ email, password, redirectTo: value }),
    });
    await signIn.arrayBuffer();
    if (value.length > 2048) {
      // Longer than any address Primed makes: refused with the form's message, not followed.
      expect(signIn.status).toBe(400);
      return;
    }
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("location")).toBe(landing);
  });

  it("comes back to the page that asked for a sign-in, re-written as a browser would", async () => {
    const page = await fetch(`${app.url}/sign-in?redirectTo=${encodeURIComponent("/teams?asOf=2026-01-31#list")}`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(page.headers.get("location")).toBe("/teams?asOf=2026-01-31#list");
  });
});

describe("a write that does not show it comes from a Primed page", () => {
  const post = (headers: Record<string, string>) =>
    fetch(`${app.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ email: "nobody@northbrook.example", password: "x" }),
    });

  // Each case's headers, given this site's address (known once the app has started).
  it.each([
    ["Origin: null with this site's Referer", (site: string) => ({ Origin: "null", Referer: `${site}/sign-in` })],
    ["an empty Origin with this site's Referer", (site: string) => ({ Origin: "", Referer: `${site}/sign-in` })],
    ["an Origin that is not an address", (site: string) => ({ Origin: "primed", Referer: `${site}/sign-in` })],
    ["a file: Origin", (site: string) => ({ Origin: "file://", Referer: `${site}/sign-in` })],
    ["this site's Origin but another X-Forwarded-Host", (site: string) => ({ Origin: site, "X-Forwarded-Host": "evil.example" })],
    ["another site's Origin matching X-Forwarded-Host", () => ({ Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" })],
    ["another site's Referer and no Origin", () => ({ Referer: "http://evil.example/sign-in" })],
  ])("is refused with 403, not a 500: %s", async (_case, headers) => {
    const response = await post(headers(app.url));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("it did not come from a Primed page");
  });

  it("is let through with this site's Origin, or with no Origin and this site's Referer", async () => {
    expect((await post({ Origin: app.url, "X-Forwarded-For": "192.0.2.45" })).status).toBe(401);
    expect((await post({ Referer: `${app.url}/sign-in`, "X-Forwarded-For": "192.0.2.45" })).status).toBe(401);
  });
});
