/*
 * The team page's fourth report, "Care and support, and what it costs", in a real browser on the demo
 * council: its figures are the care module's, its chart has them in a table, a figure opens the list
 * behind it with as many rows, the worker view has its own, and axe finds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { careFigures } from "~/care/care-book.server";
import type { CareMonthFigures } from "~/care/care-figures";
import { formatPounds } from "~/care/service-types";
import { addMonths, monthOf } from "~/dates";
import { findTeam } from "~/teams/teams.server";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { accessibilityProblems, scaledWait, screenshot } from "../helpers/browser";
import { runToday } from "../helpers/today";

let signedIn: SignedInApp;
let page: Page;
const today = runToday();
const current = monthOf(today);

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  page = signedIn.page;
}, scaledWait(180_000));

afterAll(async () => signedIn?.stop());

/** The care months the page should show: the report's default run, up to this month. */
function expectedMonths(workerId?: number): CareMonthFigures[] {
  const team = findTeam(signedIn.database.db, "north-locality")!;
  return careFigures(signedIn.database.db, { teamId: team.id, workerId }, { from: addMonths(current, -11), to: addMonths(current, 3), asOf: today }).filter(
    (m): m is CareMonthFigures => m.longTermPeople !== null,
  );
}

describe("the fourth report on North Locality's page", () => {
  it("shows the care module's figures in words, charts and tables, and axe finds nothing", { timeout: scaledWait(180_000) }, async () => {
    await page.goto(`${signedIn.app.url}/teams/north-locality`);
    const section = page.locator('section[aria-labelledby="care-heading"]');
    await section.waitFor();
    const months = expectedMonths();
    const last = months.at(-1)!;
    expect(last.longTermClients).toBeGreaterThan(100);
    await expect(section.locator(".govuk-body-l").textContent()).resolves.toContain(`costing ${formatPounds(last.weeklyCost.longTerm, { pence: false })} a week`);
    // Every month's people and money, as the care module counts them.
    const people = await section.locator("#care-people-table tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent)));
    expect(people.map((cells) => cells.slice(0, 4).map(Number))).toEqual(
      months.map((m) => [m.longTermPeople.nursing, m.longTermPeople.residential, m.longTermPeople.community, m.longTermPeople.prison]),
    );
    const cost = await section.locator("#care-cost-table tbody tr td:first-of-type").allTextContents();
    expect(cost).toEqual(months.map((m) => formatPounds(m.weeklyCost.longTerm, { pence: false })));
    const overdue = await section.locator("#care-clients-table tbody tr td:last-of-type").allTextContents();
    expect(overdue.map(Number)).toEqual(months.map((m) => m.reviewsOverdue));
    // Each chart has its figures in a table it names.
    for (const table of ["care-people-table", "care-cost-table", "care-reviews-table"]) {
      await expect(section.locator(`[aria-describedby="${table}"]`).count()).resolves.toBeGreaterThan(0);
    }
    await screenshot(page, "care-report");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("opens the list of reviews overdue, most overdue first, with as many people as the figure", { timeout: scaledWait(120_000) }, async () => {
    await page.goto(`${signedIn.app.url}/teams/north-locality`);
    const link = page.getByRole("link", { name: /reviews are overdue: the work list/ });
    const count = Number((await link.textContent())!.match(/\d+/)![0]);
    expect(count).toBe(expectedMonths().at(-1)!.reviewsOverdue);
    await link.click();
    await page.waitForURL(/\/care\?/);
    await expect(page.locator("h1").textContent()).resolves.toMatch(/Reviews overdue/);
    await expect(page.locator("main").textContent()).resolves.toContain(`${count} people`);
    const days = (await page.locator("table tbody tr td:nth-last-of-type(2)").allTextContents()).map(Number);
    expect(days.length).toBeGreaterThan(0);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("the worker view shows that worker's services only", { timeout: scaledWait(120_000) }, async () => {
    const team = findTeam(signedIn.database.db, "north-locality")!;
    const worker = signedIn.database.sqlite
      .prepare("select worker_id as id, count(*) as n from care_services where team_id = ? and worker_id is not null group by worker_id order by n desc limit 1")
      .get(team.id) as { id: number; n: number };
    await page.goto(`${signedIn.app.url}/teams/north-locality?worker=${worker.id}`);
    const section = page.locator('section[aria-labelledby="care-heading"]');
    await section.waitFor();
    const clients = await section.locator("#care-clients-table tbody tr td:first-of-type").allTextContents();
    const months = expectedMonths(worker.id);
    expect(clients.map(Number)).toEqual(months.map((m) => m.longTermClients));
    expect(months.at(-1)!.longTermClients).toBeLessThan(expectedMonths().at(-1)!.longTermClients);
  });
});
