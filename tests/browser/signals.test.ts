/*
 * Signal or noise in a real browser, as a team manager uses it: the team
 * report's icons with their text alternatives, a series' XmR chart and its
 * table, and a recalculation recorded in the page that then shows as a
 * break on the chart.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { screenshot, accessibilityProblems } from "../helpers/browser";

let signedIn: SignedInApp;

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
});
afterAll(async () => signedIn?.stop());

describe("signal or noise on North Locality", () => {
  it("shows each figure's icons with words, and a question for the meeting", async () => {
    const { page, app } = signedIn;
    await page.goto(`${app.url}/teams/north-locality`);
    const overdue = page.locator('#signals-table tr[data-series="overdue"]');
    await expect(overdue.getAttribute("data-variation")).resolves.toBe("concern_high");
    // The icon is an image with a text alternative, and the same words are beside it.
    await expect(overdue.locator('svg[role="img"]').first().getAttribute("aria-label")).resolves.toBe("Concern: a special cause, higher");
    await expect(overdue.textContent()).resolves.toContain("Concern: a special cause, higher");
    const questions = await page.locator("#signals-heading ~ ul li").allTextContents();
    expect(questions.find((q) => q.startsWith("Overdue:"))).toMatch(
      /^Overdue: \d+ months above the mean \(.+\), and lower is better: a concern\. What changed around \w+ \d{4}\?$/,
    );
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("opens the overdue XmR chart, whose table holds the same points", async () => {
    const { page } = signedIn;
    await page.locator('#signals-table tr[data-series="overdue"] th a').click();
    await page.locator("h1", { hasText: /^Overdue$/ }).waitFor();
    const chart = page.locator("canvas[data-xmr]");
    await chart.waitFor();
    const drawn = JSON.parse((await chart.getAttribute("data-xmr"))!) as { values: number[]; classifications: string[]; sections: unknown[] };
    // The chart's own table: the actions linked to the series have theirs below it.
    const rows = page.locator("table[id$='-table'] tbody tr[data-classification]");
    expect(await rows.count()).toBe(24);
    expect(drawn.values).toHaveLength(24);
    const tableValues = await rows.locator("td:nth-of-type(1)").allTextContents();
    expect(tableValues.map(Number)).toEqual(drawn.values);
    await expect(rows.last().getAttribute("data-classification")).resolves.toBe("concern");
    expect(drawn.sections).toHaveLength(1);
    // Did it work? The demo's action on overdue reviews is listed under the chart.
    await expect(page.locator("#linked-actions").textContent()).resolves.toContain("Clear the overdue annual reviews");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("explains a recalculation without a reason, then records one that shows as a break", async () => {
    const { page, database } = signedIn;
    await page.getByRole("button", { name: "Record the recalculation" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toContain("Say why the limits start again");
    const months = await page.locator("#month option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const from = months[months.length - 5]!;
    await page.locator("#month").selectOption(from);
    await page.locator("#reason").fill("Two practitioners left and cases were reallocated");
    await page.getByRole("button", { name: "Record the recalculation" }).click();
    await page.locator("tr.app-new-section").waitFor();
    const chart = page.locator("canvas[data-xmr]");
    await chart.waitFor();
    const drawn = JSON.parse((await chart.getAttribute("data-xmr"))!) as { sections: { start: number; end: number }[] };
    expect(drawn.sections.map((s) => s.start)).toEqual([0, 24 - 5]);
    await expect(page.locator("tr.app-new-section th").textContent()).resolves.toContain("Limits start again");
    await expect(page.locator("body").textContent()).resolves.toContain("Two practitioners left and cases were reallocated");
    const audited = database.db.select().from(auditLog).where(eq(auditLog.action, "record_recalculation")).all();
    expect(audited).toHaveLength(1);
    await screenshot(page, "signals-recalculated");
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
