/*
 * The report parts the server renders once and keeps (components/ui/frozen.tsx)
 * are the browser's React's own markup: a page served from memory hydrates
 * without an error, draws its charts, and a table React renders afresh in the
 * browser (after client-side navigation) is exactly the table the server sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { scaledWait } from "../helpers/browser";

let signedIn: SignedInApp;
let page: Page;

beforeAll(async () => {
  signedIn = await signedInApp("head@northbrook.example", "demo-head");
  page = signedIn.page;
}, scaledWait(180_000));

afterAll(async () => signedIn?.stop());

const pageErrors: string[] = [];

/** The rows of a table as the browser holds them: each cell's text and each link's address. */
async function tableRows(selector: string): Promise<string[][]> {
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => `${c.textContent ?? ""}|${[...c.querySelectorAll("a")].map((a) => a.getAttribute("href")).join(",")}`)),
    );
}

describe("report parts rendered once and kept", () => {
  it("a team page served from memory hydrates without an error and draws its charts, twice", { timeout: scaledWait(120_000) }, async () => {
    page.on("pageerror", (error) => pageErrors.push(error.message));
    for (let i = 0; i < 2; i += 1) {
      await page.goto(`${signedIn.app.url}/teams/north-locality`);
      await page.waitForLoadState("networkidle");
      // Charts are drawn only once React has hydrated the page (on a busy machine, after the network is idle).
      await expect.poll(() => page.locator("canvas").count(), { timeout: scaledWait(30_000) }).toBe(7);
      await expect(page.locator("#care-people-table tbody tr").count()).resolves.toBeGreaterThan(0);
      // Its data came in the page, in an element of its own (app/http/sent-in-page.server.ts), and was read from there.
      await expect(page.locator('script[type="application/json"][id^="primed-data-"]').count()).resolves.toBe(1);
    }
    await expect(page.title()).resolves.toMatch(/^North Locality – Primed$/);
    expect(signedIn.consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("the overview's tables rendered by React in the browser are the ones the server sent from memory", { timeout: scaledWait(120_000) }, async () => {
    await page.goto(`${signedIn.app.url}/teams`);
    await page.waitForLoadState("networkidle");
    const served = { teams: await tableRows("#teams-table"), care: await tableRows("#care-table"), exceptions: await page.locator("#exceptions-heading").textContent() };
    await expect(page.locator('script[type="application/json"][id^="primed-data-"]').count()).resolves.toBe(1);
    expect(served.teams.length).toBeGreaterThan(5);
    expect(served.care.length).toBe(served.teams.length);
    // To the trends and back, without loading a page: the browser's React draws the tables itself.
    await page.getByRole("link", { name: "Trends: each team's last 12 months" }).click();
    await page.locator("#trends-heading").waitFor();
    await page.getByRole("link", { name: "Side by side: this month's figures" }).click();
    await page.locator("#teams-table").waitFor();
    expect(await tableRows("#teams-table")).toEqual(served.teams);
    expect(await tableRows("#care-table")).toEqual(served.care);
    expect(await page.locator("#exceptions-heading").textContent()).toBe(served.exceptions);
    // Sorting (a link in the heading row, outside the kept part) reorders what React draws.
    await page.locator("#teams-table thead a", { hasText: "Team" }).first().click();
    await page.waitForURL(/sort=team/);
    const sorted = await tableRows("#teams-table");
    expect(sorted.map((r) => r[0]).sort()).toEqual(served.teams.map((r) => r[0]).sort());
    expect(signedIn.consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
