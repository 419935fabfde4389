/*
 * The prompt sheet in a real browser: a manager follows the team report's
 * link to the month's sheet, finds the overdue concern waiting as a question,
 * answers, saves and comes back to the answers; an administrator changes a
 * template, and the next sheet asks the new question while the saved one
 * keeps what it asked; a practitioner reads the answers without a form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { promptSheets } from "../../db/schema";
import { addMonths, formatMonthLong, monthOf } from "~/dates";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { screenshot, accessibilityProblems, signIn } from "../helpers/browser";
import { runToday } from "../helpers/today";

let signedIn: SignedInApp;
let app: SignedInApp["app"];
let page: Page;
let consoleErrors: string[];
const lastMonth = addMonths(monthOf(runToday()), -1);
const risky = "Which overdue reviews carry the most risk, and who is following them up?";
const newQuestion = "Who needs a visit before the next team meeting?";
const overdueAnswer = "Two reviewers left in the spring and their reviews were not shared out. Cover agreed with the head of service.";
const riskAnswer = "Mr B's and Mrs C's reviews: Sam will do both by Friday.";

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  ({ app, page, consoleErrors } = signedIn);
  // The demo council answered an earlier month's sheet: these tests start each month unanswered.
  signedIn.database.db.delete(promptSheets).run();
});

afterAll(async () => signedIn?.stop());

async function signInAs(email: string, password: string) {
  await signedIn.browser.clearCookies();
  await signIn(page, app.url, email, password);
}

describe("the manager's prompt sheet", () => {
  it("opens from the team report, with the overdue concern as the first thing to explain", async () => {
    await page.goto(`${app.url}/teams/north-locality`);
    await page.getByRole("link", { name: "Interpret this month: the prompt sheet" }).click();
    await page.locator("h1", { hasText: `North Locality: the prompt sheet for ${formatMonthLong(lastMonth)}` }).waitFor();
    const overdue = page.locator('#signal-prompts li[data-series="overdue"]');
    await expect(overdue.locator("p").textContent()).resolves.toMatch(/^Overdue: \d+ months above the mean .*a concern\. What changed around \w+ \d{4}\?$/);
    await expect(overdue.getByRole("link").getAttribute("href")).resolves.toMatch(/^\/teams\/north-locality\/signals\?series=overdue&asOf=\d{4}-\d\d-01$/);
    // The same question heads the answers, before the locality team's own questions.
    const overduePrompt = (await overdue.locator("p").textContent())!;
    const labels = await page.locator("form label").allTextContents();
    expect(labels).toContain(overduePrompt);
    expect(labels.indexOf(overduePrompt)).toBeLessThan(labels.indexOf(risky));
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("saves two answers, and shows them again on reload with who saved them", async () => {
    const overduePrompt = (await page.locator('#signal-prompts li[data-series="overdue"] p').textContent())!;
    await page.getByLabel(overduePrompt, { exact: true }).fill(overdueAnswer);
    await page.getByLabel(risky, { exact: true }).fill(riskAnswer);
    await page.getByRole("button", { name: `Save the answers for ${formatMonthLong(lastMonth)}` }).click();
    await page.locator(".govuk-notification-banner--success").waitFor();
    expect(page.url()).toContain(`month=${lastMonth}&saved=1`);
    await page.goto(`${app.url}/teams/north-locality/prompts`);
    await expect(page.getByLabel(overduePrompt, { exact: true }).inputValue()).resolves.toBe(overdueAnswer);
    await expect(page.getByLabel(risky, { exact: true }).inputValue()).resolves.toBe(riskAnswer);
    await expect(page.locator("#saved-by").textContent()).resolves.toMatch(/^Saved by .+ on \d{1,2} \w+ \d{4} at \d\d:\d\d\.$/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "prompt-sheet");
  });

  it("tells the manager which answer is missing when nothing is answered", async () => {
    await page.getByRole("link", { name: /Previous month/ }).click();
    await page.locator("h1", { hasText: formatMonthLong(addMonths(lastMonth, -1)) }).waitFor();
    expect(await page.locator("form textarea").evaluateAll((boxes) => boxes.every((box) => (box as HTMLTextAreaElement).value === ""))).toBe(true);
    await page.getByRole("button", { name: /^Save the answers/ }).click();
    await page.locator(".govuk-error-summary", { hasText: "Answer at least one question before saving" }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary"))).resolves.toBe(true);
    await page.locator(".govuk-error-summary a").click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("answer-0");
    // No later month than the last finished one.
    await page.getByRole("link", { name: /Next month/ }).click();
    await page.locator("h1", { hasText: formatMonthLong(lastMonth) }).waitFor();
    expect(await page.getByRole("link", { name: /Next month/ }).count()).toBe(0);
  });
});

describe("an administrator's change to the questions", () => {
  it("is saved from the admin pages, saying who changed it", async () => {
    await signInAs("admin@northbrook.example", "demo-admin");
    await page.goto(`${app.url}/admin`);
    await page.getByRole("link", { name: "Prompt sheet questions" }).click();
    await page.locator("h1", { hasText: "Prompt sheet questions" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    const box = page.locator("#questions-locality");
    // A question too long is refused with the reason, beside the box.
    await box.fill(`${newQuestion}\n${"Why ".repeat(80)}?`);
    await page.getByRole("button", { name: "Save the questions for Locality social work" }).click();
    await page.locator("#questions-locality-error", { hasText: "Question 2" }).waitFor();
    // Blank lines are dropped and each question trimmed.
    await box.fill(`${newQuestion}\n\n   ${risky}  \n`);
    await page.getByRole("button", { name: "Save the questions for Locality social work" }).click();
    await page.locator(".govuk-notification-banner--success").waitFor();
    await expect(page.locator("#questions-locality").inputValue()).resolves.toBe(`${newQuestion}\n${risky}`);
    await expect(page.locator('form[aria-labelledby="template-locality"]').textContent()).resolves.toMatch(/Last changed by .+ on \d{1,2} \w+ \d{4}\./);
    await screenshot(page, "admin-prompts");
  });

  it("shows on a month not yet saved, while the saved month keeps what it asked", async () => {
    await signInAs("manager@northbrook.example", "demo-manager");
    const earlier = addMonths(lastMonth, -2);
    await page.goto(`${app.url}/teams/north-locality/prompts?month=${earlier}`);
    const labels = await page.locator("form label").allTextContents();
    expect(labels.slice(-2)).toEqual([newQuestion, risky]);
    await page.goto(`${app.url}/teams/north-locality/prompts?month=${lastMonth}`);
    expect(await page.locator("form label").allTextContents()).not.toContain(newQuestion);
    await expect(page.getByLabel(risky, { exact: true }).inputValue()).resolves.toBe(riskAnswer);
  });
});

describe("a practitioner of the team", () => {
  it("reads the saved answers, with no form to change them", async () => {
    await signInAs("practitioner@northbrook.example", "demo-practitioner");
    await page.goto(`${app.url}/teams/north-locality`);
    await page.getByRole("link", { name: "Interpret this month: the prompt sheet" }).click();
    await page.locator("h1", { hasText: formatMonthLong(lastMonth) }).waitFor();
    expect(await page.locator("textarea").count()).toBe(0);
    await expect(page.locator("#sheet-answers").textContent()).resolves.toContain(riskAnswer);
    await expect(page.locator("#sheet-answers").textContent()).resolves.toContain(overdueAnswer);
    expect(await accessibilityProblems(page)).toEqual([]);
    // Only the refusals this file asked for (an empty sheet, a question too long): nothing else went wrong in the browser.
    expect(consoleErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });
});
