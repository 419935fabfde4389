import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Connection } from "../../db/connection";
import { addMonths, formatMonthShort, monthOf } from "~/dates";
import { figuresByTeam, monthlyFigures } from "~/work-figures/report.server";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { findTeam } from "~/teams/teams.server";
import { lastFinishedMonth } from "~/reports/part-month";
import { fillDate } from "../helpers/date-boxes";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { screenshot, accessibilityProblems } from "../helpers/browser";
import { runToday } from "../helpers/today";

let signedIn: SignedInApp;
let app: SignedInApp["app"];
let page: Page;
let database: Connection;
let consoleErrors: string[];
const today = runToday();

beforeAll(async () => {
  signedIn = await signedInApp("head@northbrook.example", "demo-head");
  ({ app, page, database, consoleErrors } = signedIn);
});

afterAll(async () => signedIn?.stop());

const cellTexts = (page: Page, rowSelector: string) => page.locator(`${rowSelector} td`).allTextContents();

const shown = (value: number | null) => (value === null ? "–" : String(value));

describe("the service's teams page", () => {
  it("lists every team with the last finished month's headline figures", async () => {
    await page.goto(`${app.url}/teams`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Service overview");
    // The overview opens on the last finished month, not the month so far (issue 17, item 11).
    const figures = figuresByTeam(database.db, [lastFinishedMonth(today)], today);
    const east = findTeam(database.db, "East Locality")!;
    const f = figures.get(east.id)![0]!;
    const pct = timeliness(f);
    // Each cell: the figure, then its change on the month before and on the year before.
    const cells = await cellTexts(page, `tr[data-team="east-locality"]`);
    expect(cells.slice(0, 6).map((text) => text.split(/[+−n–]/)[0])).toEqual([
      shown(f.allocated),
      shown(f.awaitingAllocation),
      shown(f.overdue),
      shown(f.due),
      shown(f.completed),
      pct === null ? "" : `${Math.round(pct * 100)}%`,
    ]);
    expect(await page.locator("#teams-table tbody tr").count()).toBe(10);
    await screenshot(page, "home");
  });

  // Each test opens the page it checks, rather than using whatever page the test before it left.
  it("has no serious accessibility problems", async () => {
    await page.goto(`${app.url}/teams`);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("starts keyboard users at the skip link", async () => {
    await page.goto(`${app.url}/teams`);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to main content");
  });
});

describe("a team page", () => {
  let months: MonthFigures[];
  const current = monthOf(today);
  const lastMonth = addMonths(current, -1);

  beforeAll(async () => {
    const team = findTeam(database.db, "north-locality")!;
    months = monthlyFigures(database.db, { teamId: team.id }, { from: addMonths(current, -11), to: addMonths(current, 3), asOf: today });
    await page.goto(`${app.url}/teams`);
    await page.locator("#teams-table").getByRole("link", { name: "North Locality" }).click();
    await page.waitForURL(/\/teams\/north-locality/);
    // Charts draw after hydration.
    await page.locator("canvas").first().waitFor();
  });

  /** The team page as the overview's link opens it (the beforeAll above), for tests that must not read the page another test left. */
  const openTeamPage = async () => {
    await page.goto(`${app.url}/teams/north-locality`);
    await page.locator("canvas").first().waitFor();
  };

  it("shows the allocated, due and overdue table with the metric module's figures", async () => {
    await openTeamPage();
    const m = months.find((x) => x.month === lastMonth)!;
    expect(await cellTexts(page, `#workload-table tr[data-month="${lastMonth}"]`)).toEqual([m.allocated, m.awaitingAllocation, m.overdue, m.due, m.received].map(shown));
    const future = months.at(-1)!;
    expect(await cellTexts(page, `#workload-table tr[data-month="${future.month}"]`)).toEqual(["–", "–", "–", shown(future.due), "–"]);
  });

  it("shows completed, on time and late, and outcomes, for the same month", async () => {
    await openTeamPage();
    const m = months.find((x) => x.month === lastMonth)!;
    const completedCells = await cellTexts(page, `#completed-table tr[data-month="${lastMonth}"]`);
    expect(completedCells.slice(0, 3)).toEqual([m.completed, m.completedOnTime, m.completedLate].map(shown));
    const totalAssessments = Object.values(m.assessmentOutcomeGroups ?? {}).reduce((a, b) => a + b, 0);
    const outcomeCells = await cellTexts(page, `#outcome-groups-table tr[data-month="${lastMonth}"]`);
    expect(outcomeCells.at(-1)).toBe(String(totalAssessments));
  });

  it("draws three charts holding the same figures as the tables, and four more for care and cost", async () => {
    await openTeamPage();
    await expect(page.locator("canvas").count()).resolves.toBe(7);
    await expect(page.locator('section[aria-labelledby="care-heading"] canvas').count()).resolves.toBe(4);
    const workload = JSON.parse((await page.locator("canvas").nth(0).getAttribute("data-chart-series"))!) as { label: string; data: (number | null)[] }[];
    expect(workload.find((s) => s.label === "Overdue")!.data).toEqual(months.map((m) => m.overdue));
    expect(workload.find((s) => s.label === "Due")!.data).toEqual(months.map((m) => m.due));
    const completed = JSON.parse((await page.locator("canvas").nth(1).getAttribute("data-chart-series"))!) as { label: string; data: number[] }[];
    const past = months.filter((m) => m.kind !== "future");
    expect(completed.find((s) => s.label === "Late")!.data).toEqual(past.map((m) => m.completedLate));
    await expect(page.locator("canvas").nth(0).getAttribute("aria-label")).resolves.toMatch(/Allocated, awaiting allocation and overdue/);
    await screenshot(page, "team-north-locality");
  });

  it("says how old the data is", async () => {
    await openTeamPage();
    await expect(page.getByTestId("data-as-of").textContent()).resolves.toMatch(/^Data as of \d+ \w+ \d{4}, from the generated demo council\.$/);
  });

  it("opens the definitions in one click", async () => {
    await openTeamPage();
    await page.getByText("How these figures are defined").click();
    await expect(page.locator("#definition-overdue").isVisible()).resolves.toBe(true);
    await expect(page.locator("#definition-overdue dd").textContent()).resolves.toMatch(/due today is not yet overdue/i);
  });

  it("has no serious accessibility problems", async () => {
    // Audited with the definitions open, so that their content is checked too.
    await openTeamPage();
    await page.getByText("How these figures are defined").click();
    await page.locator("#definition-overdue").waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("opens a figure to the list of work items behind it", async () => {
    await openTeamPage();
    const m = months.find((x) => x.month === lastMonth)!;
    await page.locator(`#workload-table tr[data-month="${lastMonth}"] td:nth-of-type(3) a`).click();
    await page.locator("h1", { hasText: /^Overdue, / }).waitFor();
    expect(page.url()).toMatch(/\/items\?figure=overdue&month=/);
    expect(await page.locator("#items-table tbody tr").count()).toBe(m.overdue);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "items-overdue");
    await page.goBack();
    await page.locator("canvas").first().waitFor();
  });

  it("reports one worker, and as of a past date, from the form", async () => {
    await openTeamPage();
    const team = findTeam(database.db, "north-locality")!;
    const asOf = `${addMonths(current, -2)}-15`;
    const workerName = (await page.locator("#worker option").nth(1).textContent())!.replace(" (left)", "");
    await page.selectOption("#worker", { index: 1 });
    await fillDate(page, "asOf", asOf);
    await page.getByRole("button", { name: "Show figures" }).click();
    await page.locator("h1", { hasText: workerName }).waitFor();
    const workerId = Number(new URL(page.url()).searchParams.get("worker"));
    const [m] = monthlyFigures(database.db, { teamId: team.id, workerId }, { from: monthOf(asOf), to: monthOf(asOf), asOf });
    expect(await cellTexts(page, `#workload-table tr[data-month="${monthOf(asOf)}"]`)).toEqual([m!.allocated, m!.awaitingAllocation, m!.overdue, m!.due, m!.received].map(shown));
    await expect(page.locator("h2").first().textContent()).resolves.toContain(formatMonthShort(monthOf(asOf)).split(" ")[1]!);
  });

  it("runs under the Content-Security-Policy, hydrating without errors", () => {
    // The 400, 403 and 404 pages below log their own status codes; everything before must be clean.
    expect(consoleErrors).toEqual([]);
  });

  it("explains a bad address instead of failing", async () => {
    const response = await page.goto(`${app.url}/teams/north-locality?asOf=2026-02-30`);
    expect(response?.status()).toBe(400);
    await expect(page.locator("main").textContent()).resolves.toMatch(/as-of date must be a real date/);
    const badFigure = await page.goto(`${app.url}/teams/north-locality/items?figure=happiness&month=2026-01`);
    expect(badFigure?.status()).toBe(400);
    await expect(page.locator("main").textContent()).resolves.toMatch(/does not name a figure/);
    const missing = await page.goto(`${app.url}/teams/no-such-team`);
    expect(missing?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
  });
});
