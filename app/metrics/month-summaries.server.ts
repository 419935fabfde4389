/*
 * Stored figures for finished months. Once a month has ended, its figures no
 * longer depend on the as-of date (every figure is taken at or before the
 * month's last day, and no work item is due before it is received), only on
 * the data. So they are counted once after each load, per team and per
 * worker, by the same definitions as a live report, and reports read them.
 * The current month and the months to come are always counted live.
 */
import { and, eq, gte, inArray, lte, min, sql } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/connection";
import { preparedOnce } from "../../db/prepared";
import { appSettings, monthSummaries, teams, workItems } from "../../db/schema";
import { addMonths, monthOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";
import type { MetricItem } from "./definitions";
import { computeMonthFigures, computeMonthsFigures, type MonthFigures } from "./month-figures";
import { newFiguresVersion } from "./figures-cache.server";
import { loadMetricItems } from "./metric-items.server";

const COVERAGE_KEY = "month_summaries";

/** The months stored: every month up to `through`; months before `from` had no work. */
interface Coverage {
  from: IsoMonth;
  through: IsoMonth;
}

function readCoverage(db: Db): Coverage | null {
  const row = preparedOnce(db, "summaries-coverage", () => db.select().from(appSettings).where(eq(appSettings.key, COVERAGE_KEY)).prepare()).get();
  return row ? (JSON.parse(row.value) as Coverage) : null;
}

/**
 * Call in the same transaction as any change to work items: forgets the
 * stored and cached figures, so no report ever reads figures older than the
 * data. Reports count live until the next refresh.
 */
export function workItemsChanged(db: Db) {
  db.delete(appSettings).where(eq(appSettings.key, COVERAGE_KEY)).run();
  db.delete(monthSummaries).run();
  newFiguresVersion(db);
}

export interface RefreshResult {
  from: IsoMonth;
  through: IsoMonth;
  rows: number;
  milliseconds: number;
}

/** Counts and stores every finished month's figures, per team and per worker, in one transaction. */
export function refreshMonthSummaries(db: Db, today: IsoDate): RefreshResult {
  const started = performance.now();
  const through = addMonths(monthOf(today), -1);
  const earliest = db
    .select({ day: min(sql<string>`min(${workItems.receivedOn}, ${workItems.dueOn})`) })
    .from(workItems)
    .get()?.day;
  const from = earliest ? monthOf(earliest as IsoDate) : addMonths(through, 1);
  const months = from <= through ? monthRange(from, through) : [];
  let rows = 0;
  // better-sqlite3 transactions belong to the connection: `db` inside is in it.
  db.transaction(() => {
    workItemsChanged(db);
    const insert = db
      .insert(monthSummaries)
      .values({
        teamId: sql.placeholder("teamId"),
        workerId: sql.placeholder("workerId"),
        month: sql.placeholder("month"),
        figures: sql.placeholder("figures"),
      })
      .prepare();
    const store = (teamId: number, workerId: number, figures: MonthFigures[]) => {
      for (const month of figures) {
        if (isEmpty(month)) continue;
        insert.run({ teamId, workerId, month: month.month, figures: JSON.stringify(month) });
        rows += 1;
      }
    };
    if (months.length > 0) {
      for (const { id: teamId } of db.select({ id: teams.id }).from(teams).all()) {
        const items = loadMetricItems(db, { teamId }, { from, to: through, asOf: today });
        store(teamId, 0, computeMonthsFigures(items, months, today));
        for (const [workerId, own] of groupByWorker(items)) store(teamId, workerId, computeMonthsFigures(own, months, today));
      }
    }
    db.insert(appSettings).values({ key: COVERAGE_KEY, value: JSON.stringify({ from, through } satisfies Coverage) }).run();
  });
  return { from, through, rows, milliseconds: Math.round(performance.now() - started) };
}

function groupByWorker(items: readonly MetricItem[]): Map<number, MetricItem[]> {
  const byWorker = new Map<number, MetricItem[]>();
  for (const item of items) {
    if (item.workerId === null) continue;
    const own = byWorker.get(item.workerId) ?? [];
    own.push(item);
    byWorker.set(item.workerId, own);
  }
  return byWorker;
}

/** A month in which nothing counted: not stored, read back as zeros. */
function isEmpty(month: MonthFigures): boolean {
  return (
    !month.received && !month.allocated && !month.awaitingAllocation && !month.overdue && !month.due && !month.completed
  );
}

/** The months (of those asked for) that stored figures can answer for this as-of date. */
function storedMonths(coverage: Coverage | null, months: readonly IsoMonth[], asOf: IsoDate): IsoMonth[] {
  if (!coverage) return [];
  const current = monthOf(asOf);
  return months.filter((month) => month <= coverage.through && month < current);
}

/**
 * The stored figures of the months asked for, for a team or one of its
 * workers; months they cannot answer (the current month, months to come,
 * or everything while a refresh is due) are missing from the map.
 */
export function storedMonthFigures(
  db: Db,
  scope: { teamId: number; workerId?: number },
  months: readonly IsoMonth[],
  asOf: IsoDate,
): Map<IsoMonth, MonthFigures> {
  const wanted = storedMonths(readCoverage(db), months, asOf);
  if (wanted.length === 0) return new Map();
  const rows = db
    .select({ month: monthSummaries.month, figures: monthSummaries.figures })
    .from(monthSummaries)
    .where(
      and(
        eq(monthSummaries.workerId, scope.workerId ?? 0),
        eq(monthSummaries.teamId, scope.teamId),
        gte(monthSummaries.month, wanted[0]!),
        lte(monthSummaries.month, wanted.at(-1)!),
      ),
    )
    .all();
  return withEmptyMonths(wanted, rows, asOf);
}

/**
 * Stored figures of the months asked for, for many at once: every team's
 * whole-team figures (`{ teams }`), or each worker's in one team (`{ workersOf }`).
 */
export function storedFiguresOfMany(
  db: Db,
  of: { teams: readonly number[] } | { workersOf: number; workers: readonly number[] },
  months: readonly IsoMonth[],
  asOf: IsoDate,
): Map<number, Map<IsoMonth, MonthFigures>> {
  const wanted = storedMonths(readCoverage(db), months, asOf);
  const result = new Map<number, Map<IsoMonth, MonthFigures>>();
  if (wanted.length === 0) return result;
  const inMonths = and(gte(monthSummaries.month, wanted[0]!), lte(monthSummaries.month, wanted.at(-1)!));
  const [keys, key, where] =
    "teams" in of
      ? [of.teams, monthSummaries.teamId, and(eq(monthSummaries.workerId, 0), inMonths)]
      : [of.workers, monthSummaries.workerId, and(inArray(monthSummaries.workerId, [...of.workers]), eq(monthSummaries.teamId, of.workersOf), inMonths)];
  const rows = db.select({ key, month: monthSummaries.month, figures: monthSummaries.figures }).from(monthSummaries).where(where).all();
  const byKey = new Map<number, { month: string; figures: string }[]>();
  for (const row of rows) {
    const list = byKey.get(row.key) ?? [];
    list.push(row);
    byKey.set(row.key, list);
  }
  for (const k of keys) result.set(k, withEmptyMonths(wanted, byKey.get(k) ?? [], asOf));
  return result;
}

function withEmptyMonths(
  wanted: readonly IsoMonth[],
  rows: readonly { month: string; figures: string }[],
  asOf: IsoDate,
): Map<IsoMonth, MonthFigures> {
  const stored = new Map(rows.map((row) => [row.month as IsoMonth, JSON.parse(row.figures) as MonthFigures]));
  return new Map(wanted.map((month) => [month, stored.get(month) ?? computeMonthFigures([], month, asOf)]));
}

/** Whether the stored figures miss a finished month (a load since, or a new month begun). */
export function monthSummariesDue(db: Db, today: IsoDate): boolean {
  const coverage = readCoverage(db);
  return coverage === null || coverage.through < addMonths(monthOf(today), -1);
}

/** Refreshes the stored figures of the database at a path, on a connection of its own (after a load). */
export function refreshMonthSummariesOf(databasePath: string, today: IsoDate): RefreshResult {
  const connection = openDatabase(databasePath);
  try {
    return refreshMonthSummaries(connection.db, today);
  } finally {
    connection.close();
  }
}
