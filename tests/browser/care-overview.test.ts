/*
 * The service overview's "Care and cost" table in a browser, with services
 * loaded (the demo council plus the care worked example as Team R): it fits a
 * 1280 px and a 1024 px window without running off the page, axe finds nothing
 * at 1280 px (moderate included), and a sort by a care column orders both tables.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { loadCareWorkedExample } from "../helpers/care-worked-example";
import { demoCouncilDatabase } from "../helpers/temp-db";
import { startApp, type RunningApp } from "../helpers/app-server";
import { accessibilityProblems, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { runToday } from "../helpers/today";

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let database: { remove(): void };
let page: Page;

beforeAll(async () => {
  const db = await demoCouncilDatabase(runToday());
  loadCareWorkedExample(db.db);
  db.close();
  database = db;
  app = await startApp({}, { databasePath: db.file });
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, app.url, "head@northbrook.example", "demo-head");
}, 300_000);

afterAll(async () => {
  await page?.close();
  await browser?.cleanup();
  await app?.stop();
  database?.remove();
});

/** Whether the page runs off the window, and whether the care table is wider than its region. */
function widths(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const table = document.getElementById("care-table")!;
    const region = table.closest("[role=region]")!;
    return {
      pageFits: root.scrollWidth <= root.clientWidth,
      tableFits: table.getBoundingClientRect().right <= region.getBoundingClientRect().right + 0.5,
      regionLabel: document.getElementById(region.getAttribute("aria-labelledby") ?? "")?.textContent ?? "",
    };
  });
}

describe("the service overview's care and cost", () => {
  it("fits 1280 and 1024 px, in a labelled region, and axe finds nothing", { timeout: 240_000 }, async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/teams?asOf=2026-06-30&month=2026-04`);
    await page.locator("#care-table").waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const found = await widths(page);
      await screenshot(page, `service-overview-care-${width}`);
      expect(found, `${width} px`).toEqual({ pageFits: true, tableFits: true, regionLabel: expect.stringMatching(/^Care and cost by team, April 2026;/) });
    }
    const teamR = page.locator('#care-table tr[data-team="team-r"] td');
    await expect(teamR.first().locator("a").textContent()).resolves.toBe("£2,520");
  });

  it("sorts both tables by a care column", { timeout: 120_000 }, async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/teams?asOf=2026-06-30&month=2026-04`);
    await page
      .locator("#care-table thead")
      .getByRole("link", { name: /^Long-term cost a week/ })
      .click();
    await page.locator('#care-table th[aria-sort="descending"]', { hasText: "Long-term cost a week" }).waitFor();
    const care = await page.locator("#care-table tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-team")));
    const headline = await page.locator("#teams-table tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-team")));
    expect(headline).toEqual(care);
    // The figure before its changes: the cell's first node (a link, or the text "£0").
    const costs = await page
      .locator("#care-table tbody tr")
      .evaluateAll((rows) => rows.map((r) => Number((r.querySelector("td")!.childNodes[0]!.textContent ?? "").replace(/[£,]/g, ""))));
    expect(costs.length).toBeGreaterThan(2);
    expect([...costs].sort((a, b) => b - a)).toEqual(costs);
    expect(costs).toContain(2520);
  });

  it("says when each team's data last changed, in a table under a summary that opens", { timeout: 120_000 }, async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/teams?asOf=2026-06-30&month=2026-04`);
    const details = page.locator("#team-data-changed");
    await details.locator("summary").click();
    const rows = details.locator("tbody tr");
    await rows.first().waitFor();
    const teams = await rows.locator("th").allTextContents();
    expect(teams).toHaveLength(await page.locator("#teams-table tbody tr").count());
    // The demo's teams changed when it was loaded; Team R's services were written without a load.
    const cells = await rows.locator("td").allTextContents();
    expect(cells[0]).toMatch(/^\d{1,2} \w+ \d{4} at \d{2}:\d{2}$/);
    expect(cells.at(-1)).toBe("Not recorded: no load has changed it since Primed began keeping this");
    expect(teams.at(-1)).toBe("Team R");
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
