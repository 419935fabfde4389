/*
 * Purpose in a real browser: the team page opens with the team's objectives;
 * a manager adds one judged by a measure, is told what is missing when the
 * objective is left blank, edits and withdraws it, and writes a new version
 * of the ground rules; a practitioner finds their own objectives on My work
 * and reads the team's purpose without forms; the head of service sets the
 * service's. Axe finds no serious or critical problem on any of these pages.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { screenshot, accessibilityProblems, signIn } from "../helpers/browser";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";

let signedIn: SignedInApp;
let app: SignedInApp["app"];
let page: Page;
let consoleErrors: string[];
let managerName: string;

const statement = "Every carer offered an assessment within four weeks of asking";
const edited = "Every carer assessed within four weeks of asking";
const newRule = "Cameras on when we meet online.";

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  ({ app, page, consoleErrors } = signedIn);
  const db = signedIn.database.db;
  managerName = db.select().from(users).where(eq(users.email, "manager@northbrook.example")).get()!.name;
});

afterAll(async () => signedIn?.stop());

async function signInAs(email: string, password: string) {
  await signedIn.browser.clearCookies();
  await signIn(page, app.url, email, password);
}

describe("the manager sets the team's purpose", () => {
  it("finds the team's objectives at the top of the team page, and opens the purpose page from there", async () => {
    await page.goto(`${app.url}/teams/north-locality`);
    const summary = page.locator("section", { has: page.locator("#purpose-heading") });
    await expect(summary.locator("#team-objectives > li").count()).resolves.toBe(2);
    await expect(summary.textContent()).resolves.toContain("Bring the overdue reviews back down");
    // The purpose comes before the month's figures.
    const order = await page.locator("h2").allTextContents();
    expect(order[0]).toBe("Purpose");
    await summary.getByRole("link", { name: /The team's purpose/ }).click();
    await page.locator("h1", { hasText: "North Locality: purpose" }).waitFor();
    await expect(page.locator("#service-objectives > li").count()).resolves.toBe(3);
    await expect(page.locator("#individual-objectives > li").count()).resolves.toBe(2);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("says what is missing when the objective is left blank", async () => {
    await page.getByLabel("Objective", { exact: true }).fill("");
    await page.getByRole("button", { name: "Add the objective" }).click();
    await page.locator(".govuk-error-summary", { hasText: "Enter the objective" }).waitFor();
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toContain("Choose who owns the objective");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("adds a team objective judged by a measure, and sees it open the team page", async () => {
    await page.getByLabel("Objective", { exact: true }).fill(statement);
    await page.getByLabel("Owner").selectOption({ label: managerName });
    await page.getByLabel("Measure (optional)").selectOption({ label: "Completed on time" });
    await page.getByRole("button", { name: "Add the objective" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Objective added." }).waitFor();
    const added = page.locator("#team-objectives > li", { hasText: statement });
    await expect(added.textContent()).resolves.toContain(`Owner: ${managerName}.`);
    await expect(added.getByRole("link", { name: "Completed on time" }).getAttribute("href")).resolves.toMatch(
      /^\/teams\/north-locality\/signals\?series=onTimeRate&asOf=\d{4}-\d\d-\d\d$/,
    );
    await page.goto(`${app.url}/teams/north-locality`);
    const onTeamPage = page.locator("#team-objectives > li", { hasText: statement });
    await expect(onTeamPage.textContent()).resolves.toMatch(/Measured by Completed on time: no target set\./);
    await onTeamPage.getByRole("link", { name: "Completed on time" }).click();
    await page.locator("h1", { hasText: "Completed on time" }).waitFor();
  });

  it("edits the objective, then withdraws it to the record", async () => {
    await page.goto(`${app.url}/teams/north-locality/purpose`);
    await page.getByRole("link", { name: `Edit objective: ${statement}` }).click();
    await page.locator("#edit-heading").waitFor();
    await expect(page.getByLabel("Objective", { exact: true }).inputValue()).resolves.toBe(statement);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel("Objective", { exact: true }).fill(edited);
    await page.getByRole("button", { name: "Save the objective" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Objective saved." }).waitFor();
    await page.locator("#team-objectives > li", { hasText: edited }).waitFor();
    await page.getByRole("button", { name: `Withdraw objective: ${edited}` }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Objective withdrawn" }).waitFor();
    await expect(page.locator("#team-objectives").textContent()).resolves.not.toContain(edited);
    await expect(page.locator("#ended-objectives > li", { hasText: edited }).textContent()).resolves.toMatch(/Withdrawn on \d{1,2} \w+ \d{4}\./);
  });

  it("writes a new version of the ground rules, keeping the earlier ones", async () => {
    await expect(page.locator("#ground-rules-version").textContent()).resolves.toMatch(/^Version 2, written by /);
    const box = page.getByLabel("Change the ground rules");
    await box.fill(`${await box.inputValue()}\n${newRule}\n`);
    await page.getByRole("button", { name: "Save the ground rules" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Ground rules saved" }).waitFor();
    const version = (await page.locator("#ground-rules-version").textContent())!;
    expect(version.startsWith(`Version 3, written by ${managerName} on `)).toBe(true);
    expect(version).toMatch(/ on \d{1,2} \w+ \d{4}\.$/);
    await expect(page.locator("#ground-rules > li").last().textContent()).resolves.toBe(newRule);
    await page.locator("#ground-rules-history summary").click();
    await expect(page.locator("#ground-rules-history h3").allTextContents()).resolves.toEqual(["Version 2", "Version 1"]);
    // The same rules again make no new version.
    await page.getByRole("button", { name: "Save the ground rules" }).click();
    await page.locator(".govuk-error-summary", { hasText: "already in force (version 3)" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "team-purpose");
  });
});

describe("the practitioner's objectives", () => {
  it("are on My work, with their team's in brief", async () => {
    await signInAs("practitioner@northbrook.example", "demo-practitioner");
    await page.goto(`${app.url}/my-work`);
    await page.locator("#my-objectives-heading").waitFor();
    await expect(page.locator("#my-objectives > li").count()).resolves.toBe(2);
    await expect(page.locator("#my-objectives").textContent()).resolves.toContain("Bring my overdue reviews up to date");
    await expect(page.locator("#my-team-objectives > li").count()).resolves.toBe(2);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("and on the team's purpose page, which they read without forms", async () => {
    await page.getByRole("link", { name: "North Locality's purpose and ground rules" }).click();
    await page.locator("h1", { hasText: "North Locality: purpose" }).waitFor();
    await expect(page.locator("#individual-heading").textContent()).resolves.toBe("Your objectives");
    await expect(page.locator("#individual-objectives > li").count()).resolves.toBe(2);
    await expect(page.locator("main form").count()).resolves.toBe(0);
    await expect(page.locator("#ground-rules > li").last().textContent()).resolves.toBe(newRule);
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});

describe("the service's purpose", () => {
  it("is set by the head of service, with a link to each team's", async () => {
    await signInAs("head@northbrook.example", "demo-head");
    await page.goto(`${app.url}/purpose`);
    await page.locator("h1", { hasText: "The service's purpose" }).waitFor();
    await expect(page.locator("#service-objectives > li").count()).resolves.toBe(3);
    await expect(page.locator("#team-purposes li").count()).resolves.toBe(10);
    await expect(page.locator("#add-heading").isVisible()).resolves.toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "service-purpose");
    // The refused forms answer 400, which the browser logs; nothing else may be.
    expect(consoleErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });
});
