/*
 * Issue 17 (16c): every date people type is three boxes, Day, Month and Year,
 * read by one parser (app/forms/date-field.ts). Through the running app: a
 * wrong date (31 2 2027, letters, no year) gets a 400 whose message names the
 * field and the part that is wrong, keeps what was typed, and writes nothing;
 * the GET filters still read an old link's asOf=YYYY-MM-DD.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Connection } from "../../db/connection";
import { addDays, addMonths, monthOf } from "~/dates";
import { startApp, type RunningApp } from "../helpers/app-server";
import { signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

const today = runToday();
const month = addMonths(monthOf(today), -1);
const [year, monthNumber, day] = addDays(today, 7).split("-");

let app: RunningApp;
let database: Connection;
let manager: string;
let admin: string;

beforeAll(async () => {
  app = await startApp();
  database = openDatabase(app.databasePath);
  manager = await signInOverHttp(app.url, "manager@northbrook.example", "demo-manager");
  admin = await signInOverHttp(app.url, "admin@northbrook.example", "demo-admin");
});
afterAll(async () => {
  database?.close();
  await app?.stop();
});

const post = (cookie: string, path: string, fields: Record<string, string>) =>
  fetch(`${app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
const get = (cookie: string, path: string) => fetch(`${app.url}${path}`, { headers: { Cookie: cookie } });
const parts = (name: string, d: string, m: string, y: string) => ({ [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y });
const count = (sql: string) => Number(database.sqlite.prepare(sql).pluck().get());
/** The value a box was given back, by its id. */
const boxValue = (html: string, id: string) => html.match(new RegExp(`id="${id}"[^>]*value="([^"]*)"`))?.[1];

const wrongDates: [string, [string, string, string], string][] = [
  ["31 February", ["31", "2", "2027"], "must be a real date"],
  ["letters", ["1o", "3", "2027"], "must be a real date"],
  ["no year", ["27", "3", ""], "must include a year"],
];

describe("the action deadline", () => {
  it.each(wrongDates)("refuses %s with the field and part named, keeps the boxes, writes nothing", async (_, [d, m, y], problem) => {
    const owner = String(database.sqlite.prepare("select id from users where email = 'manager@northbrook.example'").pluck().get());
    const before = count("select count(*) from actions");
    const response = await post(manager, "/teams/north-locality/actions", { title: "Ring the hospital discharge team", owner, ...parts("deadline", d, m, y) });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`Deadline ${problem}`);
    expect(html).toContain('href="#deadline"');
    expect([boxValue(html, "deadline"), boxValue(html, "deadline-month"), boxValue(html, "deadline-year")]).toEqual([d, m, y]);
    expect(count("select count(*) from actions")).toBe(before);
  });

  it("takes a real date typed in the boxes", async () => {
    const owner = String(database.sqlite.prepare("select id from users where email = 'manager@northbrook.example'").pluck().get());
    const response = await post(manager, "/teams/north-locality/actions", { title: "Typed in boxes", owner, ...parts("deadline", day!, monthNumber!, year!) });
    expect(response.status).toBe(302);
    expect(database.sqlite.prepare("select deadline from actions where title = 'Typed in boxes'").pluck().get()).toBe(addDays(today, 7));
  });
});

describe("the meeting's date and the follow-up's new deadline", () => {
  const cycle = `/teams/north-locality/cycle/${month}`;

  it.each(wrongDates)("refuses a meeting set up on %s, and sets up none", async (_, [d, m, y], problem) => {
    const response = await post(manager, cycle, { intent: "set-up-meeting", ...parts("heldOn", d, m, y) });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`Date of the meeting ${problem}`);
    expect([boxValue(html, "heldOn"), boxValue(html, "heldOn-month"), boxValue(html, "heldOn-year")]).toEqual([d, m, y]);
    expect(count(`select count(*) from meetings where month = '${month}'`)).toBe(0);
  });

  it("refuses a wrong date in the meeting's record and in a follow-up", async () => {
    const [y, m, d] = today.split("-");
    const setUp = await post(manager, cycle, { intent: "set-up-meeting", ...parts("heldOn", String(Number(d)), String(Number(m)), y!) });
    expect(setUp.status).toBe(302);
    const meeting = `${cycle}/meeting`;
    const saved = await post(manager, meeting, { intent: "save", ...parts("heldOn", "31", "2", "2027"), keyMessages: "Kept after the error" });
    expect(saved.status).toBe(400);
    const html = await saved.text();
    expect(html).toContain("Date of the meeting must be a real date");
    expect(boxValue(html, "heldOn")).toBe("31");
    expect(count(`select count(*) from meetings where month = '${month}' and key_messages = 'Kept after the error'`)).toBe(0);

    const actionId = (await (await get(manager, meeting)).text()).match(/data-action-id="(\d+)"/)![1]!;
    const followUp = await post(manager, meeting, {
      intent: "follow-up",
      action: actionId,
      outcome: "carried_forward",
      reason: "Waiting for health",
      ...parts("newDeadline", "12", "", "2027"),
    });
    expect(followUp.status).toBe(400);
    const followUpHtml = await followUp.text();
    expect(followUpHtml).toContain("New deadline must include a month");
    expect(followUpHtml).toContain(`href="#newDeadline-${actionId}"`);
    expect(boxValue(followUpHtml, `newDeadline-${actionId}`)).toBe("12");
  });
});

describe("the filters in the address", () => {
  it.each(wrongDates)("the audit trail refuses a from date of %s with a 400 naming it", async (_, [d, m, y], problem) => {
    const response = await get(admin, `/admin/audit?${new URLSearchParams(parts("from", d, m, y))}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`The from date ${problem}`);
  });

  it("the audit trail reads the boxes, and an old link's YYYY-MM-DD", async () => {
    const boxes = await get(admin, `/admin/audit?${new URLSearchParams({ ...parts("from", "1", "1", "2026"), ...parts("to", "", "", "") })}`);
    expect(boxes.status).toBe(200);
    expect(boxValue(await boxes.text(), "from-year")).toBe("2026");
    const old = await get(admin, "/admin/audit?from=2026-01-01");
    expect(old.status).toBe(200);
    expect(boxValue(await old.text(), "from-month")).toBe("1");
  });

  it.each(["/teams", "/teams/north-locality"])("%s reads asOf from the boxes and from an old link alike, and refuses a wrong one", async (path) => {
    const old = await get(manager, `${path}?asOf=2026-03-31`);
    expect(old.status).toBe(200);
    const oldHtml = await old.text();
    expect([boxValue(oldHtml, "asOf"), boxValue(oldHtml, "asOf-month"), boxValue(oldHtml, "asOf-year")]).toEqual(["31", "3", "2026"]);
    const boxes = await get(manager, `${path}?${new URLSearchParams(parts("asOf", "31", "3", "2026"))}`);
    expect(boxes.status).toBe(200);
    expect(boxValue(await boxes.text(), "asOf")).toBe("31");
    for (const [[d, m, y], problem] of [
      [["31", "2", "2026"], "must be a real date"],
      [["3l", "3", "2026"], "must be a real date"],
      [["31", "3", ""], "must include a year"],
    ] as const) {
      const wrong = await get(manager, `${path}?${new URLSearchParams(parts("asOf", d, m, y))}`);
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain(`The as-of date ${problem}`);
    }
  });
});
