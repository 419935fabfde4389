/*
 * The calendar feed in a real browser: a practitioner follows My work's link,
 * makes their calendar address and sees it once, a calendar client without a
 * session fetches it as iCalendar, a reset stops the old address and turning
 * the feed off stops the new one. Axe finds nothing serious on the page.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { actions, users } from "../../db/schema";
import { signedInApp, type SignedInApp } from "../helpers/signed-in-app";
import { screenshot, accessibilityProblems } from "../helpers/browser";

let signedIn: SignedInApp;
let app: SignedInApp["app"];
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  signedIn = await signedInApp("practitioner@northbrook.example", "demo-practitioner");
  ({ app, page, consoleErrors } = signedIn);
});

afterAll(async () => signedIn?.stop());

/** A calendar client: no cookies, no Origin. */
const fetchFeed = (url: string) => fetch(url);

async function makeAddress(button: string): Promise<string> {
  const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: button }).click()]);
  // The answer carries the secret: no cache on the way may keep it.
  expect(answer.headers()["cache-control"]).toBe("no-store");
  await page.locator("#feed-url").waitFor();
  return page.locator("#feed-url").inputValue();
}

let firstUrl: string;

describe("the practitioner's calendar feed", () => {
  it("opens from My work and explains the feed before there is one", async () => {
    await page.goto(`${app.url}/my-work`);
    await page.getByRole("link", { name: "Put my action deadlines in my calendar" }).click();
    await page.locator("h1", { hasText: "Your action deadlines in your calendar" }).waitFor();
    await expect(page.locator("main").textContent()).resolves.toMatch(/You have no calendar address yet\..*Add calendar, then Subscribe from web/);
    await expect(page.getByRole("button", { name: "Turn off my calendar feed" }).count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("shows the new address once, with the warning to copy it now", async () => {
    firstUrl = await makeAddress("Make my calendar address");
    expect(firstUrl).toMatch(new RegExp(`^${app.url}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    await expect(page.locator("#feed-url-warning").textContent()).resolves.toMatch(/Copy it now: .*If you lose it, reset it\./);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "calendar-feed-made");
  });

  it("answers a calendar client without a session with the owner's open actions as iCalendar", async () => {
    const response = await fetchFeed(firstUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const ics = await response.text();
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR")).toBe(true);
    expect(ics).toContain("X-WR-CALNAME:Primed: my action deadlines\r\n");
    const { db } = signedIn.database;
    const owner = db.select({ id: users.id }).from(users).where(eq(users.email, "practitioner@northbrook.example")).get()!;
    const open = db
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.ownerUserId, owner.id), inArray(actions.status, ["open", "in_progress"])))
      .all();
    const uids = [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim());
    expect(uids.sort()).toEqual(open.map((a) => `action-${a.id}@primed`).sort());
    expect(ics.match(/^BEGIN:VEVENT$/gm)?.length ?? 0).toBe(open.length);
  });

  it("does not show the address again once the page is reloaded", async () => {
    await page.goto(`${app.url}/account/calendar`);
    await expect(page.locator("main").textContent()).resolves.toMatch(/You made your calendar address on \d{1,2} \w+ \d{4} at \d\d:\d\d\. Primed cannot show it again\./);
    await expect(page.locator("#feed-url").count()).resolves.toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("resets the address: the old one stops working, the new one works", async () => {
    const newUrl = await makeAddress("Reset my calendar address");
    expect(newUrl).not.toBe(firstUrl);
    await expect(page.locator("label[for=feed-url]").textContent()).resolves.toBe("New calendar address");
    const old = await fetchFeed(firstUrl);
    expect(old.status).toBe(404);
    expect(old.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    await expect(old.text()).resolves.toMatch(/^There is no calendar at this address\./);
    expect((await fetchFeed(newUrl)).status).toBe(200);

    await page.getByRole("button", { name: "Turn off my calendar feed" }).click();
    await page.locator(".govuk-notification-banner--success", { hasText: "Your calendar feed is turned off" }).waitFor();
    await expect(page.locator("#feed-url").count()).resolves.toBe(0);
    expect((await fetchFeed(newUrl)).status).toBe(404);
    // The banner comes with the action's answer; the button changes once the page's data is read again, a moment later.
    await page.getByRole("button", { name: "Make my calendar address" }).waitFor();
    await expect(page.getByRole("button", { name: "Make my calendar address" }).count()).resolves.toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("logged no errors in the browser (the page keeps to the Content-Security-Policy)", () => {
    expect(consoleErrors).toEqual([]);
  });
});
