import { count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teams, workers, workItems } from "../../db/schema";
import { addMonths, monthOf } from "~/dates";
import { generateDemoCouncil } from "~/demo/generate";
import { isServiceEmpty, loadDemoCouncil } from "~/demo/load.server";
import { figureKeys } from "~/work-figures/definitions";
import { computeMonthFigures, figureValue, itemsBehind } from "~/work-figures/month-figures";
import { loadMetricItems } from "~/work-figures/metric-items.server";
import { figuresByTeam, monthlyFigures } from "~/work-figures/report.server";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { findTeam } from "~/teams/teams.server";
import { tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
const SEED = 2026;
let database: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  database = tempDatabase();
  expect(isServiceEmpty(database.db)).toBe(true);
  await loadDemoCouncil(database.db, SEED, TODAY);
});
afterAll(() => database.remove());

function teamMonths(name: string, monthsBack: number) {
  const team = findTeam(database.db, name)!;
  const current = monthOf(TODAY);
  return monthlyFigures(database.db, { teamId: team.id }, { from: addMonths(current, -monthsBack), to: current, asOf: TODAY });
}

describe("the database", () => {
  it("is a WAL-mode SQLite file with foreign keys on, migrated", () => {
    expect(database.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(database.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    const tables = database.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(["services", "teams", "workers", "work_types", "outcomes", "work_items", "__drizzle_migrations"]));
  });

  it("refuses a work item whose team does not exist", () => {
    expect(() =>
      database.sqlite
        .prepare("insert into work_items (source_ref, person_ref, work_type_id, team_id, received_on, due_on) values ('X', 'P', 1, 999999, '2026-01-01', '2026-01-29')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it("reads a team's month figures through the indexes", () => {
    const plan = database.sqlite
      .prepare("explain query plan select id from work_items where team_id = 1 and received_on <= '2026-11-22' and (completed_on is null or completed_on >= '2025-12-01')")
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join("\n");
    expect(plan).toMatch(/USING INDEX/);
    expect(plan).not.toMatch(/SCAN work_items$/m);
  });
});

describe("the demo council", () => {
  it("has about 10 teams covering every team type, about 120 workers and 36 months of work", () => {
    const db = database.db;
    const teamRows = db.select().from(teams).all();
    expect(teamRows.length).toBe(10);
    expect(new Set(teamRows.map((t) => t.type))).toEqual(new Set(Object.keys(teamTypeLabels)));
    const active = db
      .select({ n: count() })
      .from(workers)
      .where(sql`active = 1 and role in ('practitioner', 'team_manager')`)
      .get()!.n;
    expect(active).toBeGreaterThanOrEqual(100);
    expect(active).toBeLessThanOrEqual(130);
    const range = db
      .select({ first: sql<string>`min(received_on)`, last: sql<string>`max(received_on)`, n: count() })
      .from(workItems)
      .get()!;
    expect(range.first).toBe("2023-12-01");
    expect(range.last <= TODAY).toBe(true);
    expect(range.n).toBeGreaterThan(40_000);
  });

  it("is the same for the same seed and date, and different for another seed", () => {
    const again = generateDemoCouncil(SEED, TODAY);
    const stored = database.db
      .select({ ref: workItems.sourceRef, person: workItems.personRef, due: workItems.dueOn, completed: workItems.completedOn })
      .from(workItems)
      .orderBy(workItems.sourceRef)
      .limit(50)
      .all();
    expect(again.items.slice(0, 50).map((i) => ({ ref: i.sourceRef, person: i.personRef, due: i.dueOn, completed: i.completedOn }))).toEqual(stored);
    expect(generateDemoCouncil(SEED + 1, TODAY).items[0]!.personRef).not.toBe(again.items[0]!.personRef);
  });

  it("never dates anything after today or contradicts itself", () => {
    const bad = database.sqlite
      .prepare(
        `select count(*) from work_items where received_on > ? or completed_on > ? or allocated_on > ?
           or completed_on < received_on or due_on < received_on or allocated_on < received_on
           or (completed_on is null) <> (outcome_id is null) or (worker_id is null) <> (allocated_on is null)`,
      )
      .pluck()
      .get(TODAY, TODAY, TODAY);
    expect(bad).toBe(0);
  });

  it("tells the story of North Locality's overdue work climbing month after month", () => {
    const months = teamMonths("North Locality", 11);
    const overdue = months.map((m) => m.overdue!);
    const firstHalf = overdue.slice(0, 6).reduce((a, b) => a + b) / 6;
    const lastThree = overdue.slice(-3).reduce((a, b) => a + b) / 3;
    expect(lastThree).toBeGreaterThan(firstHalf * 2);
  });

  it("tells the story of East Locality's queue awaiting allocation growing", () => {
    const months = teamMonths("East Locality", 11);
    const awaiting = months.map((m) => m.awaitingAllocation!);
    expect(awaiting.at(-1)!).toBeGreaterThan(3 * Math.max(...awaiting.slice(0, 3)));
    expect(awaiting.at(-1)!).toBeGreaterThan(awaiting.at(-4)!);
  });

  it("tells the story of South Locality's practice change: fewer assessments lead to long-term support", () => {
    const months = teamMonths("South Locality", 20);
    const share = (slice: typeof months) => {
      const totals = slice.reduce(
        (acc, m) => {
          const all = Object.values(m.assessmentOutcomes ?? {}).reduce((a, b) => a + b, 0);
          const support = m.assessmentOutcomes?.["Progress to support planning or services"] ?? 0;
          return { all: acc.all + all, support: acc.support + support };
        },
        { all: 0, support: 0 },
      );
      return totals.support / totals.all;
    };
    // The change came 9 months ago: compare the 8 months before it with the 8 since.
    expect(share(months.slice(0, 8))).toBeGreaterThan(share(months.slice(-8)) + 0.1);
  });
});

describe("figures and the lists behind them", () => {
  it("every figure's count equals the length of its item list, for every team, month and figure", () => {
    const current = monthOf(TODAY);
    const range = { from: addMonths(current, -5), to: addMonths(current, 2), asOf: TODAY };
    for (const team of database.db.select().from(teams).all()) {
      const items = loadMetricItems(database.db, { teamId: team.id }, range);
      for (const month of [addMonths(current, -5), addMonths(current, -1), current, addMonths(current, 2)]) {
        const figures = computeMonthFigures(items, month, TODAY);
        for (const key of figureKeys) {
          const value = figureValue(figures, key);
          if (value === null) continue;
          expect(itemsBehind(items, key, [month], TODAY).length, `${team.name} ${month} ${key}`).toBe(value);
        }
      }
    }
  });

  it("agrees with plain SQL for a past month: completed, on time and received", () => {
    const team = findTeam(database.db, "Reviewing Team")!;
    const [month] = monthlyFigures(database.db, { teamId: team.id }, { from: "2026-06", to: "2026-06", asOf: TODAY });
    const row = database.sqlite
      .prepare(
        `select
           sum(completed_on between '2026-06-01' and '2026-06-30') as completed,
           sum(completed_on between '2026-06-01' and '2026-06-30' and completed_on <= due_on) as onTime,
           sum(received_on between '2026-06-01' and '2026-06-30') as received,
           sum(received_on <= '2026-06-30' and (completed_on is null or completed_on > '2026-06-30') and due_on < '2026-06-30') as overdue
         from work_items where team_id = ?`,
      )
      .get(team.id) as Record<string, number>;
    expect(month).toMatchObject({ completed: row.completed, completedOnTime: row.onTime, received: row.received, overdue: row.overdue });
  });

  it("gives every team's month figures in one read, the same as team by team", () => {
    const all = figuresByTeam(database.db, ["2026-10"], TODAY);
    const team = findTeam(database.db, "front-door")!;
    const alone = monthlyFigures(database.db, { teamId: team.id }, { from: "2026-10", to: "2026-10", asOf: TODAY });
    expect(all.get(team.id)).toEqual(alone);
  });
});
