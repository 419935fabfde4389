/*
 * An administrator adds users from a CSV file: a file with problems gets the
 * problems table and stores nothing; a dry run says what would change; the
 * good file adds them, and the users list shows them.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openDatabase } from "../../db/connection";
import { users } from "../../db/schema";
import { startApp, type RunningApp } from "../helpers/app-server";
import { accessibilityProblems, launchBrowser, screenshot, signIn } from "../helpers/browser";

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

function userCount(): number {
  const database = openDatabase(app.databasePath);
  try {
    return database.db.select({ id: users.id }).from(users).all().length;
  } finally {
    database.close();
  }
}

function storedUser(email: string) {
  const database = openDatabase(app.databasePath);
  try {
    return database.db.select().from(users).where(eq(users.email, email)).get();
  } finally {
    database.close();
  }
}

const good = ["Name,Email,Role,Teams,Worker", "Bulk Head,bulk.head@northbrook.example,Head of service,,", "Bulk Admin,bulk.admin@northbrook.example,Administrator,,"].join("\r\n");

async function upload(fileName: string, csv: string, dryRun = false) {
  await page.setInputFiles("#file", { name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The page keeps the box as it was after a load: say which each time.
  await page.setChecked("#dryRun", dryRun);
  await page.getByRole("button", { name: "Load the file" }).click();
}

describe("adding users from a CSV file", () => {
  it("is linked from the users list, and lists every problem in a file, storing nothing", async () => {
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole("link", { name: "Add users from a CSV file" }).click();
    await page.locator("h1", { hasText: "Add users from a CSV file" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    const before = userCount();
    await upload("people.csv", `${good}\r\nNobody,not-an-email,Boss,,\r\nBulk Head Again,BULK.HEAD@northbrook.example,Practitioner,,\r\n`);
    await page.locator("#problems-table").waitFor();
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toContain("2 rows have problems, so nothing was stored");
    const rows = await page.locator("#problems-table tbody tr").allTextContents();
    expect(rows).toEqual([
      "4Emailnot-an-emailEnter an email address in the correct format, like name@council.gov.uk",
      "4RoleBossThis is not a role: use one of Practitioner, Team manager, Head of service, Administrator",
      "5EmailBULK.HEAD@northbrook.exampleThis email address is already on row 2: one row a person",
    ]);
    expect(userCount()).toBe(before);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-users-upload-problems");
  });

  it("refuses a file that is not CSV, and one over 2 MB, saying why", async () => {
    await page.goto(`${app.url}/admin/users/upload`);
    await upload("people.xlsx", good);
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toContain('"people.xlsx" is not a CSV file: choose a file whose name ends .csv');
    await upload("huge.csv", `${good}\r\n${"x".repeat(2 * 1024 * 1024)}`);
    await page.locator(".govuk-error-summary", { hasText: "larger than 2 MB" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("checks a good file on a dry run, then adds the people, and the users list shows them", async () => {
    await page.goto(`${app.url}/admin/users/upload`);
    const before = userCount();
    await upload("people.csv", good, true);
    await page.locator(".govuk-notification-banner--success").waitFor();
    await expect(page.locator(".govuk-notification-banner--success").textContent()).resolves.toContain(
      "Checked people.csv, and stored nothing: 2 people would be added, 0 updated and 0 left as they are.",
    );
    expect(userCount()).toBe(before);

    await upload("people.csv", good);
    await page.locator(".govuk-notification-banner--success", { hasText: "Loaded people.csv" }).waitFor();
    await expect(page.locator(".govuk-notification-banner--success").textContent()).resolves.toContain("Loaded people.csv: 2 people added, 0 updated and 0 left as they are.");
    expect(userCount()).toBe(before + 2);
    expect(storedUser("bulk.head@northbrook.example")).toMatchObject({ name: "Bulk Head", role: "head_of_service" });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-users-upload-loaded");

    await page.getByRole("link", { name: "Back to users" }).click();
    await page.locator("h1", { hasText: "Users" }).waitFor();
    await expect(page.locator('tr[data-email="bulk.head@northbrook.example"]').textContent()).resolves.toMatch(/Bulk Head.*Head of service/);
    await expect(page.locator('tr[data-email="bulk.admin@northbrook.example"]').textContent()).resolves.toMatch(/Bulk Admin.*Administrator/);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Their page says they have no password yet.
    await page.getByRole("link", { name: "Bulk Head" }).click();
    await page.locator("h1", { hasText: "Bulk Head" }).waitFor();
    await expect(page.locator("#no-password").textContent()).resolves.toMatch(/no password yet/);
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
