/*
 * Following up last month's actions in the meeting, as a keyboard or screen
 * reader user meets it: the list keeps its order while each follow-up is
 * recorded, and focus moves on to the next action still to follow up. And a
 * move to another page puts focus on the new page's heading, not <body>.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, formatMonthLong, monthOf } from "~/dates";
import { accessibilityProblems } from "../helpers/browser";
import { fillDate } from "../helpers/date-boxes";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { runToday } from "../helpers/today";

const today = runToday();
const month = addMonths(monthOf(today), -1);
const monthLabel = formatMonthLong(month);

let signedIn: SignedInApp;
let page: Page;

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  page = signedIn.page;
});
afterAll(async () => signedIn?.stop());

const listOrder = () => page.locator("#follow-ups > li").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action-id")!));
const focused = () => page.evaluate(() => ({ id: document.activeElement?.id ?? "", tag: document.activeElement?.tagName ?? "", text: document.activeElement?.textContent ?? "" }));

describe("following up actions in the meeting", () => {
  it("moves focus to the new page's heading after a move by link or form", async () => {
    await page.goto(`${signedIn.app.url}/teams/north-locality/cycle/${month}`);
    await page.locator("h1", { hasText: `the ${monthLabel} cycle` }).waitFor();
    await page.getByRole("link", { name: "The team's action log" }).click();
    await page.locator("h1", { hasText: "North Locality: actions" }).waitFor();
    await expect.poll(focused).toMatchObject({ tag: "H1", text: "North Locality: actions" });
    await page.goBack();
    await page.locator("h1", { hasText: `the ${monthLabel} cycle` }).waitFor();
    await expect.poll(focused).toMatchObject({ tag: "H1", text: expect.stringContaining(`the ${monthLabel} cycle`) });
    await fillDate(page, "heldOn", today);
    await page.getByRole("button", { name: "Set up the meeting" }).click();
    await page.locator("h1", { hasText: `The team meeting for ${monthLabel}` }).waitFor();
    await expect.poll(focused).toMatchObject({ tag: "H1", text: `The team meeting for ${monthLabel}` });
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("keeps the list in its order and moves focus to the next action still to follow up", async () => {
    const order = await listOrder();
    expect(order.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = order as [string, string, string];

    await page.locator(`#outcome-${first}-done`).check();
    await page.locator(`#follow-up-${first}`).getByRole("button", { name: "Record the follow-up" }).click();
    await page.locator(`#follow-up-${first} [data-follow-up="done"]`).waitFor();
    expect(await listOrder()).toEqual(order);
    await expect.poll(focused).toMatchObject({ id: `outcome-${second}-done` });

    // Carried forward to a new date: its deadline changes, its place does not.
    await page.locator(`#outcome-${second}-carried_forward`).check();
    await fillDate(page, `newDeadline-${second}`, addDays(today, 14));
    await page.locator(`#reason-${second}`).fill("Waiting for brokerage to agree the list");
    await page.locator(`#follow-up-${second}`).getByRole("button", { name: "Record the follow-up" }).click();
    await page.locator(`#follow-up-${second} [data-follow-up="carried_forward"]`).waitFor();
    expect(await listOrder()).toEqual(order);
    await expect.poll(focused).toMatchObject({ id: `outcome-${third}-done` });

    // Correcting the first: focus goes on to the first action still waiting, the third.
    await page.locator(`#outcome-${first}-no_longer_needed`).check();
    await page.locator(`#reason-${first}`).fill("Covered by the new rota");
    await page.locator(`#follow-up-${first}`).getByRole("button", { name: "Record the follow-up" }).click();
    await page.locator(`#follow-up-${first} [data-follow-up="no_longer_needed"]`).waitFor();
    expect(await listOrder()).toEqual(order);
    await expect.poll(focused).toMatchObject({ id: `outcome-${third}-done` });
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
