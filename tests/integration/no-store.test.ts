/*
 * Nothing the app answers may be cached (issue 17, item 5): pages, the `.data`
 * requests client-side navigation makes, CSV files, the meeting pack's PDF,
 * calendar feeds and error pages all carry person references or case detail.
 * Only the static files keep their caching. The role-by-route test
 * (route-access.test.ts) checks the same header on every route for every role.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { teams, users, workers } from "../../db/schema";
import { makeFeedSecret } from "~/calendar-feed/feeds.server";
import { addDays, addMonths, monthOf } from "~/dates";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

const lastMonth = addMonths(monthOf(runToday()), -1);
/** The demo council held every team's meeting five weeks ago. */
const demoMeetingMonth = addMonths(monthOf(addDays(runToday(), -35)), -1);

let app: RunningApp;
let manager: string;
let head: string;
let colleague: number;
let feedSecret: string;

beforeAll(async () => {
  app = await startApp();
  const { db, close } = openDatabase(app.databasePath);
  const [managerEmail] = demoCredentials("team_manager");
  const managerUser = db.select().from(users).where(eq(users.email, managerEmail)).get()!;
  const north = db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
  colleague = db
    .select()
    .from(workers)
    .where(eq(workers.teamId, north.id))
    .all()
    .find((w) => w.id !== managerUser.workerId)!.id;
  feedSecret = makeFeedSecret(db, managerUser).secret;
  close();
  manager = await signInOverHttp(app.url, ...demoCredentials("team_manager"));
  head = await signInOverHttp(app.url, ...demoCredentials("head_of_service"));
});

afterAll(async () => {
  await app?.stop();
});

/** Each address with the status it answers (or statuses), and whose session asks for it. */
const answers: [string, () => string, number | number[]][] = [
  ["/teams/north-locality", () => manager, 200],
  ["/teams/north-locality.data", () => manager, 200],
  ["/teams/north-locality.data?worker=WORKER", () => manager, 200],
  [`/teams/north-locality/items?figure=overdue&month=${lastMonth}`, () => manager, 200],
  [`/teams/north-locality/items.data?figure=overdue&month=${lastMonth}`, () => manager, 200],
  [`/teams/north-locality/items.csv?figure=overdue&month=${lastMonth}`, () => manager, 200],
  [`/teams/north-locality/care?figure=reviews-overdue&month=${lastMonth}`, () => manager, 200],
  [`/teams/north-locality/care.data?figure=reviews-overdue&month=${lastMonth}`, () => manager, 200],
  [`/teams/north-locality/care.csv?figure=started&month=${lastMonth}`, () => manager, 200],
  [`/teams/north-locality/care?figure=started&month=2099-01`, () => manager, 400],
  ["/teams/north-locality/report.csv", () => manager, 200],
  ["/my-work", () => manager, 200],
  ["/my-work.data", () => manager, 200],
  ["/my-work.csv", () => manager, 200],
  ["/teams/north-locality/workers/WORKER/notes", () => manager, 200],
  ["/teams/north-locality/workers/WORKER/notes.data", () => manager, 200],
  ["/teams/north-locality/actions.data", () => manager, 200],
  [`/teams/north-locality/cycle/${demoMeetingMonth}/meeting`, () => manager, 200],
  [`/teams/north-locality/cycle/${demoMeetingMonth}/meeting.data`, () => manager, 200],
  // 503 (a page saying so) where Chromium is not installed.
  [`/teams/north-locality/cycle/${lastMonth}/pack.pdf`, () => manager, [200, 503]],
  ["/actions", () => head, 200],
  ["/actions.data", () => head, 200],
  ["/actions.csv", () => head, 200],
  ["/teams.data", () => head, 200],
  ["/teams.csv", () => head, 200],
  // The start page sends a head of service on: a redirect, carried in the data.
  ["/_root.data", () => head, 202],
  // Refusals and mistakes are pages too, with the person's menu on them.
  ["/teams/south-locality", () => manager, 403],
  ["/teams/no-such-team.data", () => manager, 404],
  ["/teams/north-locality?asOf=2026-02-30", () => manager, 400],
  ["/calendar/FEED.ics", () => "", 200],
];

describe("Cache-Control on the app's answers", () => {
  it.each(answers)("%s answers no-store", async (address, cookie, status) => {
    const url = address.replace("WORKER", String(colleague)).replace("FEED", feedSecret);
    const response = await fetch(`${app.url}${url}`, { redirect: "manual", headers: { cookie: cookie() } });
    expect([status].flat(), url).toContain(response.status);
    expect(response.headers.get("cache-control"), url).toBe("no-store");
    await response.arrayBuffer();
  });

  it("answers a save (and the page it leads to) no-store", async () => {
    const saved = await fetch(`${app.url}/teams/north-locality/workers/${colleague}/notes`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: manager, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ note: "Two complex enquiries this month" }),
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps the fingerprinted scripts cacheable for a year, and the style sheet for an hour", async () => {
    const page = await (await fetch(`${app.url}/teams/north-locality`, { headers: { cookie: manager } })).text();
    const asset = page.match(/\/build\/[^"]+\.js/)?.[0];
    expect(asset, "the page loads a built script").toBeDefined();
    const script = await fetch(`${app.url}${asset}`, { headers: { cookie: manager } });
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${app.url}/styles/app.css`, { headers: { cookie: manager } })).headers.get("cache-control")).toBe("public, max-age=3600");
  });
});
