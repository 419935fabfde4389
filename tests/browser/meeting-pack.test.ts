/*
 * The meeting pack in a real browser: the manager opens the month's draft
 * from the cycle page, issues it, downloads the PDF the server makes (A4
 * pages, each saying team, month, data as of and "Page N of M"), prints it
 * without the site's navigation, and issues it again only once they confirm
 * replacing what people saw. A practitioner and the head of service read the
 * issued pack; without Chromium the PDF link says so and points to Print.
 */
import fs from "node:fs";
import type { SignedInUser } from "~/people/users.server";
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamCycles, teams, users } from "../../db/schema";
import { followUpForm } from "~/actions/action-forms";
import { addDays, addMonths, formatDate, formatMonthLong, monthOf } from "~/dates";
import { meetingForm } from "~/meetings/meeting-forms";
import { actionsToFollowUp, followUpAction, saveMeeting, setUpMeeting, teamMembers } from "~/meetings/meetings.server";
import { loadSignedInUser } from "~/people/users.server";
import { startApp } from "../helpers/app-server";
import { screenshot, accessibilityProblems, signIn } from "../helpers/browser";
import { pdfPages } from "../helpers/pdf";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { runToday } from "../helpers/today";

let signedIn: SignedInApp;
let app: SignedInApp["app"];
let page: Page;
let consoleErrors: string[];
let errorsBefore = 0;
const lastMonth = addMonths(monthOf(runToday()), -1);
const monthLabel = formatMonthLong(lastMonth);
/** The pack's figures are as of the day after the month. */
const asOfLabel = formatDate(`${addMonths(lastMonth, 1)}-01`);
const packPath = `/teams/north-locality/cycle/${lastMonth}/pack`;

/** Who sent apologies, and the outcome the minutes give the carried-forward action. */
let apologies: string;
const carriedText = `Carried forward to ${formatDate(addDays(runToday(), 14))}: Waiting for brokerage`;

/** Last month's meeting, recorded as the manager would: two present, one apology, a guest, two actions followed up. */
function recordTheMeeting() {
  const { db } = signedIn.database;
  const today = runToday();
  const manager = loadSignedInUser(db, db.select().from(users).where(eq(users.email, "manager@northbrook.example")).get()!.id)! as SignedInUser;
  const north = db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
  const setUp = setUpMeeting(db, manager, north, lastMonth, today, today);
  if (!setUp.ok) throw new Error(JSON.stringify(setUp.errors));
  const [a, b, c] = teamMembers(db, north.id);
  apologies = c!.name;
  const values = meetingForm.parse({
    heldOn: today,
    chair: manager.name,
    attendee: [String(a!.id), String(b!.id)],
    apology: [String(c!.id)],
    guests: "Priya Shah, reablement lead",
    note: setUp.meeting.agenda.map(() => ""),
    held: "on",
  });
  expect(saveMeeting(db, manager, setUp.meeting, values, today)).toEqual({ ok: true });
  const [done, carried] = actionsToFollowUp(db, setUp.meeting, today);
  followUpAction(db, manager, setUp.meeting, followUpForm.parse({ action: String(done!.action.id), outcome: "done" }), today);
  followUpAction(
    db,
    manager,
    setUp.meeting,
    followUpForm.parse({ action: String(carried!.action.id), outcome: "carried_forward", newDeadline: addDays(today, 14), reason: "Waiting for brokerage" }),
    today,
  );
}

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  ({ app, page, consoleErrors } = signedIn);
  recordTheMeeting();
});

afterAll(async () => signedIn?.stop());

async function signInAs(email: string, password: string) {
  await signedIn.browser.clearCookies();
  await signIn(page, app.url, email, password);
}

const issuedRow = () => {
  const north = signedIn.database.db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
  return signedIn.database.db
    .select()
    .from(teamCycles)
    .where(and(eq(teamCycles.teamId, north.id), eq(teamCycles.month, lastMonth)))
    .get();
};

describe("the manager's meeting pack", () => {
  it("opens as a draft from the month's cycle page", async () => {
    await page.goto(`${app.url}/teams/north-locality/cycle/${lastMonth}`);
    await expect(page.getByRole("link", { name: "Prepare the pack" }).getAttribute("href")).resolves.toBe(packPath);
    await page.goto(`${app.url}${packPath}`);
    await page.locator("h1", { hasText: `North Locality: meeting pack for ${monthLabel}` }).waitFor();
    // From here on only the pack's pages: what the cycle page logs is its own tests' business.
    errorsBefore = consoleErrors.length;
    await expect(page.locator("#pack-draft").textContent()).resolves.toContain("Draft: not issued");
    // The sections in the meeting's order.
    expect(await page.locator(".app-pack > section > h2").allTextContents()).toEqual([
      "1. Purpose and targets",
      `2. The reports for ${monthLabel}`,
      "3. The prompt sheet",
      "4. Actions due and overdue",
      "5. The meeting: minutes",
    ]);
    // The minutes: attendance, and what became of each action followed up.
    await expect(page.locator("#minutes-attendance").textContent()).resolves.toContain(`Apologies${apologies}`);
    await expect(page.locator("#minutes-attendance").textContent()).resolves.toContain("Priya Shah, reablement lead");
    await expect(page.locator("#minutes-follow-ups [data-outcome=carried_forward]").textContent()).resolves.toContain(carriedText);
    await expect(page.locator("#minutes-follow-ups [data-outcome=done]").count()).resolves.toBe(1);
    // Every chart is drawn on the server, with its figures in a table beside it: three for the work, one for care and cost.
    expect(await page.locator("svg.app-pack-chart").count()).toBe(4);
    await expect(page.locator("#pack-care-table tbody tr").count()).resolves.toBe(12);
    await expect(page.locator("#pack-workload-table tbody tr").count()).resolves.toBe(15);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("issues the pack, which then says who issued it and links to the live report", async () => {
    expect(issuedRow()?.packIssuedAt ?? null).toBeNull();
    await page.getByRole("button", { name: "Issue the pack" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "is issued" }).waitFor();
    await expect(page.locator("#pack-issued").textContent()).resolves.toMatch(/^Issued by .+ on \d{1,2} \w+ \d{4} at \d\d:\d\d\./);
    await expect(page.getByRole("link", { name: "the live report" }).getAttribute("href")).resolves.toBe(`/teams/north-locality?from=${addMonths(lastMonth, -11)}&to=${lastMonth}`);
    expect(await page.locator("#pack-draft").count()).toBe(0);
    const row = issuedRow()!;
    expect(row.packIssuedAt).not.toBeNull();
    expect(JSON.parse(row.packSnapshot!).month).toBe(lastMonth);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "meeting-pack");
  });

  it("downloads the issued pack as an A4 PDF, every page saying team, month, data as of and its number", async () => {
    const started = performance.now();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Download PDF/ }).click()]);
    const file = await download.path();
    const seconds = (performance.now() - started) / 1000;
    expect(download.suggestedFilename()).toBe(`meeting-pack-north-locality-${lastMonth}.pdf`);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    const pages = await pdfPages(fs.readFileSync(file));
    // Kept beside the screenshots, to look at.
    fs.mkdirSync("test-results", { recursive: true });
    fs.copyFileSync(file, "test-results/meeting-pack.pdf");
    console.log(`Meeting pack PDF: ${pages.length} pages, ${Math.round(fs.statSync(file).size / 1024)} KB, ${seconds.toFixed(1)} s`);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, index) => {
      // A4 is 210 by 297 mm: 595.3 by 841.9 points (Chromium rounds to its own pixels, within a point).
      expect(Math.abs(p.width - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(p.height - 841.9)).toBeLessThan(1.5);
      expect(p.text).toContain(`North Locality: meeting pack for ${monthLabel}. Data as of ${asOfLabel}.`);
      expect(p.text).toContain(`Page ${index + 1} of ${pages.length}`);
    });
    expect(pages[0]!.text).toContain("Page 1 of");
    const text = pages.map((p) => p.text).join(" ");
    expect(text).not.toContain("Draft: not issued");
    // The minutes are in the PDF too.
    for (const words of ["5. The meeting: minutes", "Apologies", apologies, "Priya Shah, reablement lead", carriedText]) expect(text).toContain(words);
  });

  it("prints without the site's navigation, the buttons or the issue form", async () => {
    await page.emulateMedia({ media: "print" });
    for (const selector of [".app-header__nav", ".govuk-breadcrumbs", ".app-report-actions", ".app-pack__issue", ".govuk-footer"]) {
      expect(await page.locator(selector).isVisible(), selector).toBe(false);
    }
    await expect(page.locator(".app-pack__running-head").textContent()).resolves.toBe(`North Locality: meeting pack for ${monthLabel}. Data as of ${asOfLabel}.`);
    expect(await page.locator(".app-pack__running-head").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator(".app-pack__running-head").isVisible()).toBe(false);
  });

  it("issues the pack again only once the manager confirms it replaces the one people saw", async () => {
    const first = issuedRow()!.packIssuedAt;
    await page.getByRole("button", { name: "Issue the pack again" }).click();
    await page.locator(".govuk-error-summary", { hasText: "Confirm that the new pack replaces the one issued on" }).waitFor();
    expect(issuedRow()!.packIssuedAt).toBe(first);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel(/^Replace the pack issued on/).check();
    await page.getByRole("button", { name: "Issue the pack again" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "is issued" }).waitFor();
    expect(issuedRow()!.packIssuedAt).not.toBe(first);
  });
});

describe("the team and the head of service", () => {
  it("shows a practitioner the issued pack, with nothing to issue", async () => {
    await signInAs("practitioner@northbrook.example", "demo-practitioner");
    await page.goto(`${app.url}${packPath}`);
    await page.locator("#pack-issued").waitFor();
    expect(await page.getByRole("button", { name: /Issue the pack/ }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /^Download PDF/ }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("shows the head of service any team's pack, a draft until it is issued", async () => {
    await signInAs("head@northbrook.example", "demo-head");
    await page.goto(`${app.url}/teams/south-locality/cycle/${lastMonth}/pack`);
    await page.locator("#pack-draft").waitFor();
    expect(await page.getByRole("button", { name: "Issue the pack" }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    // Only the refusal this file asked for (issuing again unconfirmed): nothing else went wrong in the browser.
    expect(consoleErrors.slice(errorsBefore).filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });
});

describe("a server without Chromium", () => {
  it("answers the PDF link with a page that says so and points to Print", async () => {
    const bare = await startApp({ PRIMED_CHROMIUM: "/no/such/chromium" });
    try {
      const signedInResponse = await fetch(`${bare.url}/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: bare.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "manager@northbrook.example", password: "demo-manager" }),
      });
      const cookie = signedInResponse.headers.get("set-cookie")!.split(";")[0]!;
      const response = await fetch(`${bare.url}${packPath}.pdf`, { headers: { Cookie: cookie } });
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const body = await response.text();
      expect(body).toContain("Chromium is not installed at /no/such/chromium");
      expect(body).toContain("press Print");
    } finally {
      await bare.stop();
    }
  });
});
