/*
 * A whole month's cycle in a real browser, as a team manager runs it: open
 * the month, confirm the purpose, answer the prompts, set up and run the
 * meeting (following up last month's actions first), add two actions, issue
 * the pack and check its PDF. Then the owner of one action completes it, and,
 * with the clock set a month on, the head of service finds the other
 * escalated on the action tracker. Axe checks every page on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { addDays, addMonths, formatMonthLong, monthOf } from "~/dates";
import { startApp, type RunningApp } from "../helpers/app-server";
import { launchBrowser, accessibilityProblems, signIn } from "../helpers/browser";
import { pdfPages } from "../helpers/pdf";
import { fillDate } from "../helpers/date-boxes";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { runToday } from "../helpers/today";

const today = runToday();
const month = addMonths(monthOf(today), -1);
const monthLabel = formatMonthLong(month);
const soon = addDays(today, 7);
const shortly = addDays(today, 3);
const completeMe = "Ring the three longest-waiting people and record a risk check";
const escalateMe = "Agree cover for the two vacant posts with the head of service";

let signedIn: SignedInApp;
let page: Page;
const pagesChecked: string[] = [];

async function accessible(p: Page) {
  pagesChecked.push(new URL(p.url()).pathname);
  expect(await accessibilityProblems(p)).toEqual([]);
}

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  page = signedIn.page;
});
afterAll(async () => signedIn?.stop());

describe("a team manager runs the month's cycle", () => {
  it("opens the month from Cycles, with every stage still to do", async () => {
    await page.goto(`${signedIn.app.url}/cycles`);
    await accessible(page);
    await page.getByRole("link", { name: new RegExp(`^North Locality\\W+${monthLabel}$`) }).click();
    await page.locator("h1", { hasText: `North Locality: the ${monthLabel} cycle` }).waitFor();
    await expect(page.locator("#communication-heading [data-status]").getAttribute("data-status")).resolves.toBe("not_started");
    await accessible(page);
  });

  it("confirms the purpose and answers the prompt sheet", async () => {
    await page.getByRole("button", { name: "Confirm the purpose" }).click();
    await page.locator("#purpose-confirmed").waitFor();
    await expect(page.locator("#purpose-heading [data-status]").getAttribute("data-status")).resolves.toBe("done");
    await page.getByRole("link", { name: "Open the prompt sheet" }).click();
    await page.locator("h1", { hasText: `the prompt sheet for ${monthLabel}` }).waitFor();
    await page.locator("textarea").first().fill("Overdue reviews rose again: two vacancies. We clear the oldest first.");
    await page.getByRole("button", { name: `Save the answers for ${monthLabel}` }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Saved: the answers" }).waitFor();
  });

  it("sets up the meeting, with the terms of reference's agenda after the follow-up", async () => {
    await page.goto(`${signedIn.app.url}/teams/north-locality/cycle/${month}`);
    await expect(page.locator("#interpretation-heading [data-status]").getAttribute("data-status")).resolves.toBe("done");
    await fillDate(page, "heldOn", today);
    await page.getByRole("button", { name: "Set up the meeting" }).click();
    await page.locator("h1", { hasText: `The team meeting for ${monthLabel}` }).waitFor();
    await expect(page.locator("#follow-up-heading").textContent()).resolves.toBe("1. Follow-up of the actions open from previous meetings");
    await expect(page.locator("label[for=note-0]").textContent()).resolves.toMatch(/^2\. /);
    await accessible(page);
  });

  it("follows up every action open from last month: done, carried forward, or closed", async () => {
    // By id: the list keeps its order, but the rows are found by what they are.
    const ids = await page.locator("#follow-ups > li").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action-id")!));
    const count = ids.length;
    expect(count).toBeGreaterThanOrEqual(3);
    for (const [i, id] of ids.entries()) {
      const row = page.locator(`#follow-ups > li[data-action-id="${id}"]`);
      if (i === 0) {
        await row.locator(`#outcome-${id}-done`).check();
      } else if (i === 1) {
        // A carried-forward action without a date or reason is refused, with the message by the field.
        await row.locator(`#outcome-${id}-carried_forward`).check();
        await row.getByRole("button", { name: "Record the follow-up" }).click();
        await page.locator(".govuk-error-summary", { hasText: "Enter the new deadline" }).waitFor();
        const again = page.locator(`#follow-ups > li[data-action-id="${id}"]`);
        await again.locator(`#outcome-${id}-carried_forward`).check();
        await fillDate(again, `newDeadline-${id}`, soon);
        await again.locator(`#reason-${id}`).fill("Waiting for brokerage to agree the list");
        await again.getByRole("button", { name: "Record the follow-up" }).click();
        await page.locator(`#follow-ups > li[data-action-id="${id}"] [data-follow-up="carried_forward"]`).waitFor();
        continue;
      } else {
        await row.locator(`#outcome-${id}-no_longer_needed`).check();
        await row.locator(`#reason-${id}`).fill("Covered by the new allocation rota");
      }
      await row.getByRole("button", { name: "Record the follow-up" }).click();
      await page.locator(`#follow-ups > li[data-action-id="${id}"] [data-follow-up]`).waitFor();
    }
    await expect(page.locator("#follow-ups [data-follow-up]").count()).resolves.toBe(count);
  });

  it("adds two actions in a few keystrokes", async () => {
    for (const [title, owner, deadline] of [
      [completeMe, /./, soon],
      [escalateMe, null, shortly],
    ] as const) {
      await page.fill("#new-title", title);
      const options = await page.locator("#new-owner option").allTextContents();
      // The first one goes to the practitioner who signs in below; the second to the manager.
      const nameOf = (email: string) => String(signedIn.database.sqlite.prepare("select name from users where email = ?").pluck().get(email));
      const [practitionerName, managerName] = [nameOf("practitioner@northbrook.example"), nameOf("manager@northbrook.example")];
      expect(options).toContain(practitionerName);
      await page.selectOption("#new-owner", { label: owner ? practitionerName : managerName });
      await fillDate(page, "new-deadline", deadline);
      await page.getByRole("button", { name: "Add the action" }).click();
      await page.locator("#agreed-actions a", { hasText: title }).waitFor();
    }
  });

  it("writes the key messages, marks the meeting held, and every stage but data is done", async () => {
    await page.fill("#keyMessages", "Overdue reviews are a real rise. We clear the oldest first; the figure should fall next month.");
    await page.check("#held");
    await page.getByRole("button", { name: "Save the record" }).click();
    // The banner of the action just added is still up: wait for this save's own words.
    await page.locator(".govuk-notification-banner--success", { hasText: "The record of the meeting is saved." }).waitFor();
    await page.goto(`${signedIn.app.url}/teams/north-locality/cycle/${month}`);
    for (const stage of ["purpose", "interpretation", "communication", "action"]) {
      await expect(page.locator(`#${stage}-heading [data-status]`).getAttribute("data-status")).resolves.toBe("done");
    }
  });

  it("issues the pack, whose PDF is A4 pages that each say the team, month and page", async () => {
    await page.getByRole("link", { name: "Prepare the pack" }).click();
    await page.getByRole("button", { name: "Issue the pack" }).click();
    await page.locator(".govuk-notification-banner--success").waitFor();
    await accessible(page);
    const href = await page.getByRole("link", { name: /Download PDF/ }).getAttribute("href");
    const response = await page.request.get(`${signedIn.app.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const pages = await pdfPages(await response.body());
    expect(pages.length).toBeGreaterThan(1);
    for (const [index, p] of pages.entries()) {
      expect(Math.round(p.width)).toBe(596);
      expect(p.text).toContain("North Locality");
      expect(p.text).toContain(monthLabel);
      expect(p.text).toContain(`Page ${index + 1} of ${pages.length}`);
    }
    expect(pages.map((p) => p.text).join(" ")).toContain(escalateMe);
    await page.goto(`${signedIn.app.url}/teams/north-locality/cycle/${month}`);
    await expect(page.locator("#data-heading [data-status]").getAttribute("data-status")).resolves.toBe("done");
  });
});

describe("after the meeting", () => {
  it("the owner finds the action on My work and completes it", async () => {
    await signedIn.browser.clearCookies();
    await signIn(page, signedIn.app.url, "practitioner@northbrook.example", "demo-practitioner");
    await page.goto(`${signedIn.app.url}/my-work`);
    await accessible(page);
    await page.locator("#my-actions a", { hasText: completeMe }).click();
    await page.locator("h1", { hasText: completeMe }).waitFor();
    await accessible(page);
    // The owner may move it on, not edit or escalate it.
    await expect(page.locator("#edit-heading").count()).resolves.toBe(0);
    await expect(page.locator("#escalate-heading").count()).resolves.toBe(0);
    await page.selectOption("#status", "done");
    await page.fill("#comment", "All three rung; one needs a visit this week.");
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.locator("#action-history li", { hasText: "All three rung" }).waitFor();
    await expect(page.locator("#action-summary").textContent()).resolves.toContain("Done");
  });

  it("a month on, the head of service finds the other escalated on the tracker", async () => {
    let later: RunningApp | undefined;
    const browser = await launchBrowser();
    try {
      later = await startApp({ PRIMED_TODAY: addDays(today, 30) }, { databasePath: signedIn.app.databasePath });
      const head = await browser.newPage();
      await signIn(head, later.url, "head@northbrook.example", "demo-head");
      // A head of service's My work is the actions they own.
      await head.goto(`${later.url}/my-work`);
      await head.locator("#my-actions-heading", { hasText: "Actions I own" }).waitFor();
      await accessible(head);
      await head.goto(`${later.url}/actions?team=north-locality&show=escalated`);
      const row = head.locator("#tracker-actions tr", { hasText: escalateMe });
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(/Overdue by 27 days.*Escalated/);
      await expect(head.locator("#tracker-actions").textContent()).resolves.not.toContain(completeMe);
      await accessible(head);
      await head.locator("#tracker-actions a", { hasText: escalateMe }).click();
      await head.locator("#action-summary", { hasText: "Primed, automatically" }).waitFor();
      await accessible(head);
    } finally {
      await browser.cleanup();
      await later?.stop();
    }
    expect(pagesChecked.length).toBeGreaterThanOrEqual(7);
  });
});
