/*
 * The reports people work from, in a real browser: the service overview,
 * drill-down from a bar or a figure to the work behind it, filters in the
 * address, CSV downloads that match the page, printing to A4, and the
 * manager's note on a worker's load.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import type { Connection } from "../../db/connection";
import { workerLoadNotes, workTypes } from "../../db/schema";
import { addMonths, monthOf } from "~/dates";
import { figureValue } from "~/work-figures/month-figures";
import { monthlyFigures } from "~/work-figures/report.server";
import { findTeam } from "~/teams/teams.server";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { launchBrowser, screenshot, accessibilityProblems, signIn } from "../helpers/browser";
import { runToday } from "../helpers/today";

let signedIn: SignedInApp;
let app: SignedInApp["app"];
let browser: SignedInApp["browser"];
let page: Page;
let database: Connection;
let consoleErrors: string[];
const today = runToday();
const current = monthOf(today);

beforeAll(async () => {
  signedIn = await signedInApp("head@northbrook.example", "demo-head");
  ({ app, browser, page, database, consoleErrors } = signedIn);
});

afterAll(async () => signedIn?.stop());

/** The CSV's table: the rows after the blank line that ends the lines saying what the file shows. */
function csvTable(text: string): string[][] {
  const lines = text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  return lines.slice(lines.indexOf("") + 1).map((line) => line.split(","));
}

describe("from the service overview to one worker's overdue work", () => {
  it("takes three clicks, and the list has as many items as the figure clicked", async () => {
    await page.goto(`${app.url}/teams`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Service overview");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "service-overview");
    // 1: the team.
    await page.locator('#teams-table tr[data-team="north-locality"] th a').click();
    await page.locator("#workers-heading").waitFor();
    // 2: a worker's overdue count in the workers' table.
    const overdue = page.locator("#workers-table tbody tr td:nth-of-type(3) a").first();
    const clicked = Number(await overdue.textContent());
    expect(clicked).toBeGreaterThan(0);
    await overdue.click();
    await page.locator("h1", { hasText: /^Overdue, / }).waitFor();
    expect(page.url()).toMatch(/worker=\d+/);
    expect(await page.locator("#items-table tbody tr").count()).toBe(clicked);
    // 3: the item, in the list, with its days late.
    const row = page.locator("#items-table tbody tr").first();
    await expect(row.locator("td").last().textContent()).resolves.toMatch(/^\d+$/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "worker-overdue-items");
  });

  it("shows only the teams that need attention when asked, with the rule that fired", async () => {
    await page.goto(`${app.url}/teams`);
    const needing = await page.locator(".app-exception-list > li").count();
    await page.check("#exceptions");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/exceptions=only/);
    await expect.poll(() => page.locator("#teams-table tbody tr").count()).toBe(needing);
    for (const reason of await page.locator(".app-exception-list [data-exception]").allTextContents()) {
      expect(reason).toMatch(/running|below the target|is a concern, not noise|will not be met without a change/);
    }
  });

  it("sorts the teams by a column, and downloads the same rows as CSV", async () => {
    await page.goto(`${app.url}/teams`);
    await page
      .locator("#teams-table thead")
      .getByRole("link", { name: /^Overdue/ })
      .click();
    await page.locator('#teams-table th[aria-sort="descending"]', { hasText: "Overdue" }).waitFor();
    const shown = await page.locator("#teams-table tbody tr th a").allTextContents();
    const overdue = (await page.locator("#teams-table tbody tr td:nth-of-type(3)").allTextContents()).map((t) => parseInt(t, 10));
    expect([...overdue].sort((a, b) => b - a)).toEqual(overdue);
    const csv = await page.request.get(`${app.url}/teams.csv${new URL(page.url()).search}`);
    expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toMatch(/Data as of,/);
    expect(
      csvTable(text)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(shown);
  });
});

describe("a team report", () => {
  it("opens a bar of a chart to the work items behind it", async () => {
    await page.goto(`${app.url}/teams/north-locality`);
    const canvas = page.locator("canvas").first();
    await canvas.waitFor();
    // The overdue bars are the only red on the chart: find one and click it.
    const spot = await canvas.evaluate((element) => {
      const c = element as HTMLCanvasElement;
      const { data, width, height } = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
      const scale = c.width / c.getBoundingClientRect().width;
      for (let x = Math.floor(width * 0.6); x < width; x += 1) {
        for (let y = height - 1; y >= 0; y -= 1) {
          const i = (y * width + x) * 4;
          if (data[i] === 0xd4 && data[i + 1] === 0x35 && data[i + 2] === 0x1c) return { x: x / scale, y: (y - 2) / scale };
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await canvas.click({ position: spot! });
    await page.locator("h1", { hasText: /^Overdue, / }).waitFor();
    const month = new URL(page.url()).searchParams.get("month")!;
    const team = findTeam(database.db, "north-locality")!;
    const [figures] = monthlyFigures(database.db, { teamId: team.id }, { from: month as never, to: month as never, asOf: today });
    expect(await page.locator("#items-table tbody tr").count()).toBe(figures!.overdue);
  });

  it("filters the whole report by work type and months, kept in the address", async () => {
    const team = findTeam(database.db, "north-locality")!;
    const careAct = database.db.select().from(workTypes).where(eq(workTypes.code, "care_act_assessment")).get()!;
    await page.goto(`${app.url}/teams/north-locality`);
    await page.selectOption("#workType", String(careAct.id));
    await page.fill("#from", addMonths(current, -5));
    await page.fill("#to", current);
    await page.getByRole("button", { name: "Show figures" }).click();
    await page.locator(".govuk-inset-text").waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get("from")).toBe(addMonths(current, -5));
    await expect(page.locator(".govuk-inset-text").textContent()).resolves.toMatch(/Care Act assessment work/);
    const figures = monthlyFigures(database.db, { teamId: team.id, workTypeId: careAct.id }, { from: addMonths(current, -5), to: current, asOf: today });
    expect(await page.locator("#workload-table tbody tr").count()).toBe(6);
    for (const m of figures) {
      const cells = await page.locator(`#workload-table tr[data-month="${m.month}"] td`).allTextContents();
      expect(cells.slice(0, 3)).toEqual([m.allocated, m.awaitingAllocation, m.overdue].map(String));
    }
    // The same view opened from its address alone.
    await page.goto(url.toString());
    await expect(page.locator("#workType").inputValue()).resolves.toBe(String(careAct.id));
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("downloads its figures as CSV with the filters and the as-of date", async () => {
    const team = findTeam(database.db, "north-locality")!;
    const text = await (await page.request.get(`${app.url}/teams/north-locality/report.csv?from=${addMonths(current, -2)}&to=${current}`)).text();
    expect(text).toMatch(/^\uFEFFTeam,North Locality\r\n/);
    expect(text).toMatch(/Data as of,/);
    const table = csvTable(text);
    const figures = monthlyFigures(database.db, { teamId: team.id }, { from: addMonths(current, -2), to: current, asOf: today });
    expect(table.slice(1).map((row) => [row[0], row[4]])).toEqual(figures.map((m) => [m.month, String(m.overdue)]));
  });

  it("prints to A4 with the team, the months and the data date on the page, and no filters or buttons", async () => {
    // A page of its own, so the print settings cannot leak into the other tests.
    const printing = await browser.newPage();
    try {
      // The width of an A4 page's printable area at 96 dots to the inch.
      await printing.setViewportSize({ width: 718, height: 1000 });
      await printing.goto(`${app.url}/teams/north-locality`);
      await printing.locator("canvas").first().waitFor();
      await printing.emulateMedia({ media: "print" });
      await expect(printing.locator(".app-print-heading").isVisible()).resolves.toBe(true);
      await expect(printing.locator(".app-print-heading").textContent()).resolves.toMatch(/^North Locality: \w+ \d{4} to \w+ \d{4}\. Data as of \d+ \w+ \d{4}\.$/);
      await expect(printing.locator(".app-filters").isVisible()).resolves.toBe(false);
      await expect(printing.locator(".app-report-actions").isVisible()).resolves.toBe(false);
      // No table runs off the page's width.
      const overflowing = await printing.evaluate(() =>
        [...document.querySelectorAll("table")].filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((t) => t.id),
      );
      expect(overflowing).toEqual([]);
      const pdf = await printing.pdf({ format: "A4" });
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(12);
      // A4 is 595 by 842 points.
      expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595(\.\d+)? 842(\.\d+)?\]/);
    } finally {
      await printing.close();
    }
  });

  it("gives a front-door team its requests by route of access", async () => {
    await page.goto(`${app.url}/teams/front-door`);
    await page.locator("#requests-heading").waitFor();
    const team = findTeam(database.db, "front-door")!;
    const figures = monthlyFigures(database.db, { teamId: team.id }, { from: addMonths(current, -1), to: addMonths(current, -1), asOf: today });
    const cells = await page.locator(`#requests-table tr[data-month="${addMonths(current, -1)}"] td`).allTextContents();
    expect(cells.slice(0, 3)).toEqual(["requestsReceived", "requestsCompleted", "requestsCompletedOnTime"].map((f) => String(figureValue(figures[0]!, f as never))));
    const route = page.locator("#routes-table tbody tr").first();
    const received = Number(await route.locator("td").first().textContent());
    await route.locator("td a").first().click();
    await page.locator("h1", { hasText: /^Requests received: / }).waitFor();
    await expect(page.locator("main p strong").first().textContent()).resolves.toBe(String(received));
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});

describe("a list of work items", () => {
  const listPath = () => `/teams/north-locality/items?figure=received&from=${addMonths(current, -6)}&to=${current}`;

  it("sorts by a column, searches, and pages", async () => {
    await page.goto(`${app.url}${listPath()}`);
    await page
      .locator("#items-table thead")
      .getByRole("link", { name: /^Worker/ })
      .click();
    // The address changes before the sorted list has rendered: wait for the heading to say so.
    await page.locator('#items-table th[aria-sort="ascending"]', { hasText: "Worker" }).waitFor();
    const workers = await page.locator("#items-table tbody tr td:nth-of-type(3)").allTextContents();
    expect([...workers].sort((a, b) => a.localeCompare(b))).toEqual(workers);
    await expect(page.locator('th[aria-sort="ascending"]').textContent()).resolves.toMatch(/^Worker/);
    const total = Number(await page.locator("main p strong").first().textContent());
    expect(total).toBeGreaterThan(200);
    await page.getByRole("link", { name: "Next page" }).click();
    await page.locator("#items-caption", { hasText: "page 2 of" }).waitFor();
    const secondPage = await page.locator("#items-table tbody tr td:nth-of-type(3)").allTextContents();
    expect(secondPage[0]!.localeCompare(workers.at(-1)!)).toBeGreaterThanOrEqual(0);
    const firstRef = (await page.locator("#items-table tbody tr th").first().textContent())!;
    await page.fill("#q", firstRef);
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => page.locator("#items-table tbody tr").count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("downloads the whole list as CSV, in the page's order", async () => {
    await page.goto(`${app.url}${listPath()}&sort=due&dir=desc`);
    const onPage = await page.locator("#items-table tbody tr th").allTextContents();
    const total = Number(await page.locator("main p strong").first().textContent());
    const text = await (await page.request.get(`${app.url}/teams/north-locality/items.csv?${new URL(page.url()).searchParams}`)).text();
    const table = csvTable(text);
    expect(table[0]).toEqual(["Reference", "Person", "Work type", "Worker", "Received", "Allocated", "Due", "Completed", "Outcome", "Days open", "Days late"]);
    expect(table.length - 1).toBe(total);
    expect(table.slice(1, onPage.length + 1).map((row) => row[0])).toEqual(onPage);
  });
});

describe("a manager's note on a worker's load", () => {
  it("is saved, shown on the team page, and audited; an empty note is refused with a message", async () => {
    const managerBrowser = await launchBrowser();
    try {
      const manager = await managerBrowser.newPage();
      await signIn(manager, app.url, "manager@northbrook.example", "demo-manager");
      await manager.goto(`${app.url}/teams/north-locality`);
      await expect(manager.locator(".govuk-warning-text").textContent()).resolves.toMatch(/do not weigh how complex or risky/);
      await expect(manager.locator("#workers-heading ~ p").first().textContent()).resolves.toMatch(/Reallocating work happens in the care system/);
      await manager.locator("#workers-table a", { hasText: "Add a note" }).first().click();
      await manager.locator("h1", { hasText: /^Notes on / }).waitFor();
      await manager.getByRole("button", { name: "Save the note" }).click();
      await expect(manager.locator(".govuk-error-summary").textContent()).resolves.toMatch(/Write the note/);
      expect(await accessibilityProblems(manager)).toEqual([]);
      await manager.fill("#note", "Two complex safeguarding enquiries this month <script>alert(1)</script>");
      await manager.getByRole("button", { name: "Save the note" }).click();
      await manager.locator("#workers-table").waitFor();
      await expect(manager.locator("#workers-table").textContent()).resolves.toContain("Two complex safeguarding enquiries this month <script>alert(1)</script>");
      const stored = database.db.select().from(workerLoadNotes).all();
      expect(stored.map((n) => n.note)).toContain("Two complex safeguarding enquiries this month <script>alert(1)</script>");
      const audited = database.sqlite.prepare("select count(*) from audit_log where action = 'add_load_note'").pluck().get();
      expect(audited).toBe(1);
    } finally {
      await managerBrowser.cleanup();
    }
  });
});

describe("the pages above", () => {
  it("ran under the Content-Security-Policy without console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
