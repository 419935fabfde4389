/*
 * A part month is never judged as a whole one (app/reports/part-month.ts):
 * the service overview and its CSV open on the last finished month, the
 * month so far says "so far", its completed work is not compared with whole
 * months, and the rule on work completed on time does not fire on it.
 * Three days into a month, as the pilot council found it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, formatMonthLong, monthOf } from "~/dates";
import { headlineChanges } from "~/reports/overview-figures";
import { serviceOverview } from "~/reports/service-overview.server";
import { listTeams } from "~/teams/teams.server";
import { openDatabase } from "../../db/connection";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

// The third day of last month: always in the past, and a month three days old.
const partMonth = addMonths(monthOf(runToday()), -1);
const asOf = `${partMonth}-03`;
const lastFinished = addMonths(partMonth, -1);

// One app (the demo council, as of today) for the figures and the pages: loading the demo is the slow part.
let app: RunningApp;
let database: ReturnType<typeof openDatabase>;
beforeAll(async () => {
  app = await startApp();
  database = openDatabase(app.databasePath);
});
afterAll(async () => {
  database?.close();
  await app?.stop();
});

describe("the overview's figures for a month three days old", () => {
  it("does not compare completed work or on time with whole months, and does not judge on time", () => {
    const teams = listTeams(database.db);
    const rows = serviceOverview(database.db, teams, partMonth, asOf, { timelinessTarget: 0.8, reviewedTarget: 0.9 });
    // The demo's teams complete hundreds of items a month: three days' worth is far below any whole month.
    expect(rows.some((row) => (row.previous.completed ?? 0) - (row.now.completed ?? 0) > 20)).toBe(true);
    for (const row of rows) {
      const changes = headlineChanges(row.now, row.previous, row.lastYear);
      expect(changes.completed).toEqual({ previous: null, lastYear: null, notCompared: true });
      expect(changes.onTime.notCompared).toBe(true);
      // Figures taken on a day are still compared.
      expect(changes.overdue.previous).toBe((row.now.overdue ?? 0) - (row.previous.overdue ?? 0));
      expect(changes.overdue.notCompared).toBe(false);
      expect(row.exceptions.map((e) => e.key)).not.toContain("timeliness-below-target");
      for (const e of row.exceptions.filter((e) => !e.key.includes(":"))) {
        expect(e.label).toMatch(/\(so far\)$/);
        expect(e.reason).toContain("so far");
      }
    }
  });

  it("judges the last finished month as before, whole", () => {
    const teams = listTeams(database.db);
    const rows = serviceOverview(database.db, teams, lastFinished, asOf, { timelinessTarget: 0.8, reviewedTarget: 0.9 });
    for (const row of rows) {
      const changes = headlineChanges(row.now, row.previous, row.lastYear);
      expect(changes.completed.notCompared).toBe(false);
      expect(changes.completed.previous).toBe((row.now.completed ?? 0) - (row.previous.completed ?? 0));
      for (const e of row.exceptions) expect(e.label).not.toContain("so far");
    }
  });
});

describe("the service overview page and its CSV", () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await signInOverHttp(app.url, ...demoCredentials("head_of_service"));
  });
  const get = (path: string) => fetch(`${app.url}${path}`, { headers: { Cookie: cookie } });
  /** The page's markup before its data scripts, without React's text separators: short failure messages. */
  const page = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    return html.slice(html.indexOf("<main"), html.indexOf("</main>")).replaceAll("<!-- -->", "");
  };

  it("opens on the last finished month, with the month so far one click away", async () => {
    const html = await page(`/teams?asOf=${asOf}`);
    expect(html).toContain(`Headline figures by team, ${formatMonthLong(lastFinished)};`);
    expect(html).toMatch(new RegExp(`href="/teams\\?asOf=${asOf}&amp;month=${partMonth}"[^>]*>${formatMonthLong(partMonth)} so far<`));
    expect(html).not.toContain("not compared (month so far)");
  });

  it("marks the month so far, and says which of its figures are not compared", async () => {
    const html = await page(`/teams?asOf=${asOf}&month=${partMonth}`);
    expect(html).toContain(`Headline figures by team, ${formatMonthLong(partMonth)} so far;`);
    expect(html).toContain('id="part-month-note"');
    expect(html).toContain("not compared (month so far)");
    expect(html).not.toContain("On time below target");
  });

  it("downloads the last finished month by default, and says so when the month so far is chosen", async () => {
    const byDefault = await (await get(`/teams.csv?asOf=${asOf}`)).text();
    expect(byDefault).toContain(`Service overview,${formatMonthLong(lastFinished)}\r\n`);
    const soFar = await (await get(`/teams.csv?asOf=${asOf}&month=${partMonth}`)).text();
    expect(soFar).toContain(`Service overview,${formatMonthLong(partMonth)} so far\r\n`);
    expect(soFar).toContain("Part month,");
    expect(soFar).not.toContain("completed on time in");
  });
});
