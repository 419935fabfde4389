import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openDatabase } from "../../db/connection";
import { users } from "../../db/schema";
import { startApp, type RunningApp } from "../helpers/app-server";
import { launchBrowser, screenshot, accessibilityProblems, signIn } from "../helpers/browser";

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
    for (const path of ["/admin/users", "/admin/teams", "/admin/work-types", "/admin/imports", "/admin/population"]) {
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
});
