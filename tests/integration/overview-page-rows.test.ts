/*
 * The service overview's rows as its page receives them
 * (app/reports/overview-page-rows*.ts): one JSON text holding exactly the
 * figures the page showed before, made once for the same counted rows, order
 * and rights, and made again when any of them changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTeams } from "~/teams/teams.server";
import { careHeadlineChanges, careHeadlineOf, headlineChanges, headlineOf, trendValue } from "~/reports/overview-figures";
import { overviewPageRows } from "~/reports/overview-page-rows.server";
import { overviewPageRowsOf } from "~/reports/overview-page-rows";
import { serviceOverview, sortOverview, type OverviewQuery } from "~/reports/service-overview.server";
import { lastFinishedMonth } from "~/reports/part-month";
import { demoCouncilDatabase } from "../helpers/temp-db";
import { runToday } from "../helpers/today";

let database: Awaited<ReturnType<typeof demoCouncilDatabase>>;
const today = runToday();
const settings = { timelinessTarget: 0.8, reviewedTarget: 0.9 };
const query: OverviewQuery = { sort: "overdue", dir: "desc", exceptionsOnly: false, trend: "completed", view: "trends" };

beforeAll(async () => {
  database = await demoCouncilDatabase(today);
}, 300_000);
afterAll(() => database?.remove());

function counted() {
  const all = serviceOverview(database.db, listTeams(database.db), lastFinishedMonth(today), today, settings, { careTrend: false });
  return { all, shown: sortOverview(all, query) };
}

describe("the overview's rows for its page", () => {
  it("are the figures the page shows, team by team, in the order asked for, with the viewer's right to open each team's items", () => {
    const { all, shown } = counted();
    expect(shown.length).toBeGreaterThan(1);
    const mayOpen = (teamId: number) => teamId === shown[0]!.team.id;
    const rows = overviewPageRowsOf(overviewPageRows(all, shown, query, mayOpen));
    expect(rows.map((row) => row.team.slug)).toEqual(shown.map((row) => row.team.slug));
    shown.forEach((row, i) => {
      const care = careHeadlineOf(row.now.care);
      expect(rows[i]).toEqual({
        team: row.team,
        now: headlineOf(row.now),
        changes: headlineChanges(row.now, row.previous, row.lastYear),
        care,
        careChanges: careHeadlineChanges(care, row.now.kind, careHeadlineOf(row.previous.care), careHeadlineOf(row.lastYear.care)),
        trend: row.trend.map((m) => trendValue(m, "completed")),
        exceptions: row.exceptions,
        canOpenItems: i === 0,
      });
    });
  });

  it("are made once for the same counted rows, order and rights, and read once for the same text", () => {
    const { all, shown } = counted();
    const first = overviewPageRows(all, shown, query, () => true);
    expect(overviewPageRows(all, sortOverview(all, query), query, () => true)).toBe(first);
    expect(overviewPageRowsOf(first)).toBe(overviewPageRowsOf({ ...first }));
  });

  it("are made again, with another digest, for other rights, another order, another view or other counted rows", () => {
    const { all, shown } = counted();
    const first = overviewPageRows(all, shown, query, () => true);
    const others = [
      overviewPageRows(all, shown, query, () => false),
      overviewPageRows(all, sortOverview(all, { ...query, dir: "asc" }), { ...query, dir: "asc" }, () => true),
      overviewPageRows(all, shown, { ...query, view: "table" }, () => true),
      overviewPageRows(structuredClone(all), shown, query, () => true),
    ];
    for (const other of others) expect(other).not.toBe(first);
    expect(new Set([first, ...others.slice(0, 3)].map((rows) => rows.digest)).size).toBe(4);
    // The same figures counted again give the same text, and so the same kept parts.
    expect(others[3]!.json).toBe(first.json);
    expect(overviewPageRowsOf(others[2]!)[0]!.trend).toEqual([]);
  });
});
