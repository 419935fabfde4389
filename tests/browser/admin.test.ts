import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openDatabase } from "../../db/connection";
import { users } from "../../db/schema";
import { startApp, type RunningApp } from "../helpers/app-server";
import { launchBrowser, screenshot, accessibilityProblems, signIn } from "../helpers/browser";
import { runToday } from "../helpers/today";
import { addDays } from "~/dates";

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, app.url, "admin@northbrook.example", "demo-admin");
});

afterAll(async () => {
  await browser?.cleanup();
  await app?.stop();
});

describe("an administrator", () => {
  it("lands on the administration page", async () => {
    expect(new URL(page.url()).pathname).toBe("/admin");
    await expect(page.locator("h1").textContent()).resolves.toBe("Administration");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("adds a user, told first what is wrong with the form", async () => {
    await page.goto(`${app.url}/admin/users/new`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.fill("#email", "not-an-email");
    await page.fill("#name", "Robin Reviewer");
    await page.selectOption("#role", "team_manager");
    await page.fill("#password", "short");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    const summary = await page.locator(".govuk-error-summary").textContent();
    expect(summary).toMatch(/email address in the correct format/);
    expect(summary).toMatch(/at least 12 characters/);
    await expect(page.locator("#name").inputValue()).resolves.toBe("Robin Reviewer");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-new-user-errors");

    await page.fill("#email", "robin.reviewer@northbrook.example");
    await page.fill("#password", "a-long-enough-password");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.locator(".govuk-error-summary", { hasText: "Choose the team or teams this manager manages" }).waitFor();
    await page.fill("#password", "a-long-enough-password");
    await page.getByLabel("Reviewing Team").check();
    await page.getByRole("button", { name: "Add user" }).click();
    await page.locator(".govuk-notification-banner--success").waitFor();
    await expect(page.locator('tr[data-email="robin.reviewer@northbrook.example"]').textContent()).resolves.toMatch(/Robin Reviewer.*Team manager/);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("sees the new user on the audit trail, and every admin page passes axe", async () => {
    await page.goto(`${app.url}/admin/audit?entity=user`);
    const database = openDatabase(app.databasePath);
    const adminName = database.db.select({ name: users.name }).from(users).where(eq(users.email, "admin@northbrook.example")).get()!.name;
    database.close();
    // Who: named as every page names a person.
    const row = await page.locator("#audit-table tbody tr").first().textContent();
    expect(row).toContain(adminName);
    expect(row).toMatch(/create.*user/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-audit");
    for (const path of ["/admin/users", "/admin/teams", "/admin/work-types", "/admin/imports", "/admin/population", "/admin/integration-tokens"]) {
      await page.goto(`${app.url}${path}`);
      expect(await accessibilityProblems(page), path).toEqual([]);
    }
    await page.getByRole("link", { name: "Administration" }).first().click();
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole("link", { name: "Robin Reviewer" }).click();
    await page.locator("h1", { hasText: "Robin Reviewer" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.goto(`${app.url}/admin/teams`);
    await page.getByRole("link", { name: "North Locality" }).click();
    await page.locator("h1", { hasText: "North Locality" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("records a year's adult population from the administration page, told first what is wrong", async () => {
    await page.goto(`${app.url}/admin`);
    await page.getByRole("link", { name: "Adult population" }).click();
    await page.locator("h1", { hasText: "Adult population" }).waitFor();
    // The demo council's own years are listed, the latest first.
    await expect(page.locator("#population-table tbody tr").first().getAttribute("data-year")).resolves.toMatch(/^\d{4}$/);

    await page.fill("#year", "1950");
    await page.fill("#adults18To64", "198,400");
    await page.fill("#adults65AndOver", "lots");
    await page.getByRole("button", { name: "Save the year" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    // The summary takes focus, and each message links to its box.
    await expect(page.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary"))).resolves.toBe(true);
    const summary = await page.locator(".govuk-error-summary").textContent();
    expect(summary).toMatch(/The year must be 1971 or later/);
    expect(summary).toMatch(/adults aged 65 and over as a whole number/);
    expect(summary).toMatch(/Enter where the figures come from/);
    await expect(page.locator("#adults18To64").inputValue()).resolves.toBe("198,400");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-population-errors");

    await page.fill("#year", "2019");
    await page.fill("#adults65AndOver", "61 200");
    await page.fill("#source", "ONS mid-year estimates 2019");
    await page.getByRole("button", { name: "Save the year" }).click();
    await page.locator(".govuk-notification-banner--success").waitFor();
    const row = page.locator('#population-table tr[data-year="2019"]');
    await expect(row.textContent()).resolves.toMatch(/2019198,40061,200ONS mid-year estimates 2019/);

    // Change: the form opens filled in with the year, and saving replaces it.
    await row.getByRole("link", { name: "Change 2019" }).click();
    await page.locator("h2", { hasText: "Change 2019" }).waitFor();
    await expect(page.locator("#adults65AndOver").inputValue()).resolves.toBe("61200");
    await page.fill("#adults65AndOver", "61950");
    await page.getByRole("button", { name: "Save the year" }).click();
    await page.locator(".govuk-notification-banner--success").waitFor();
    await expect(page.locator('#population-table tr[data-year="2019"]').textContent()).resolves.toMatch(/61,950/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-population");

    await page.getByRole("button", { name: "Remove 2019" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Removed" }).waitFor();
    await expect(page.locator('#population-table tr[data-year="2019"]').count()).resolves.toBe(0);
  });

  it("makes an integration token, shown once, then revokes it", async () => {
    await page.goto(`${app.url}/admin`);
    await page.getByRole("link", { name: "Integration tokens" }).click();
    await page.locator("h1", { hasText: "Integration tokens" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // Told first what is wrong: no name, and an expiry more than a year ahead.
    const nextYear = Number(runToday().slice(0, 4)) + 2;
    await page.fill("#expiresOn", "1");
    await page.fill("#expiresOn-month", "1");
    await page.fill("#expiresOn-year", String(nextYear));
    await page.getByRole("button", { name: "Make the token" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    const summary = await page.locator(".govuk-error-summary").textContent();
    expect(summary).toMatch(/Enter a name/);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.fill("#name", "Mosaic nightly extract");
    const [year, month, day] = addDays(runToday(), 90).split("-");
    await page.fill("#expiresOn", String(Number(day)));
    await page.fill("#expiresOn-month", String(Number(month)));
    await page.fill("#expiresOn-year", year!);
    await page.getByRole("button", { name: "Make the token" }).click();
    await page.locator("#new-token").waitFor();
    const secret = (await page.locator("#new-token").textContent())!.trim();
    expect(secret).toMatch(/^primed_[A-Za-z0-9_-]{43}$/);
    await expect(page.locator("#new-token-banner").textContent()).resolves.toMatch(/only time Primed shows it/);
    const row = page.locator("#tokens-table tbody tr", { hasText: "Mosaic nightly extract" });
    await expect(row.getAttribute("data-state")).resolves.toBe("active");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-integration-token-made");

    // Shown once: the page opened again does not show it.
    await page.goto(`${app.url}/admin/integration-tokens`);
    await expect(page.content()).resolves.not.toContain(secret);
    await expect(page.locator("#new-token").count()).resolves.toBe(0);

    // It loads an extract, and the page says when it was last used.
    const feed = await fetch(`${app.url}/api/extracts?dryRun=true`, {
      method: "POST",
      headers: { Authorization: `Bearer ${secret}`, "Content-Type": "text/csv" },
      body: "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Team\r\n",
    });
    expect(feed.status).toBe(202);
    const load = ((await feed.json()) as { url: string }).url;
    // Finished before the token is revoked (and before the app stops, which the load's own process would outlive).
    for (let i = 0; i < 300; i += 1) {
      const progress = (await (await fetch(`${app.url}${load}`, { headers: { Authorization: `Bearer ${secret}` } })).json()) as { state: string };
      if (progress.state !== "running") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await page.reload();
    await expect(page.locator("#tokens-table tbody tr", { hasText: "Mosaic nightly extract" }).textContent()).resolves.not.toMatch(/Never/);
    await page.getByRole("button", { name: "Revoke Mosaic nightly extract" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Revoked" }).waitFor();
    await expect(page.locator("#tokens-table tbody tr", { hasText: "Mosaic nightly extract" }).getAttribute("data-state")).resolves.toBe("revoked");
    await expect(page.locator("#tokens-table tbody tr", { hasText: "Mosaic nightly extract" }).textContent()).resolves.toMatch(/Revoked .* by /);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-integration-token-revoked");
    const refused = await fetch(`${app.url}${load}`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);
  });
});
