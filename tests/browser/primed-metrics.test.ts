/*
 * Primed Metrics in a real browser, as a head of service uses them: the list,
 * a metric's chart with its table and the difference the change has made,
 * entering a month's value, and a bad CSV refused with every bad row named.
 * Axe checks each page.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { primedMetrics, primedMetricValues } from "../../db/schema";
import { monthOf } from "~/dates";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { screenshot, accessibilityProblems } from "../helpers/browser";
import { runToday } from "../helpers/today";

let signedIn: SignedInApp;
const current = monthOf(runToday());
const RESIDENTIAL = "People in residential and nursing care";
const PULSE = "Staff pulse survey score";

beforeAll(async () => {
  signedIn = await signedInApp("head@northbrook.example", "demo-head");
});
afterAll(async () => signedIn?.stop());

const valueCount = () => signedIn.database.db.select().from(primedMetricValues).all().length;

describe("Primed Metrics for a head of service", () => {
  it("lists the metrics from the menu, each with its owner, latest value, trajectory and signal", async () => {
    const { page } = signedIn;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Primed Metrics" }).click();
    await page.locator("h1", { hasText: /^Primed Metrics$/ }).waitFor();
    const rows = page.locator("#metrics-table tbody tr");
    expect(await rows.count()).toBe(4);
    const residential = rows.filter({ hasText: RESIDENTIAL });
    const cells = await residential.locator("td").allTextContents();
    expect(cells[0]).toBe("Counted from the data, for the whole service");
    expect(cells[2]).toMatch(/^\d+ people in residential and nursing care \(\w{3} \d{4}\)$/);
    expect(cells[3]).toMatch(/(above|below|on) the trajectory$/);
    expect(cells[4]).toMatch(/^(Improvement|Concern): a special cause, (lower|higher)$|common cause/i);
    await expect(rows.filter({ hasText: PULSE }).locator("td").first().textContent()).resolves.toBe("Entered by people");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("opens a metric: the chart and its table hold the same figures, with the difference in words and the signals", async () => {
    const { page, app } = signedIn;
    // From the list, whichever test ran before.
    await page.goto(`${app.url}/metrics`);
    await page.getByRole("link", { name: RESIDENTIAL }).click();
    await page.locator("h1", { hasText: RESIDENTIAL }).waitFor();
    const chart = page.locator("canvas[data-chart-series]");
    await chart.waitFor();
    const drawn = JSON.parse((await chart.getAttribute("data-chart-series"))!) as { label: string; data: (number | null)[] }[];
    expect(drawn.map((s) => s.label)).toEqual(["Actual", "Trajectory (plan)", "Baseline projection"]);
    const rows = page.locator("#metric-table tbody tr");
    expect(await rows.count()).toBe(drawn[0]!.data.length);
    const column = async (n: number) => (await rows.locator(`td:nth-of-type(${n})`).allTextContents()).map((text) => (text === "–" ? null : Number(text.replace(/,/g, ""))));
    expect(await column(1)).toEqual(drawn[0]!.data);
    expect(await column(2)).toEqual(drawn[1]!.data);
    expect(await column(3)).toEqual(drawn[2]!.data);

    const baseline = (await page.locator("#against-baseline").textContent())!;
    expect(baseline).toMatch(/\d+ fewer people in residential and nursing care than the baseline projects \(\w+ \d{4}\): better, as lower is better for this measure\./);
    await expect(page.locator("#against-trajectory").textContent()).resolves.toMatch(/than the trajectory plans|The same as the trajectory plans/);
    await expect(page.locator("#signals-result").textContent()).resolves.toMatch(/^\w+ \d{4}: (Improvement|Concern): a special cause, (lower|higher)\.|common cause/i);
    // Counted from the demo's own services: where the values come from, and every team's list behind the latest month.
    await expect(page.locator("#metric-details").textContent()).resolves.toContain(
      "Counted from the data: People in residential and nursing care at the month's end, for the whole service",
    );
    await expect(page.locator("#source-heading").textContent()).resolves.toBe("Where the values come from");
    const lists = page.locator("#counted-lists a");
    expect(await lists.count()).toBeGreaterThan(2);
    expect(await lists.first().getAttribute("href")).toMatch(/^\/teams\/[a-z-]+\/care\?.*figure=people-residential/);
    expect(await page.locator("#value").count()).toBe(0);
    // The lists behind an earlier month, chosen on the page.
    const months = await page.locator("#listMonth option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(months.length).toBe(drawn[0]!.data.filter((v) => v !== null).length);
    const earlier = months[3]!;
    await page.locator("#listMonth").selectOption(earlier);
    await page.getByRole("button", { name: "Show the lists" }).click();
    await page.waitForURL(new RegExp(`listMonth=${earlier}#lists-heading$`));
    expect(await lists.first().getAttribute("href")).toContain(`month=${earlier}`);
    await expect(page.locator("#lists-heading").textContent()).resolves.not.toContain(await page.locator("#listMonth option").first().textContent());
    // A month without a value: the latest month's lists, saying so.
    await page.goto(`${page.url().split("?")[0]}?listMonth=1999-01`);
    await expect(page.locator(".govuk-inset-text", { hasText: 'There is no value for "1999-01"' }).count()).resolves.toBe(1);
    expect(await lists.first().getAttribute("href")).toContain(`month=${months[0]}`);
    expect(await accessibilityProblems(page)).toEqual([]);
    // The months from the baseline's first on (the three months before it no longer set the limits: issue 17, item 16).
    expect(await page.locator("#signals-table tbody tr").count()).toBe(33);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "primed-metric");
  });

  it("says what is wrong with a value, then saves a month's value and shows it", async () => {
    const { page, app } = signedIn;
    await page.goto(`${app.url}/metrics`);
    await page.getByRole("link", { name: PULSE }).click();
    await page.locator("h1", { hasText: PULSE }).waitFor();
    await page.locator("#month").fill(current);
    await page.locator("#value").fill("about 7");
    await page.getByRole("button", { name: "Save the value" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toContain("Enter the value as a number, like 412 or 135.5");
    await expect(page.locator("#value-error").textContent()).resolves.toContain("Enter the value as a number");
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.locator("#value").fill("7.4");
    await page.getByRole("button", { name: "Save the value" }).click();
    await page.locator(".govuk-notification-banner", { hasText: "Saved: the value is added." }).waitFor();
    const row = page.locator(`#metric-table tbody tr[data-month="${current}"]`);
    await expect(row.locator("td").first().textContent()).resolves.toBe("7.4");
    await expect(page.locator("#metric-details").textContent()).resolves.toContain("7.4 points");
    const metric = signedIn.database.db.select().from(primedMetrics).where(eq(primedMetrics.name, PULSE)).get()!;
    const stored = signedIn.database.db.select().from(primedMetricValues).where(eq(primedMetricValues.metricId, metric.id)).all();
    expect(stored.find((v) => v.month === current)?.value).toBe(7.4);
  });

  it("refuses a CSV with bad rows, loads nothing, and names each bad row and why", async () => {
    const { page, app } = signedIn;
    await page.goto(`${app.url}/metrics`);
    await page.getByRole("link", { name: "Load values from a CSV file" }).click();
    await page.locator("h1", { hasText: "Load values from a CSV file" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    const before = valueCount();
    const csv = ["metric,month,value", `${PULSE},${current},7.1`, "Placements in space,2026-01,4", `${PULSE},2026-02,lots`, `${PULSE},${current},7.2`].join("\n");
    await page.setInputFiles("#file", { name: "values.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Load the values" }).click();
    await page.locator("#problems-table").waitFor();
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toContain("3 rows have problems, so nothing was loaded");
    const rows = page.locator("#problems-table tbody tr");
    expect(await rows.locator("th").allTextContents()).toEqual(["3", "4", "5"]);
    const reasons = await rows.locator("td").allTextContents();
    expect(reasons[0]).toMatch(/^There is no metric called "Placements in space"/);
    expect(reasons[1]).toBe('"lots" is not a number: write it in digits, like 412 or 135.5'.replace(/^./, (c) => c.toUpperCase()));
    expect(reasons[2]).toMatch(/is already on row 2: keep one value per metric and month$/);
    expect(valueCount()).toBe(before);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "primed-metrics-bad-csv");
  });

  it("offers the forms to add and change a metric, with errors that say where", async () => {
    const { page, app } = signedIn;
    await page.goto(`${app.url}/metrics/new`);
    await page.getByRole("button", { name: "Add the metric" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    const messages = await page.locator(".govuk-error-summary__list a").evaluateAll((links) => links.map((a) => [a.getAttribute("href"), a.textContent]));
    expect(messages).toEqual(
      expect.arrayContaining([
        ["#name", "Enter a name"],
        ["#ownerUserId", "Choose the owner from the list"],
        ["#baselineFrom", "Enter the baseline's first month as YYYY-MM, like 2026-04"],
      ]),
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.goto(`${app.url}/metrics/1/edit`);
    await expect(page.locator("#name").inputValue()).resolves.not.toBe("");
    expect(await accessibilityProblems(page)).toEqual([]);

    // A counted metric through the form: the fields of the kind chosen, then its page says where its values come from.
    await page.goto(`${app.url}/metrics/new`);
    expect(await page.locator("#countedMeasure").isVisible()).toBe(false);
    await page.getByLabel("Counted from the data", { exact: false }).check();
    expect(await page.locator("#countedMeasure").isVisible()).toBe(true);
    expect(await page.locator("#measure").isVisible()).toBe(false);
    await page.locator("#name").fill("North Locality: reviews overdue");
    await page.locator("#countedMeasure").selectOption("care.reviews-overdue");
    await page.getByLabel("Some teams (choose them below)").check();
    await page.getByLabel("North Locality").check();
    await page.getByLabel("Lower is better").check();
    await page.locator("#ownerUserId").selectOption({ index: 1 });
    await page.locator("#baselineFrom").fill("2025-01");
    await page.locator("#baselineTo").fill("2025-12");
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Add the metric" }).click();
    await page.locator("h1", { hasText: "North Locality: reviews overdue" }).waitFor();
    await expect(page.locator("#metric-details").textContent()).resolves.toContain("Counted from the data: Reviews overdue at the month's end, for North Locality");
    await expect(page.locator("#counted-lists").textContent()).resolves.toMatch(/^North Locality: Reviews overdue/);
    expect(await page.locator("#metric-table tbody tr").count()).toBeGreaterThan(10);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "primed-metric-counted");
    // The definitions page lists the measure in the same words as the metric's page.
    await page.getByRole("link", { name: "How Primed counts each measure" }).click();
    await expect(page.locator("#measure-care-reviews-overdue dt").textContent()).resolves.toBe("Reviews overdue at the month's end");
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.goto(`${app.url}/metrics/424242`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
    await expect(page.locator("main").textContent()).resolves.toContain("There is no Primed Metric at this address");
  });
});
