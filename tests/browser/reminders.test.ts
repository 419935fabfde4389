/*
 * Reminders by email in a real browser: a team manager follows My work's link
 * to their reminder choices, turns the weekly digest off and sees it kept; an
 * administrator sees what was sent and what failed, and sends a failed one
 * again. Axe finds nothing on either page.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { mailChoices, mailMessages, users } from "../../db/schema";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { accessibilityProblems, screenshot, signIn } from "../helpers/browser";

let signedIn: SignedInApp;
let page: Page;

beforeAll(async () => {
  signedIn = await signedInApp("manager@northbrook.example", "demo-manager");
  page = signedIn.page;
});
afterAll(async () => signedIn?.stop());

describe("a person's reminder choices", () => {
  it("opens from My work with every reminder a manager can get ticked", async () => {
    await page.goto(`${signedIn.app.url}/my-work`);
    await page.getByRole("link", { name: "Choose my reminders by email" }).click();
    await page.locator("h1", { hasText: "Your reminders by email" }).waitFor();
    await expect(page.getByRole("checkbox", { name: "The weekly digest" }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole("checkbox", { name: "An action is given to me" }).isChecked()).resolves.toBe(true);
    // A manager is not the head of service: escalations are not theirs to receive.
    await expect(page.getByRole("checkbox", { name: "An action is escalated" }).count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "reminder-choices");
  });

  it("keeps a kind turned off", async () => {
    await page.getByRole("checkbox", { name: "The weekly digest" }).uncheck();
    await page.getByRole("button", { name: "Save my choices" }).click();
    await page.getByText("Your choices are saved.").waitFor();
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "The weekly digest" }).isChecked()).resolves.toBe(false);
    const manager = signedIn.database.db.select({ id: users.id }).from(users).where(eq(users.email, "manager@northbrook.example")).get()!;
    const stored = signedIn.database.db
      .select()
      .from(mailChoices)
      .where(and(eq(mailChoices.userId, manager.id), eq(mailChoices.kind, "weekly_digest")))
      .get();
    expect(stored?.enabled).toBe(false);
  });
});

describe("the administrator's list of mail", () => {
  it("shows what was sent and what failed, and sends a failed one again", async () => {
    const db = signedIn.database.db;
    const manager = db.select({ id: users.id }).from(users).where(eq(users.email, "manager@northbrook.example")).get()!;
    const base = {
      userId: manager.id,
      toAddress: "manager@northbrook.example",
      bodyText: "Hello",
      createdAt: "2026-11-20T08:00:00.000Z",
      nextAttemptAt: "2026-11-20T08:00:00.000Z",
    };
    db.insert(mailMessages)
      .values([
        { ...base, kind: "due_soon", dedupeKey: "browser:sent", subject: "Primed: your action is due in 3 days", status: "sent", attempts: 1, sentAt: "2026-11-20T08:00:05.000Z" },
        { ...base, kind: "overdue", dedupeKey: "browser:failed", subject: "Primed: your action is overdue", status: "failed", attempts: 8, lastError: "550 5.1.1 Mailbox unknown" },
      ])
      .run();
    page.setDefaultTimeout(15_000);
    await page.context().clearCookies();
    await signIn(page, signedIn.app.url, "admin@northbrook.example", "demo-admin");
    await page.goto(`${signedIn.app.url}/admin`);
    // By the link: the page's module must load in the browser (it once read a server module's value, and the click went nowhere).
    await page.getByRole("link", { name: "Reminders by email" }).click();
    await page.locator("h1", { hasText: "Reminders by email" }).waitFor();
    await expect(page.locator("main").textContent()).resolves.toMatch(/Email is off/);
    await expect(page.locator("table").textContent()).resolves.toMatch(/550 5\.1\.1 Mailbox unknown/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "admin-mail");

    await page.selectOption("#status", "failed");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/status=failed/);
    // The address changes as the new list arrives; on a loaded machine the old rows can still be drawn for a moment.
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.getByRole("button", { name: /Send again/ }).click();
    await page.getByText("The message will be sent again within a minute.").waitFor();
    const row = db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, "browser:failed")).get()!;
    expect([row.status, row.attempts]).toEqual(["queued", 0]);
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
