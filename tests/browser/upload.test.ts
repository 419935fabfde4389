/*
 * An administrator loads the monthly extract through the upload page: a file
 * with problems is refused with its problems listed; then a good file, checked
 * by a dry run first, loads with a progress bar fed by the server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openDatabase } from "../../db/connection";
import { startApp, type RunningApp } from "../helpers/app-server";
import { launchBrowser, screenshot, accessibilityProblems, scaledWait, signIn } from "../helpers/browser";

const HEADER = "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Event End Date,Event Outcome,Team,Worker,Allocated Date";
const GOOD_ROWS = 100_000;

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let dir: string;

function writeCsv(name: string, rows: string[], header = HEADER): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${[header, ...rows].join("\r\n")}\r\n`);
  return file;
}

const storedCount = (prefix: string) => {
  const { sqlite, close } = openDatabase(app.databasePath);
  try {
    return sqlite.prepare("select count(*) from work_items where source_ref like ?").pluck().get(`${prefix}%`) as number;
  } finally {
    close();
  }
};

async function upload(file: string | null, choices: string[] = []) {
  await page.goto(`${app.url}/admin/imports/new`);
  if (file) await page.setInputFiles("#extract", file);
  for (const choice of choices) await page.getByLabel(choice).check();
  await page.getByRole("button", { name: "Upload and load" }).click();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-upload-"));
  // From the sources, as `npm start` runs Primed: the import job then runs under tsx too (import-job-entry.server.ts).
  app = await startApp({}, { fromSources: true });
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, app.url, "admin@northbrook.example", "demo-admin");
});

afterAll(async () => {
  await browser?.cleanup();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("loading an extract from the browser", () => {
  it("finds the upload page from the data loads page, and is told to choose a file", async () => {
    await page.goto(`${app.url}/admin/imports`);
    await page.getByRole("button", { name: "Load an extract" }).click();
    await page.waitForURL(/\/admin\/imports\/new$/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await upload(null);
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(/Choose the extract to load/);
    await expect(page.locator("#extract-error").textContent()).resolves.toMatch(/Choose the extract to load/);
    const spreadsheet = path.join(dir, "March figures.xlsx");
    fs.writeFileSync(spreadsheet, "PK not a CSV");
    await upload(spreadsheet);
    await expect(page.locator("#extract-error").textContent()).resolves.toMatch(/"March figures\.xlsx" is not a CSV file/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "upload-form-error");
  });

  it("refuses a file with problems, listing each with its row and column, and changes nothing", async () => {
    const file = writeCsv("with-problems.csv", [
      "P1,Request,BAD-1,02/03/2026,,,North Locality,,",
      "P2,Request,BAD-2,31/02/2026,,,North Locality,,",
      "P3,Request,BAD-3,02/03/2026,,,Atlantis Team,,",
      "P4,Assessment,BAD-4,02/03/2026,,,North Locality,,",
    ]);
    await upload(file);
    await page.waitForURL(/\/admin\/imports\/uploads\/[0-9a-f]{24}$/);
    await page.locator("#result", { hasText: "Refused: nothing was changed" }).waitFor();
    const rows = await page.locator("#problems-table tbody tr").allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^3Event Start Date31\/02\/2026is not a real date/);
    expect(rows[1]).toMatch(/^4TeamAtlantis Teamis not a team Primed knows/);
    expect(rows[2]).toMatch(/^5Assessment Type.*does not say which kind of assessment/);
    expect(storedCount("BAD-")).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "upload-refused");
  });

  it("sets the problem rows aside when asked, for download with their reasons", async () => {
    await upload(path.join(dir, "with-problems.csv"), ["Load the valid rows and set aside the rows with problems, in a file to download and fix"]);
    await page.locator("#result", { hasText: "Loaded" }).waitFor();
    expect(storedCount("BAD-")).toBe(1);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /Download the 3 rows set aside/ }).click();
    const rejects = fs
      .readFileSync(await (await download).path()!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(rejects[0]).toBe(`${HEADER},Reason`);
    expect(rejects.slice(1).map((line) => line.split(",")[2])).toEqual(["BAD-2", "BAD-3", "BAD-4"]);
  });

  // Two passes over 100,000 rows and an axe audit: on a loaded CI machine that took more than the default minute (2026-12-03).
  it("checks a good file with a dry run, then loads it with a progress bar fed by the server", { timeout: scaledWait(180_000) }, async () => {
    const rows = Array.from({ length: GOOD_ROWS }, (_, i) => `Q${i},Request,UP-${i},0${1 + (i % 9)}/11/2026,,,North Locality,,,,,,`);
    // Two Service rows too, counted apart.
    rows.push(
      "Q1,Service,UP-S1,01/11/2026,,,North Locality,,,Long term support: Residential care,950,Weekly,",
      "Q2,Services,UP-S2,02/11/2026,,,North Locality,,,Long term support: Community,22,Hourly,10",
    );
    await upload(writeCsv("good.csv", rows, `${HEADER},Service Type,Unit Cost,Cost Frequency,Planned units per week`), [
      "Dry run: check the file and show what would change, without changing anything",
    ]);
    await page.locator("#result", { hasText: "Dry run: nothing was changed" }).waitFor({ timeout: scaledWait(60_000) });
    await expect(page.locator(".govuk-summary-list").textContent()).resolves.toMatch(/Would be Added100,000/);
    await expect(page.locator(".govuk-summary-list").textContent()).resolves.toMatch(/ServicesWould add 2 services, update 0, 0 unchanged/);
    expect(storedCount("UP-")).toBe(0);
    await screenshot(page, "upload-dry-run");

    await page.getByRole("button", { name: "Load this file now" }).click();
    await page.locator("progress").waitFor();
    const seen: string[] = [];
    while (!(await page.locator("#result").isVisible())) {
      const text = await page
        .locator(".app-progress")
        .textContent()
        .catch(() => null);
      if (text) seen.push(text);
      if (seen.length === 3) await screenshot(page, "upload-progress");
      await page.waitForTimeout(100);
    }
    expect(seen.length, "the progress bar was on screen while the file loaded").toBeGreaterThan(0);
    expect(
      seen.some((text) => /rows read, \d+% of the file/.test(text)),
      seen.join(" | "),
    ).toBe(true);
    await expect(page.locator("#result").textContent()).resolves.toMatch(/^Loaded/);
    await expect(page.locator(".govuk-summary-list").textContent()).resolves.toMatch(/Added100,000/);
    await expect(page.locator(".govuk-summary-list").textContent()).resolves.toMatch(/ServicesAdded 2 services, updated 0, 0 unchanged/);
    expect(storedCount("UP-")).toBe(GOOD_ROWS);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "upload-loaded");

    await page.goto(`${app.url}/admin/imports`);
    await expect(page.locator("#imports-table tbody tr").first().textContent()).resolves.toMatch(/good\.csv.*Loaded.*Added 2 services, updated 0, 0 unchanged/);
  });
});
