/*
 * Meeting terms of reference in a real browser: an administrator finds them
 * from the administration page, is told when a standing item repeats the
 * follow-up of actions every meeting starts with, and saves new standing items
 * for safeguarding teams. Axe finds nothing serious on the list, the form, or
 * the form with its errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { FOLLOW_UP_ITEM } from "~/meetings/meeting-forms";
import { defaultTermsOfReference } from "~/meetings/terms-of-reference";
import { termsOfReferenceFor } from "~/meetings/terms-of-reference.server";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { screenshot, accessibilityProblems } from "../helpers/browser";

let signedIn: SignedInApp;
let app: SignedInApp["app"];
let page: Page;
let consoleErrors: string[];

const newItems = ["The month's figures: concerns and enquiries", "Open enquiries carrying the most risk", "Learning from Safeguarding Adults Reviews"];

beforeAll(async () => {
  signedIn = await signedInApp("admin@northbrook.example", "demo-admin");
  ({ app, page, consoleErrors } = signedIn);
});

afterAll(async () => signedIn?.stop());

const card = (id: string) => page.locator(`#terms-${id}`);

describe("an administrator's meeting terms of reference", () => {
  it("lists every team type's terms from the administration page, each agenda starting with the follow-up of actions", async () => {
    await page.goto(`${app.url}/admin`);
    await page.getByRole("link", { name: "Meeting terms of reference" }).click();
    await page.locator("h1", { hasText: "Meeting terms of reference" }).waitFor();
    await expect(page.locator(".govuk-summary-card").count()).resolves.toBe(8);
    const agenda = await card("safeguarding").locator("ol li").allTextContents();
    expect(agenda).toEqual([`${FOLLOW_UP_ITEM} (always first)`, ...defaultTermsOfReference.safeguarding.standingItems]);
    await expect(card("safeguarding").textContent()).resolves.toContain("Primed's own terms of reference: not changed yet.");
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("refuses the follow-up of actions as a standing item, on the field, keeping what was typed", async () => {
    await page.getByRole("link", { name: "Change the terms of reference for Safeguarding" }).click();
    await page.locator("h1", { hasText: "Safeguarding" }).waitFor();
    await expect(page.getByLabel("Who chairs").inputValue()).resolves.toBe(defaultTermsOfReference.safeguarding.chair);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel("Standing items").fill(["Follow-up of actions open from previous meetings", ...newItems].join("\n"));
    await page.getByRole("button", { name: "Save the terms of reference for Safeguarding" }).click();
    await page.locator(".govuk-error-summary", { hasText: "is not needed: every meeting starts with" }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary"))).resolves.toBe(true);
    await expect(page.locator("#standingItems-error").textContent()).resolves.toMatch(/Item 1 .* is not needed/);
    await expect(page.getByLabel("Standing items").inputValue()).resolves.toMatch(/^Follow-up of actions open/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-meetings-error");
  });

  it("saves the new standing items, and shows who changed them", async () => {
    await page.getByLabel("Standing items").fill(newItems.join("\n"));
    await page.getByRole("button", { name: "Save the terms of reference for Safeguarding" }).click();
    await page.locator(".govuk-notification-banner--success").waitFor();
    await expect(card("safeguarding").locator("ol li").allTextContents()).resolves.toEqual([`${FOLLOW_UP_ITEM} (always first)`, ...newItems]);
    await expect(card("safeguarding").textContent()).resolves.toMatch(/Last changed by .+ on \d{1,2} \w+ \d{4}\./);
    await expect(card("locality").textContent()).resolves.toContain("not changed yet");
    expect(termsOfReferenceFor(signedIn.database.db, "safeguarding")).toMatchObject({ standingItems: newItems, isDefault: false });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-meetings");
  });

  it("logged no errors in the browser but the refused save's 400", () => {
    expect(consoleErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });
});
