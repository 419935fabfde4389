/*
 * Months counted live (app/work-figures/report.server.ts), while no stored
 * month figures can answer (after a load, until they are counted again): a
 * month asked for by two ranges is counted once, has the figures it would
 * have counted alone, and is counted again after the data changes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { workItems } from "../../db/schema";
import { monthlyFigures } from "~/work-figures/report.server";
import { loadMetricItems } from "~/work-figures/metric-items.server";
import { computeMonthsFigures } from "~/work-figures/month-figures";
import { workItemsChanged } from "~/work-figures/month-summaries.server";
import { monthRange } from "~/dates";
import { findTeam } from "~/teams/teams.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

let database: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
  // Nothing stored: every month is counted live, as just after a load.
  database.db.transaction(() => workItemsChanged(database.db));
});
afterEach(() => database.remove());

const asOf = "2026-04-15" as const;
/** A team page's two ranges: the signals' finished months, and the report's months up to the current one. */
const signals = { from: "2025-11", to: "2026-03", asOf } as const;
const report = { from: "2026-01", to: "2026-04", asOf } as const;

/** The figures of a range counted on their own, from the range's own read. */
const countedAlone = (teamId: number, range: { from: string; to: string; asOf: string }) => {
  const months = monthRange(range.from as "2026-01", range.to as "2026-01");
  return computeMonthsFigures(loadMetricItems(database.db, { teamId }, range as typeof report), months, asOf);
};

describe("months counted live", () => {
  it("are counted once whichever range asks, each with the figures it has counted alone", () => {
    const { db } = database;
    const teamId = findTeam(db, "Team A")!.id;
    const first = monthlyFigures(db, { teamId }, signals);
    const second = monthlyFigures(db, { teamId }, report);
    // The three months both ranges hold are the same figures, not counted again.
    for (const month of ["2026-01", "2026-02", "2026-03"]) expect(second.find((m) => m.month === month)).toBe(first.find((m) => m.month === month));
    expect(first).toEqual(countedAlone(teamId, signals));
    expect(second).toEqual(countedAlone(teamId, report));
    expect(second.some((m) => (m.received ?? 0) > 0 || m.due > 0)).toBe(true);
  });

  it("are counted again once the data has changed", () => {
    const { db } = database;
    const teamId = findTeam(db, "Team A")!.id;
    const before = monthlyFigures(db, { teamId }, signals);
    db.transaction(() => {
      db.update(workItems).set({ completedOn: null }).run();
      workItemsChanged(db);
    });
    const after = monthlyFigures(db, { teamId }, report);
    expect(after.find((m) => m.month === "2026-02")).not.toBe(before.find((m) => m.month === "2026-02"));
    expect(after).toEqual(countedAlone(teamId, report));
    expect(after.every((m) => !m.completed)).toBe(true);
  });
});
