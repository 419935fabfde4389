/*
 * The list behind a care figure in a real browser (issue 18, items 3-5):
 * opened as a team manager, sorted by a column, paged, the reviews overdue as
 * a work list, axe finding nothing (moderate included), and focus left where
 * the person was. A team of its own (so the demo council's care, whatever it
 * holds, does not change the counts), managed by the demo manager, is given
 * 450 long-term services first, so the list runs to three pages.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { careServices, teams, users, userTeams, workers } from "../../db/schema";
import { serviceTypes, type ServiceTypeCode } from "~/care/service-types";
import { addDays, monthOf } from "~/dates";
import { startApp, type RunningApp } from "../helpers/app-server";
import { accessibilityProblems, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { copyDemoCouncil } from "../helpers/demo-cache";
import { runToday } from "../helpers/today";

const today = runToday();
const SERVICES = 450;
let dir: string;
let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-care-list-"));
  const databasePath = path.join(dir, "primed.db");
  await copyDemoCouncil(databasePath, today, 2026);
  const { db, close } = openDatabase(databasePath);
  const north = db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
  const team = db.insert(teams).values({ serviceId: north.serviceId, name: "Care List Test", slug: "care-list-test", type: "locality" }).returning().get();
  const manager = db.select().from(users).where(eq(users.email, "manager@northbrook.example")).get()!;
  db.insert(userTeams).values({ userId: manager.id, teamId: team.id }).run();
  const teamWorkers = ["Ada Okafor", "Ben Hughes", "Chloe Patel"].map((name) => db.insert(workers).values({ teamId: team.id, name, role: "practitioner" }).returning().get());
  const types: ServiceTypeCode[] = ["lt_community", "lt_community", "lt_residential", "lt_nursing"];
  for (let n = 0; n < SERVICES; n += 1) {
    const type = types[n % types.length]!;
    // Weekly costs spread out, with pence, so sorting by cost is visible.
    const weekly = 150 + ((n * 7919) % 1300) + (n % 100) / 100;
    db.insert(careServices)
      .values({
        sourceRef: `CL-${String(n + 1).padStart(4, "0")}`,
        personRef: `CLP-${n + 1}`,
        teamId: team.id,
        workerId: n % 9 === 0 ? null : teamWorkers[n % teamWorkers.length]!.id,
        serviceType: type,
        serviceTypeRaw: serviceTypes[type],
        startsOn: addDays(today, -30 - ((n * 37) % 700)),
        unitCost: weekly,
        costFrequency: "weekly",
        weeklyCost: weekly,
        ageAtStart: 70,
      })
      .run();
  }
  close();
  app = await startApp({}, { databasePath });
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, app.url, "manager@northbrook.example", "demo-manager");
});

afterAll(async () => {
  await browser?.cleanup();
  await app?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const money = (text: string) => Number(text.replace(/[£,]/g, ""));

describe("the list behind a care figure", () => {
  // Each step on its own, with room: axe over a 200-row table takes a while on a loaded machine.
  const slow = { timeout: 180_000 };
  const listUrl = () => `${app.url}/teams/care-list-test/care?figure=cost-long-term&month=${monthOf(today)}`;

  it("opens with its count and the figure's total, in pages, and axe finds nothing", slow, async () => {
    await page.goto(listUrl());
    await expect(page.locator("h1").textContent()).resolves.toMatch(/^Long-term support: weekly cost, /);
    await expect(page.getByTestId("care-totals").textContent()).resolves.toMatch(/^450 services; weekly cost: £[\d,]+\.\d\d, as of /);
    await expect(page.locator("#care-caption").textContent()).resolves.toContain("page 1 of 3");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "care-list");
  });

  it("sorts by a column, keeping focus on the column's link", slow, async () => {
    await page.goto(listUrl());
    await page
      .locator("#care-table thead")
      .getByRole("link", { name: /^Weekly cost/ })
      .click();
    // The address changes before the sorted list has rendered: wait for the heading to say so.
    await page.locator('#care-table th[aria-sort="descending"]', { hasText: "Weekly cost" }).waitFor();
    const costs = (await page.locator("#care-table tbody tr td:nth-of-type(6)").allTextContents()).map(money);
    expect(costs).toHaveLength(200);
    expect([...costs].sort((a, b) => b - a)).toEqual(costs);
    // Focus stays on the heading's link, so choosing it again turns the order round.
    await expect(page.evaluate(() => document.activeElement?.textContent ?? "")).resolves.toMatch(/^Weekly cost/);
  });

  it("pages on in the same order, keeping focus on the page link", slow, async () => {
    await page.goto(`${listUrl()}&sort=weeklyCost&dir=desc`);
    const first = (await page.locator("#care-table tbody tr td:nth-of-type(6)").allTextContents()).map(money);
    await page.getByRole("link", { name: "Next page" }).click();
    await page.locator("#care-caption", { hasText: "page 2 of 3" }).waitFor();
    const second = (await page.locator("#care-table tbody tr td:nth-of-type(6)").allTextContents()).map(money);
    expect(second[0]).toBeLessThanOrEqual(first.at(-1)!);
    await expect(page.evaluate(() => document.activeElement?.textContent ?? "")).resolves.toMatch(/^Next/);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("weeklyCost");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("sorts from the keyboard", slow, async () => {
    await page.goto(`${listUrl()}&page=3`);
    await page.locator("#care-table thead a").first().focus();
    await page.keyboard.press("Enter");
    await page.locator('#care-table th[aria-sort="ascending"]', { hasText: "Reference" }).waitFor();
    // A new order starts again at its first page.
    await expect(page.locator("#care-table tbody tr th").first().textContent()).resolves.toBe("CL-0001");
  });

  it("lists the reviews overdue most overdue first, and downloads every row as CSV", slow, async () => {
    await page.goto(`${app.url}/teams/care-list-test/care?figure=reviews-overdue&month=${monthOf(today)}`);
    await page.locator('#care-table th[aria-sort="descending"]', { hasText: "Days overdue" }).waitFor();
    const overdue = (await page.locator("#care-table tbody tr td:nth-of-type(4)").allTextContents()).map(Number);
    expect(overdue.length).toBeGreaterThan(0);
    expect([...overdue].sort((a, b) => b - a)).toEqual(overdue);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "care-list-reviews-overdue");
    const count = Number((await page.getByTestId("care-totals").textContent())!.match(/^([\d,]+) /)![1]!.replace(/,/g, ""));
    const csv = await (await page.request.get(`${app.url}/teams/care-list-test/care.csv?${new URL(page.url()).searchParams}`)).text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const table = lines.slice(lines.indexOf("") + 1);
    expect(table[0]).toBe("Person,Support start,Last review,Review due,Days overdue,Worker");
    expect(table.length - 1).toBe(count);
  });
});
