/*
 * Every worker an owner, in a real browser (issue 20, item 2): on the team's
 * log a manager gives an action to someone in the team who had no Primed
 * account, typing their council email in the box that shows for them; the
 * owner list is the meeting's attendance list; and the new owner signs in and
 * updates the action.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, users } from "../../db/schema";
import { addDays, addMonths, monthOf } from "~/dates";
import { ownerChoices } from "~/actions/choices.server";
import { findTeamBySlug } from "~/teams/teams.server";
import { accessibilityProblems, screenshot } from "../helpers/browser";
import { fillDate } from "../helpers/date-boxes";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { runToday } from "../helpers/today";

let signedIn: SignedInApp;
let page: Page;
const today = runToday();
const title = "Visit the three carers waiting longest";
const email = "new.owner@northbrook.example";
/** A North Locality worker with no account when the test starts. */
let newOwner: { workerId: number; name: string };

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  page = signedIn.page;
  const db = signedIn.database.db;
  const choice = ownerChoices(db, findTeamBySlug(db, "north-locality")!.id).find((c) => c.userId === null)!;
  newOwner = { workerId: choice.workerId!, name: choice.name };
});
afterAll(async () => {
  await signedIn?.stop();
});

describe("a manager gives an action to someone with no account", () => {
  it("offers the whole team, as the meeting's attendance list shows it, and the email box only for someone with no account", async () => {
    await page.goto(`${signedIn.app.url}/teams/north-locality/actions`);
    await page.locator("h1", { hasText: "North Locality: actions" }).waitFor();
    const owners = await page.locator("#owner option").allTextContents();
    expect(owners).toContain(`${newOwner.name} (no Primed account yet)`);
    expect(owners.filter((o) => o.endsWith("(no Primed account yet)")).length).toBeGreaterThan(5);
    const email = page.getByLabel("Their council email address");
    await expect(email.isVisible()).resolves.toBe(false);
    await page.getByLabel("Owner").selectOption({ label: `${newOwner.name} (no Primed account yet)` });
    await expect(email.isVisible()).resolves.toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("asks for the email when it is missing, keeping what was chosen", async () => {
    await page.getByLabel("What is to be done").fill(title);
    await fillDate(page, "deadline", addDays(today, 14));
    await page.getByRole("button", { name: "Add the action" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    const message = `Enter ${newOwner.name}'s council email address: they have no Primed account yet, and will sign in with it`;
    await expect(summary.locator("li").allTextContents()).resolves.toEqual([message]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary"))).toBe(true);
    await expect(page.getByLabel("Owner").inputValue()).resolves.toBe(`worker:${newOwner.workerId}`);
    await summary.getByRole("link", { name: message }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("ownerEmail");
    // The messages stay while the person puts things right.
    await expect(page.locator("#ownerEmail-error").textContent()).resolves.toBe(`Error: ${message}`);
    await expect(summary.isVisible()).resolves.toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "action-owner-email");
  });

  it("adds the action and makes their account with the email given", async () => {
    await page.getByLabel("Their council email address").fill(email);
    await page.getByRole("button", { name: "Add the action" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Primed made an account for its owner" }).waitFor();
    const db = signedIn.database.db;
    const account = db.select().from(users).where(eq(users.email, email)).get()!;
    expect(account).toMatchObject({ name: newOwner.name, role: "practitioner", workerId: newOwner.workerId });
    expect(db.select().from(actions).where(eq(actions.title, title)).get()!.ownerUserId).toBe(account.id);
    await expect(page.locator("#owner option").allTextContents()).resolves.toContain(newOwner.name);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("offers the same people on the meeting's page, attendance list first", async () => {
    const month = addMonths(monthOf(today), -1);
    await page.goto(`${signedIn.app.url}/teams/north-locality/cycle/${month}`);
    await fillDate(page, "heldOn", today);
    await page.getByRole("button", { name: "Set up the meeting" }).click();
    await page.locator("h1", { hasText: "The team meeting for" }).waitFor();
    const attendance = await page.locator('label[for^="attendee-"]').allTextContents();
    const owners = (await page.locator("#new-owner option").allTextContents()).slice(1).map((o) => o.replace(" (no Primed account yet)", ""));
    expect(attendance.length).toBeGreaterThan(10);
    expect(owners.slice(0, attendance.length)).toEqual(attendance.map((a) => a.trim()));
    expect(owners).toContain(newOwner.name);
  });
});
