/*
 * The whole team on Primed (issue 20), end to end in a real browser, with a
 * real OpenID Connect provider and a real SMTP server on loopback: a manager
 * gives an action to someone in the team who had no Primed account; the
 * reminder "an action given to you" reaches them; they sign in with the
 * council's account, find the action on My work and update it, and the
 * manager sees the update.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Connection } from "../../db/connection";
import { actions, users } from "../../db/schema";
import { ownerChoices } from "~/actions/choices.server";
import { addDays } from "~/dates";
import { findTeamBySlug } from "~/teams/teams.server";
import { freePort, startApp, type RunningApp } from "../helpers/app-server";
import { accessibilityProblems, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { fillDate } from "../helpers/date-boxes";
import { signInAtProvider, startOidcProvider, type RunningProvider } from "../helpers/oidc-provider";
import { startSmtpSink } from "../helpers/smtp-sink";
import { runToday } from "../helpers/today";

const today = runToday();
const title = "Ring the four carers waiting longest for an assessment";
const email = "new.owner@northbrook.example";
const comment = "Rang all four; two visits booked for next week.";

let app: RunningApp;
let provider: RunningProvider;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let database: Connection;
/** A North Locality worker with no Primed account when the test starts. */
let newOwner: { workerId: number; name: string };

beforeAll(async () => {
  const port = await freePort();
  const client = { clientId: "primed", clientSecret: "a-client-secret-long-enough", redirectUri: `http://127.0.0.1:${port}/sign-in/council/callback` };
  [provider, smtp] = await Promise.all([startOidcProvider({ clients: [client], accounts: [{ sub: "council-new-owner", email, name: "New Owner" }] }), startSmtpSink()]);
  app = await startApp({
    ...provider.env(client),
    PORT: String(port),
    PRIMED_SMTP_URL: smtp.url,
    PRIMED_MAIL_FROM: "primed@northbrook.example",
    PRIMED_PUBLIC_URL: `http://127.0.0.1:${port}`,
    // The reminders job looks every 2 seconds, not every 30: the test waits for the mail, not for the job's pass.
    PRIMED_MAIL_EVERY_SECONDS: "2",
  });
  database = openDatabase(app.databasePath);
  const db = database.db;
  const choice = ownerChoices(db, findTeamBySlug(db, "north-locality")!.id).find((c) => c.userId === null)!;
  newOwner = { workerId: choice.workerId!, name: choice.name };
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  database?.close();
  await browser?.cleanup();
  await app?.stop();
  await Promise.all([provider?.stop(), smtp?.close()]);
});

describe("a whole team on Primed", () => {
  it("a manager gives an action to someone in the team who had no account", async () => {
    await signIn(page, app.url, "manager@northbrook.example", "demo-manager");
    await page.goto(`${app.url}/teams/north-locality/actions`);
    await page.getByLabel("What is to be done").fill(title);
    await page.getByLabel("Owner").selectOption({ label: `${newOwner.name} (no Primed account yet)` });
    await page.getByLabel("Their council email address").fill(email);
    await fillDate(page, "deadline", addDays(today, 10));
    await page.getByRole("button", { name: "Add the action" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Primed made an account for its owner" }).waitFor();
  });

  it("the reminder that the action is theirs reaches them, once, linking back", async () => {
    await expect.poll(() => smtp.received.filter((m) => m.to.includes(email)).length, { timeout: 60_000 }).toBe(1);
    const [mail] = smtp.received.filter((m) => m.to.includes(email));
    expect(mail!.mail.subject).toMatch(/^Primed: an action for you, due /);
    expect(mail!.mail.text).toContain(title);
    const action = database.db.select().from(actions).where(eq(actions.title, title)).get()!;
    expect(mail!.mail.text).toContain(`${app.url}/actions/${action.id}`);
  });

  it("they sign in with the council's account, find it on My work and update it", async () => {
    await browser.clearCookies();
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with your council account" }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await signInAtProvider(page, "council-new-owner", app.url);
    const account = database.db.select().from(users).where(eq(users.email, email)).get()!;
    expect(account.workerId).toBe(newOwner.workerId);
    await page.goto(`${app.url}/my-work`);
    await page.locator("#my-actions").getByRole("link", { name: title }).click();
    await page.locator("h1", { hasText: title }).waitFor();
    await page.locator("#status").selectOption({ label: "In progress" });
    await page.locator("#comment").fill(comment);
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Your update is saved." }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "new-owner-updates-action");
  });

  it("the manager sees the update", async () => {
    await browser.clearCookies();
    await signIn(page, app.url, "manager@northbrook.example", "demo-manager");
    await page.goto(`${app.url}/teams/north-locality/actions`);
    const row = page.locator("#team-actions tr", { hasText: title });
    await expect(row.textContent()).resolves.toContain(newOwner.name);
    await expect(row.textContent()).resolves.toContain("in progress");
    const action = database.db.select().from(actions).where(eq(actions.title, title)).get()!;
    expect(action.status).toBe("in_progress");
  });
});
