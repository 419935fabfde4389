import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { openDatabase } from "../../db/connection";
import { auditLog, users } from "../../db/schema";
import { freePort, startApp, type RunningApp } from "../helpers/app-server";
import { accessibilityProblems, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { cancelAtProvider, signInAtProvider, startOidcProvider, type RunningProvider } from "../helpers/oidc-provider";

let app: RunningApp;
let passwordsOff: RunningApp;
let provider: RunningProvider;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

const accounts = [
  { sub: "council-practitioner", email: "Practitioner@Northbrook.example", name: "A practitioner" },
  { sub: "council-manager", email: "manager@northbrook.example", name: "A manager, deactivated" },
  { sub: "council-stranger", email: "stranger@northbrook.example", name: "Someone Primed does not know" },
];

beforeAll(async () => {
  // Both apps' addresses must be registered with the provider before it starts, so their ports are chosen first.
  const ports = [await freePort(), await freePort()];
  const clients = ports.map((port, i) => ({ clientId: `primed-${i}`, clientSecret: `secret-${i}-long-enough`, redirectUri: `http://127.0.0.1:${port}/sign-in/council/callback` }));
  provider = await startOidcProvider({ clients, accounts });
  [app, passwordsOff] = await Promise.all([
    startApp({ ...provider.env(clients[0]!), PORT: String(ports[0]) }),
    startApp({ ...provider.env(clients[1]!), PORT: String(ports[1]), PRIMED_PASSWORD_SIGN_IN: "off" }),
  ]);
  const { db, close } = openDatabase(app.databasePath);
  db.update(users).set({ active: false }).where(eq(users.email, "manager@northbrook.example")).run();
  close();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.cleanup();
  await app?.stop();
  await passwordsOff?.stop();
  await provider?.stop();
});

async function freshPage(): Promise<Page> {
  await browser.clearCookies();
  return browser.newPage();
}

/** From the sign-in page, the council account's button, then the provider's own login page. */
async function councilSignIn(page: Page, base: string, accountId: string) {
  await page.getByRole("button", { name: "Sign in with your council account" }).click();
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  await signInAtProvider(page, accountId, base);
}

describe("signing in with the council's account", () => {
  it("signs a person in through the real provider, links their account, and takes them where they were going", async () => {
    const page = await freshPage();
    await page.goto(`${app.url}/actions`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "council-sign-in");
    const callbacks: { url: string; cookie: string }[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/sign-in/council/callback")) void request.allHeaders().then((h) => callbacks.push({ url: request.url(), cookie: h.cookie ?? "" }));
    });
    await councilSignIn(page, app.url, "council-practitioner");
    expect(new URL(page.url()).pathname).toBe("/actions");
    await expect(page.getByRole("button", { name: "Sign out" }).isVisible()).resolves.toBe(true);
    const { db, close } = openDatabase(app.databasePath);
    const user = db.select().from(users).where(eq(users.email, "practitioner@northbrook.example")).get()!;
    expect(user.oidcSubject).toBe("council-practitioner");
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "sign_in")).all().at(-1)!;
    expect(entry.after).toContain("council account");
    close();
    // The same answer from the provider, with the attempt's cookie, sent again (copied from the address bar and the browser): refused.
    expect(callbacks).toHaveLength(1);
    const attemptCookie = callbacks[0]!.cookie.split("; ").find((c) => c.startsWith("__primed_council_sign_in="))!;
    expect(attemptCookie).toBeDefined();
    const replayed = await fetch(callbacks[0]!.url, { headers: { Cookie: attemptCookie }, redirect: "manual" });
    expect(replayed.status).toBe(502);
    expect(replayed.headers.getSetCookie().some((c) => c.startsWith("__primed_session="))).toBe(false);
    await page.close();
  });

  it("says the sign-in was cancelled when the person cancels at the provider", async () => {
    const page = await freshPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with your council account" }).click();
    await cancelAtProvider(page, app.url);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("You did not sign in");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "council-sign-in-cancelled");
    await page.getByRole("link", { name: "Back to sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.close();
  });

  it("refuses a person Primed has no account for, naming their address", async () => {
    const page = await freshPage();
    await page.goto(`${app.url}/sign-in`);
    await councilSignIn(page, app.url, "council-stranger");
    await expect(page.locator("main").textContent()).resolves.toContain("Primed has no account for stranger@northbrook.example: ask your administrator.");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "council-sign-in-unknown");
    await page.close();
  });

  it("refuses a deactivated person", async () => {
    const page = await freshPage();
    await page.goto(`${app.url}/sign-in`);
    await councilSignIn(page, app.url, "council-manager");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Your Primed account is switched off");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "council-sign-in-deactivated");
    await page.goto(`${app.url}/actions`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.close();
  });

  it("with passwords switched off, shows no password form and refuses a posted password", async () => {
    const page = await freshPage();
    await page.goto(`${passwordsOff.url}/sign-in`);
    await expect(page.locator("#password").count()).resolves.toBe(0);
    await expect(page.getByRole("table", { name: "Demo sign-ins by role" }).count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "council-sign-in-passwords-off");
    const posted = await fetch(`${passwordsOff.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ email: "admin@northbrook.example", password: "demo-admin" }),
      redirect: "manual",
    });
    expect(posted.status).toBe(403);
    expect(posted.headers.get("set-cookie")).toBeNull();
    await councilSignIn(page, passwordsOff.url, "council-practitioner");
    expect(new URL(page.url()).pathname).toBe("/my-work");
    await page.close();
  });

  it("shows an administrator whether a person is linked, and lets them unlink it", async () => {
    const { db, close } = openDatabase(app.databasePath);
    const head = db.update(users).set({ oidcSubject: "council-head" }).where(eq(users.email, "head@northbrook.example")).returning().get();
    close();
    const page = await freshPage();
    await signIn(page, app.url, "admin@northbrook.example", "demo-admin");
    await page.goto(`${app.url}/admin/users/${head.id}`);
    await expect(page.locator("#council-account").textContent()).resolves.toMatch(/^Linked: they sign in with their council account/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "council-sign-in-admin-linked");
    await page.getByRole("button", { name: "Unlink their council account" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/users");
    await page.goto(`${app.url}/admin/users/${head.id}`);
    await expect(page.locator("#council-account").textContent()).resolves.toMatch(/^Not linked yet/);
    await page.close();
  });
});
