/*
 * The action log in a real browser: a manager adds an action on the team's
 * log with three fields; its owner finds it on My work, marks it done with a
 * comment and sees that in the history; the head of service reads the
 * tracker, filters it to a team and downloads the same list as CSV. Then the
 * clock moves on: a second app on the same database, its clock set forward,
 * escalates the open actions overdue too long when it starts, and the head of
 * service sees them escalated by Primed.
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, teams, users } from "../../db/schema";
import { createAction } from "~/actions/commands.server";
import { addDays, addMonths, daysBetween, formatDate, monthOf } from "~/dates";
import { loadSignedInUser } from "~/people/users.server";
import { startApp, type RunningApp } from "../helpers/app-server";
import { screenshot, accessibilityProblems, signIn } from "../helpers/browser";
import { fillDate } from "../helpers/date-boxes";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { runToday } from "../helpers/today";

let signedIn: SignedInApp;
let app: SignedInApp["app"];
let page: Page;
let consoleErrors: string[];
/** The second app, its clock set forward, on the first one's database. */
let later: RunningApp | undefined;

const today = runToday();
const title = "Share out Sam's overdue reviews";
const comment = "All six shared out at the Tuesday huddle.";
/** Made in the app's database before the test: the manager's own action, and one of South Locality's. */
const managersTitle = "Agree cover for the duty rota";
const southTitle = "Chase the hospital discharge letters";
let practitionerName: string;
let managerName: string;
let headName: string;

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  ({ app, page, consoleErrors } = signedIn);
  const db = signedIn.database.db;
  const user = (email: string) => loadSignedInUser(db, db.select().from(users).where(eq(users.email, email)).get()!.id)!;
  const [manager, practitioner, head] = [user("manager@northbrook.example"), user("practitioner@northbrook.example"), user("head@northbrook.example")];
  [practitionerName, managerName, headName] = [practitioner.name, manager.name, head.name];
  const teamId = (slug: string) => db.select().from(teams).where(eq(teams.slug, slug)).get()!.id;
  const add = (slug: string, author: typeof manager, actionTitle: string, owner: number, days: number) => {
    const result = createAction(
      db,
      author,
      { teamId: teamId(slug), month: addMonths(monthOf(today), -1) },
      { title: actionTitle, detail: "", owner, deadline: addDays(today, days), objective: undefined, measure: undefined },
      today,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  };
  add("north-locality", manager, managersTitle, manager.id, 3);
  add("south-locality", head, southTitle, head.id, 5);
});

afterAll(async () => {
  await later?.stop();
  await signedIn?.stop();
});

async function signInAs(email: string, password: string, url = app.url) {
  await signedIn.browser.clearCookies();
  await signIn(page, url, email, password);
}

/** A table's rows as the cells' text, header cells included. */
async function tableRows(selector: string): Promise<string[][]> {
  return page.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim())));
}

/** The cells of the row of a table whose first cell is `name`, or undefined. */
async function rowOf(selector: string, name: string): Promise<string[] | undefined> {
  return (await tableRows(selector)).find((row) => row[0] === name);
}

/**
 * Each team's row of the tracker, counted by hand from the app's database:
 * open, overdue, escalated, done, completion rate, average days overdue.
 */
function handCount(asOf: string): Map<string, string[]> {
  const db = signedIn.database.db;
  const counted = new Map<string, string[]>();
  for (const team of db.select().from(teams).all()) {
    const mine = db.select().from(actions).where(eq(actions.teamId, team.id)).all();
    const open = mine.filter((a) => a.status === "open" || a.status === "in_progress");
    const overdue = open.filter((a) => a.deadline < asOf);
    const done = mine.filter((a) => a.status === "done").length;
    const late = overdue.reduce((sum, a) => sum + daysBetween(a.deadline, asOf), 0);
    counted.set(team.name, [
      team.name,
      String(open.length),
      String(overdue.length),
      String(open.filter((a) => a.escalatedAt !== null).length),
      String(done),
      done + overdue.length === 0 ? "–" : `${Math.round((100 * done) / (done + overdue.length))}%`,
      overdue.length === 0 ? "–" : (late / overdue.length).toFixed(1),
    ]);
  }
  return counted;
}

describe("the manager's team log", () => {
  let openBefore: number;

  it("says what is missing when the form is sent empty", async () => {
    await page.goto(`${app.url}/teams/north-locality/actions`);
    await page.locator("h1", { hasText: "North Locality: actions" }).waitFor();
    openBefore = Number(await page.locator('ul[aria-label="The team\'s actions"] li').first().locator(".app-figure__value").textContent());
    await page.getByRole("button", { name: "Add the action" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    await expect(summary.locator("li").allTextContents()).resolves.toEqual(["Enter what is to be done", "Choose who owns the action", "Enter a deadline"]);
  });

  it("names the part of a deadline that is wrong, keeps what was typed, and its link goes to the day box", async () => {
    await page.goto(`${app.url}/teams/north-locality/actions`);
    await page.locator("h1", { hasText: "North Locality: actions" }).waitFor();
    await page.getByLabel("What is to be done").fill(title);
    await page.getByLabel("Owner").selectOption({ label: practitionerName });
    await page.locator("#deadline").fill("31");
    await page.locator("#deadline-month").fill("2");
    await page.locator("#deadline-year").fill("2027");
    await page.getByRole("button", { name: "Add the action" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    await expect(summary.locator("li").allTextContents()).resolves.toEqual(["Deadline must be a real date"]);
    await expect(page.locator("#deadline-error").textContent()).resolves.toBe("Error: Deadline must be a real date");
    await expect(Promise.all(["#deadline", "#deadline-month", "#deadline-year"].map((box) => page.locator(box).inputValue()))).resolves.toEqual(["31", "2", "2027"]);
    await summary.getByRole("link", { name: "Deadline must be a real date" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("deadline");
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await rowOf("#team-actions", title)).toBeUndefined();
  });

  it("adds an action with a title, an owner and a deadline, and lists it", async () => {
    await page.goto(`${app.url}/teams/north-locality/actions`);
    await page.locator("h1", { hasText: "North Locality: actions" }).waitFor();
    expect(await rowOf("#team-actions", title)).toBeUndefined();
    await page.getByLabel("What is to be done").fill(title);
    await page.getByLabel("Owner").selectOption({ label: practitionerName });
    await fillDate(page, "deadline", addDays(today, 10));
    await page.getByRole("button", { name: "Add the action" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Action added: its owner sees it on My work." }).waitFor();
    expect(await rowOf("#team-actions", title)).toEqual([title, practitionerName, formatDate(addDays(today, 10)), "Due in 10 days"]);
    expect(await rowOf("#team-actions", managersTitle)).toEqual([managersTitle, managerName, formatDate(addDays(today, 3)), "Due in 3 days"]);
    expect(Number(await page.locator('ul[aria-label="The team\'s actions"] li').first().locator(".app-figure__value").textContent())).toBe(openBefore + 1);
    // The boxes are empty again, for the next action.
    await expect(page.getByLabel("What is to be done").inputValue()).resolves.toBe("");
    await expect(page.getByLabel("Owner").inputValue()).resolves.toBe("");
    await expect(page.locator("#deadline").inputValue()).resolves.toBe("");
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});

describe("the owner", () => {
  let ownedBefore: number;

  it("sees the action under Actions I own on My work", async () => {
    await signInAs("practitioner@northbrook.example", "demo-practitioner");
    await page.goto(`${app.url}/my-work`);
    await page.locator("#my-actions-heading").waitFor();
    expect(await rowOf("#my-actions", title)).toEqual([title, "North Locality", formatDate(addDays(today, 10)), "Due in 10 days"]);
    // Only the actions they own.
    expect(await rowOf("#my-actions", managersTitle)).toBeUndefined();
    ownedBefore = (await tableRows("#my-actions")).length;
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("opens it, marks it done with a comment, and the history shows it", async () => {
    await page.locator("#my-actions").getByRole("link", { name: title }).click();
    await page.locator("h1", { hasText: title }).waitFor();
    // The owner moves it on; only a manager edits or escalates it.
    expect(await page.locator("#edit-heading, #escalate-heading").count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.locator("#status").selectOption({ label: "Done" });
    await page.locator("#comment").fill(comment);
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Your update is saved." }).waitFor();
    await expect(page.locator("#action-summary").textContent()).resolves.toContain(`Done, on ${formatDate(today)}`);
    // The saved comment does not stay in the box, to be sent again.
    await expect(page.locator("#comment").inputValue()).resolves.toBe("");
    await expect(page.locator("#status").inputValue()).resolves.toBe("done");
    const newest = page.locator("#action-history > li").first();
    await expect(newest.locator("p").first().textContent()).resolves.toMatch(new RegExp(`^Updated the action: ${practitionerName}, ${formatDate(runToday())} at \\d\\d:\\d\\d$`));
    await expect(newest.locator("li").allTextContents()).resolves.toEqual(["Status: Open → Done", `Done on: ${formatDate(today)}`]);
    await expect(newest.textContent()).resolves.toContain(`“${comment}”`);
    await expect(page.locator("#action-history > li").last().textContent()).resolves.toMatch(new RegExp(`^Created the action: ${managerName}, `));
    await screenshot(page, "action-done");
  });

  it("no longer sees it among the open actions they own", async () => {
    await page.goto(`${app.url}/my-work`);
    await page.locator("#my-actions-heading").waitFor();
    expect(await rowOf("#my-actions", title)).toBeUndefined();
    expect(await page.locator("#my-actions tbody tr").count()).toBe(ownedBefore - 1);
  });
});

describe("the head of service's tracker", () => {
  it("counts each team's actions as a hand count of the database does, teams to chase first", async () => {
    await signInAs("head@northbrook.example", "demo-head");
    await page.goto(`${app.url}/actions`);
    await page.locator("h1", { hasText: "Action tracker" }).waitFor();
    const rows = await tableRows("#tracker-teams");
    const counted = handCount(today);
    expect(rows.length).toBe(counted.size);
    for (const row of rows) expect(row, row[0]).toEqual(counted.get(row[0]!));
    // Escalated, then overdue, then by name.
    const order = [...rows].sort((a, b) => Number(b[3]) - Number(a[3]) || Number(b[2]) - Number(a[2]) || a[0]!.localeCompare(b[0]!));
    expect(rows.map((r) => r[0])).toEqual(order.map((r) => r[0]));
    // The open actions of every team: the two made for this test among them, and not the one done.
    const listed = await tableRows("#tracker-actions");
    expect(listed.find((r) => r[0] === managersTitle)).toEqual([managersTitle, "North Locality", managerName, formatDate(addDays(today, 3)), "Due in 3 days"]);
    expect(listed.find((r) => r[0] === southTitle)).toEqual([southTitle, "South Locality", headName, formatDate(addDays(today, 5)), "Due in 5 days"]);
    expect(listed.find((r) => r[0] === title)).toBeUndefined();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("filters to one team, and downloads the same rows as CSV", async () => {
    await page.locator("#team").selectOption({ label: "North Locality" });
    await page.locator("#show").selectOption({ label: "All actions" });
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator("#list-heading", { hasText: "All actions: North Locality" }).waitFor();
    expect(new URL(page.url()).search).toBe("?team=north-locality&show=all");
    const shown = await tableRows("#tracker-actions");
    const north = signedIn.database.db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
    expect(shown).toHaveLength(signedIn.database.db.select().from(actions).where(eq(actions.teamId, north.id)).all().length);
    expect(new Set(shown.map((r) => r[1]))).toEqual(new Set(["North Locality"]));
    expect(shown.find((r) => r[0] === title)).toEqual([title, "North Locality", practitionerName, formatDate(addDays(today, 10)), "Done"]);
    expect(shown.find((r) => r[0] === managersTitle)).toEqual([managersTitle, "North Locality", managerName, formatDate(addDays(today, 3)), "Due in 3 days"]);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download these actions (CSV)" }).click()]);
    expect(download.suggestedFilename()).toBe(`actions-north-locality-all-as-of-${today}.csv`);
    const text = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" }).data;
    expect(lines.slice(0, 3)).toEqual([
      ["Actions", "All actions"],
      ["Team", "North Locality"],
      ["As of", formatDate(today)],
    ]);
    const table = lines.slice(lines.findIndex((line) => line.length === 1 && line[0] === "") + 1);
    expect(table[0]).toEqual(["Action", "Team", "Owner", "Deadline", "Status", "State", "Days overdue", "Escalated", "Reason for escalating", "Done on", "From month", "Address"]);
    const body = table.slice(1);
    // The same rows in the same order; the page adds "Escalated" and "(in progress)" to the state in words.
    expect(
      body.map((r) => [r[0], r[1], r[2], formatDate(r[3]!), [r[5], r[4] === "In progress" ? "(in progress)" : "", r[7] === "Yes" ? "Escalated" : ""].filter(Boolean).join(" ")]),
    ).toEqual(shown);
    expect(body.map((r) => new URL(r[11]!).pathname)).toEqual(await page.locator("#tracker-actions tbody a").evaluateAll((links) => links.map((a) => a.getAttribute("href"))));
    expect(body.find((r) => r[0] === title)?.slice(4, 10)).toEqual(["Done", "Done", "0", "No", "", today]);
    await screenshot(page, "action-tracker");
  });
});

describe("a month and more later", () => {
  const forward = addDays(today, 40);

  it("a second app, its clock set forward, escalates the open actions overdue too long when it starts", async () => {
    later = await startApp({ PRIMED_TODAY: forward }, { databasePath: app.databasePath });
    await signInAs("head@northbrook.example", "demo-head", later.url);
    await page.goto(`${later.url}/actions?show=escalated`);
    await page.locator("h1", { hasText: "Action tracker" }).waitFor();
    await expect(page.locator("h1 + p").textContent()).resolves.toContain(`Every team's actions, as of ${formatDate(forward)}.`);
    // Every open action overdue by more than 14 days on that day is escalated now.
    const open = signedIn.database.db
      .select()
      .from(actions)
      .all()
      .filter((a) => a.status === "open" || a.status === "in_progress");
    expect(open.filter((a) => daysBetween(a.deadline, forward) > 14 && a.escalatedAt === null)).toEqual([]);
    expect(open.find((a) => a.title === managersTitle)).toMatchObject({
      escalatedByUserId: null,
      escalationReason: `Overdue by more than 14 days (deadline ${formatDate(addDays(today, 3))})`,
    });
    const rows = await tableRows("#tracker-teams");
    const counted = handCount(forward);
    for (const row of rows) expect(row, row[0]).toEqual(counted.get(row[0]!));
    const listed = await tableRows("#tracker-actions");
    expect(listed).toHaveLength(open.filter((a) => a.escalatedAt !== null).length);
    expect(listed.find((r) => r[0] === managersTitle)).toEqual([managersTitle, "North Locality", managerName, formatDate(addDays(today, 3)), "Overdue by 37 days Escalated"]);
    expect(listed.find((r) => r[0] === southTitle)).toEqual([southTitle, "South Locality", headName, formatDate(addDays(today, 5)), "Overdue by 35 days Escalated"]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "action-tracker-escalated");
  });

  it("shows on the action that Primed escalated it, and why", async () => {
    await page.locator("#tracker-actions").getByRole("link", { name: managersTitle }).click();
    await page.locator("h1", { hasText: managersTitle }).waitFor();
    const summary = (await page.locator("#action-summary").textContent())!;
    expect(summary).toMatch(
      new RegExp(`EscalatedBy Primed, automatically on \\d{1,2} \\w+ \\d{4} at \\d\\d:\\d\\d: Overdue by more than 14 days \\(deadline ${formatDate(addDays(today, 3))}\\)`),
    );
    const newest = page.locator("#action-history > li").first();
    await expect(newest.locator("p").first().textContent()).resolves.toMatch(/^Escalated automatically: Primed, /);
    await expect(newest.locator("li").allTextContents()).resolves.toEqual([`Reason for escalating: Overdue by more than 14 days (deadline ${formatDate(addDays(today, 3))})`]);
    // Already escalated: no form to escalate it again.
    expect(await page.locator("#escalate-heading").count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "action-escalated");
    // Only the refusal this file asked for (the empty form): nothing else went wrong in the browser.
    expect(consoleErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  });
});
