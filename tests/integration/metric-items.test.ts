/*
 * Reading a scope's items (app/work-figures/metric-items.server.ts): the same
 * read asked twice in one turn of the event loop is read once, never across a
 * change to the data, and never kept past the turn.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { workItems } from "../../db/schema";
import { loadMetricItems } from "~/work-figures/metric-items.server";
import { workItemsChanged } from "~/work-figures/month-summaries.server";
import { findTeam } from "~/teams/teams.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

let database: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
});
afterEach(() => database.remove());

const range = { from: "2026-01", to: "2026-03", asOf: "2026-03-31" } as const;

describe("a scope's items", () => {
  it("are read once for the same question in one turn, and again in the next", async () => {
    const { db } = database;
    const teamId = findTeam(db, "Team A")!.id;
    const first = loadMetricItems(db, { teamId }, range);
    expect(first.length).toBeGreaterThan(0);
    expect(loadMetricItems(db, { teamId }, range)).toBe(first);
    // Another question is another read.
    expect(loadMetricItems(db, { teamId }, { ...range, from: "2026-02" })).not.toBe(first);
    await nextTurn();
    const later = loadMetricItems(db, { teamId }, range);
    expect(later).not.toBe(first);
    expect(later).toEqual(first);
  });

  it("are read again, in the same turn, once the data has changed", () => {
    const { db } = database;
    const teamId = findTeam(db, "Team A")!.id;
    const before = loadMetricItems(db, { teamId }, range);
    db.transaction(() => {
      db.update(workItems).set({ completedOn: null }).run();
      workItemsChanged(db);
    });
    const after = loadMetricItems(db, { teamId }, range);
    expect(after).not.toBe(before);
    expect(after.every((item) => item.completedOn === null)).toBe(true);
  });
});
