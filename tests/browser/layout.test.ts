/*
 * Every main page at a laptop's 1280 px and a small laptop's 1024 px: nothing
 * runs off the side of the page, and every table either fits its region or
 * scrolls inside a focusable, labelled region of its own (WCAG 1.4.10 and
 * 2.1.1: a table wider than the screen is read by scrolling its region, with
 * the keyboard too). Axe checks each page at 1280 px, moderate findings
 * included. The service overview opens on the last finished month.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { actions, primedMetrics, teams, users } from "../../db/schema";
import { addDays, addMonths, formatMonthLong, monthOf } from "~/dates";
import { demoSignIns } from "~/demo/demo-users";
import { openDatabase } from "../../db/connection";
import { startApp, type RunningApp } from "../helpers/app-server";
import { accessibilityProblems, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { runToday } from "../helpers/today";

let app: RunningApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let ids: { action: number; metric: number; user: number; team: number };

const lastMonth = addMonths(monthOf(runToday()), -1);
// The month whose meeting the demo council held (five weeks ago).
const meetingMonth = addMonths(monthOf(addDays(runToday(), -35)), -1);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const { db, close } = openDatabase(app.databasePath);
  ids = {
    action: db.select().from(actions).limit(1).get()!.id,
    metric: db.select().from(primedMetrics).limit(1).get()!.id,
    user: db.select().from(users).where(eq(users.email, "manager@northbrook.example")).get()!.id,
    team: db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!.id,
  };
  close();
});

afterAll(async () => {
  await browser?.cleanup();
  await app?.stop();
});

const pages: { role: "signed out" | "head_of_service" | "practitioner" | "admin"; path: () => string; name?: string; status?: number }[] = [
  { role: "signed out", path: () => "/sign-in" },
  // The council sign-in's plain pages (here: not set up; the browser test council-sign-in.test.ts shows the others).
  { role: "signed out", path: () => "/sign-in/council/callback?error=access_denied", status: 404 },
  { role: "practitioner", path: () => "/my-work" },
  { role: "head_of_service", path: () => "/teams" },
  { role: "head_of_service", path: () => "/teams?view=trends" },
  { role: "head_of_service", path: () => `/teams?month=${monthOf(runToday())}` },
  { role: "head_of_service", path: () => "/teams/north-locality" },
  { role: "head_of_service", path: () => "/teams/front-door" },
  { role: "head_of_service", path: () => `/teams/north-locality/items?figure=received&from=${addMonths(lastMonth, -6)}&to=${lastMonth}` },
  { role: "head_of_service", path: () => `/teams/north-locality/items?figure=overdue&month=${lastMonth}` },
  { role: "head_of_service", path: () => "/teams/north-locality/signals" },
  { role: "head_of_service", path: () => "/teams/north-locality/signals?series=overdue" },
  { role: "head_of_service", path: () => "/teams/north-locality/purpose" },
  { role: "head_of_service", path: () => "/teams/north-locality/prompts" },
  { role: "head_of_service", path: () => "/teams/north-locality/actions" },
  { role: "head_of_service", path: () => `/teams/north-locality/cycle/${meetingMonth}` },
  { role: "head_of_service", path: () => `/teams/north-locality/cycle/${meetingMonth}/meeting` },
  { role: "head_of_service", path: () => `/teams/north-locality/cycle/${meetingMonth}/pack` },
  { role: "head_of_service", path: () => "/actions" },
  { role: "head_of_service", path: () => `/actions/${ids.action}`, name: "/actions/<an action>" },
  { role: "head_of_service", path: () => "/cycles" },
  { role: "head_of_service", path: () => "/purpose" },
  { role: "head_of_service", path: () => "/metrics" },
  { role: "head_of_service", path: () => `/metrics/${ids.metric}`, name: "/metrics/<a metric>" },
  { role: "head_of_service", path: () => "/metrics/new" },
  { role: "head_of_service", path: () => "/metrics/upload" },
  { role: "head_of_service", path: () => "/definitions" },
  { role: "head_of_service", path: () => "/account/calendar" },
  { role: "head_of_service", path: () => "/account/reminders" },
  { role: "admin", path: () => "/admin/mail" },
  { role: "admin", path: () => "/admin" },
  { role: "admin", path: () => "/admin/audit" },
  { role: "admin", path: () => "/admin/imports" },
  { role: "admin", path: () => "/admin/imports/new" },
  { role: "admin", path: () => "/admin/teams" },
  { role: "admin", path: () => `/admin/teams/${ids.team}`, name: "/admin/teams/<North Locality>" },
  { role: "admin", path: () => "/admin/users" },
  { role: "admin", path: () => "/admin/users/new" },
  { role: "admin", path: () => "/admin/users/upload" },
  { role: "admin", path: () => `/admin/users/${ids.user}`, name: "/admin/users/<the manager>" },
  { role: "admin", path: () => "/admin/work-types" },
  { role: "admin", path: () => "/admin/population" },
  { role: "admin", path: () => "/admin/integration-tokens" },
  { role: "admin", path: () => "/admin/prompts" },
  { role: "admin", path: () => "/admin/meetings" },
];

/** What runs off the page, and each table that neither fits nor scrolls in a focusable, labelled region of its own. */
async function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : ""}`;
    for (const table of document.querySelectorAll("table:not([role=presentation])")) {
      const region = table.parentElement?.closest("[role=region]");
      if (!region) {
        problems.push(`${name(table)} is not in a region`);
        continue;
      }
      const label = region.getAttribute("aria-label") ?? document.getElementById(region.getAttribute("aria-labelledby") ?? "")?.textContent;
      if (!label?.trim()) problems.push(`${name(table)}: its region has no label`);
      if (region.getAttribute("tabindex") !== "0") problems.push(`${name(table)}: its region cannot take focus`);
      const box = region.getBoundingClientRect();
      if (box.right > root.clientWidth + 0.5) problems.push(`${name(table)}: its region runs off the page (${Math.round(box.right)} px)`);
      const fits = table.getBoundingClientRect().right <= box.right + 0.5;
      const scrolls = ["auto", "scroll"].includes(getComputedStyle(region).overflowX);
      if (!fits && !scrolls) problems.push(`${name(table)} is wider than its region, which does not scroll`);
    }
    return problems;
  });
}

describe("every main page at 1280 and 1024 px", () => {
  for (const role of ["signed out", "practitioner", "head_of_service", "admin"] as const) {
    describe(role, () => {
      let page: Page;
      beforeAll(async () => {
        // One role at a time: the browser's cookies are shared by its pages.
        await browser.clearCookies();
        page = await browser.newPage();
        if (role !== "signed out") {
          const { email, password } = demoSignIns.find((s) => s.role === role)!;
          await signIn(page, app.url, email, password);
        }
      });
      afterAll(async () => {
        await page?.close();
      });
      for (const entry of pages.filter((p) => p.role === role)) {
        it(`${entry.name ?? entry.path()} fits the window, with every table in its own region`, { timeout: 240_000 }, async () => {
          const found: Record<string, string[]> = {};
          // One load a page, then the narrower window: CSS and the charts follow a resize as they follow a
          // person's window, and a second load would double the file's time.
          await page.setViewportSize({ width: 1280, height: 900 });
          const response = await page.goto(`${app.url}${entry.path()}`, { waitUntil: "load" });
          expect(response?.status(), entry.path()).toBe(entry.status ?? 200);
          for (const width of [1280, 1024]) {
            if (width !== 1280) {
              await page.setViewportSize({ width, height: 900 });
              // Two frames: the resize's layout, then anything a ResizeObserver (the charts) redrew from it.
              await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
            }
            const problems = await overflowProblems(page);
            if (width === 1280) problems.push(...(await accessibilityProblems(page)));
            if (problems.length) found[`${width} px`] = problems;
            // Every page at 1280 px to look at, when the run takes pictures; whatever went wrong, always (a full-page
            // picture of a long page takes up to 3 s of a loaded machine, and the checks above already measure).
            if (width === 1280 || problems.length) await screenshot(page, `layout-${width}${entry.path().replace(/[^a-z0-9]+/gi, "-")}`, { always: problems.length > 0 });
          }
          expect(found).toEqual({});
        });
      }
    });
  }
});

describe("the service overview's month", () => {
  it("opens on the last finished month, with the month so far one click away and marked so far", async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    await signIn(page, app.url, "head@northbrook.example", "demo-head");
    await page.goto(`${app.url}/teams`);
    await expect(page.locator("#teams-caption").textContent()).resolves.toMatch(new RegExp(`^Headline figures by team, ${formatMonthLong(lastMonth)};`));
    await page.getByRole("link", { name: `${formatMonthLong(monthOf(runToday()))} so far` }).click();
    await page.waitForURL(/month=/);
    await page.locator("#part-month-note").waitFor();
    await expect(page.locator(".govuk-caption-l").textContent()).resolves.toBe(`${formatMonthLong(monthOf(runToday()))} so far`);
    await expect(page.locator("#teams-table .app-changes", { hasText: "not compared (month so far)" }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("[data-exception]", { hasText: /completed on time in/ }).count()).resolves.toBe(0);
    await screenshot(page, "service-overview-so-far");
    await page.getByRole("link", { name: /the last finished month$/ }).click();
    await page.waitForURL((url) => !url.search.includes("month="));
    await expect.poll(() => page.locator("#part-month-note").count()).toBe(0);
    await page.close();
  });
});
