import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { openDatabase } from "../../db/connection";
import { teams, users, workers } from "../../db/schema";
import { startApp, type RunningApp } from "../helpers/app-server";
import { launchBrowser, screenshot, accessibilityProblems, signIn } from "../helpers/browser";

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let colleagueId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const { db, close } = openDatabase(app.databasePath);
  const practitioner = db.select().from(users).where(eq(users.email, "practitioner@northbrook.example")).get()!;
  const north = db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
  colleagueId = db
    .select()
    .from(workers)
    .where(eq(workers.teamId, north.id))
    .all()
    .find((w) => w.id !== practitioner.workerId)!.id;
  close();
});

afterAll(async () => {
  await browser?.cleanup();
  await app?.stop();
});

async function freshPage(): Promise<Page> {
  await browser.clearCookies();
  return browser.newPage();
}

describe("signing in", () => {
  it("shows the demo sign-ins on the sign-in page in demo mode, and passes axe", async () => {
    const page = await freshPage();
    await page.goto(`${app.url}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await expect(page.getByRole("table", { name: "Demo sign-ins by role" }).isVisible()).resolves.toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "sign-in");
    await page.close();
  });

  it("says nothing about which part was wrong", async () => {
    const page = await freshPage();
    await page.goto(`${app.url}/sign-in`);
    await page.fill("#email", "practitioner@northbrook.example");
    await page.fill("#password", "not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(/email address or password is not right/);
    // Focus goes to the summary, as on every form, so a screen reader reads the problem first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary"))).toBe(true);
    // Its link leads to the email box.
    await page.locator(".govuk-error-summary a").click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("email");
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it.each([
    ["practitioner@northbrook.example", "/my-work", "demo-practitioner", "My work"],
    ["manager@northbrook.example", "/teams/north-locality", "demo-manager", "North Locality"],
    ["head@northbrook.example", "/teams", "demo-head", "Service overview"],
    ["admin@northbrook.example", "/admin", "demo-admin", null],
  ])("%s lands on %s", async (email, landing, password, heading) => {
    const page = await freshPage();
    await signIn(page, app.url, email, password);
    expect(new URL(page.url()).pathname).toBe(landing);
    if (heading) await expect(page.locator("h1").textContent()).resolves.toBe(heading);
    await page.close();
  });
});

describe("a practitioner", () => {
  it("sees their own work on My work, with no serious accessibility problems", async () => {
    const page = await freshPage();
    await signIn(page, app.url, "practitioner@northbrook.example", "demo-practitioner");
    await expect(page.locator("#open-work tbody tr").count()).resolves.toBeGreaterThan(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "my-work");
    // The same open work, most urgent first, downloads as CSV.
    const refs = await page.locator("#open-work tbody tr th").allTextContents();
    const csv = await (await page.request.get(`${app.url}/my-work.csv`)).text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toMatch(/^My work,\S/);
    const table = lines.slice(lines.indexOf("") + 1).map((line) => line.split(","));
    expect(table[0]).toEqual(["List", "Reference", "Person", "Work type", "Received", "Due", "Completed", "Days to due", "Status"]);
    expect(table.filter((row) => row[0] === "Open").map((row) => row[1])).toEqual(refs);
    await page.close();
  });

  it("gets the 403 page when typing another worker's address", async () => {
    const page = await freshPage();
    await signIn(page, app.url, "practitioner@northbrook.example", "demo-practitioner");
    const response = await page.goto(`${app.url}/teams/north-locality?worker=${colleagueId}`);
    expect(response?.status()).toBe(403);
    await expect(page.locator("h1").textContent()).resolves.toBe("You do not have access to this page");
    const list = await page.goto(`${app.url}/teams/north-locality/items?figure=overdue&month=2026-01`);
    expect(list?.status()).toBe(403);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });
});

describe("signing out", () => {
  it("ends the session: the old cookie no longer works", async () => {
    const page = await freshPage();
    await signIn(page, app.url, "manager@northbrook.example", "demo-manager");
    const [cookie] = await browser.cookies(app.url);
    await page.getByRole("button", { name: /Sign out/ }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    // Replaying the cookie from before signing out is sent to sign in.
    const replay = await fetch(`${app.url}/teams/north-locality`, {
      redirect: "manual",
      headers: { Cookie: `${cookie!.name}=${cookie!.value}` },
    });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/sign-in/);
    await page.close();
  });
});
