/*
 * Stored figures for finished months. Once a month has ended, its figures no
 * longer depend on the as-of date (every figure is taken at or before the
 * month's last day, and no work item is due before it is received), only on
 * the data. So they are counted once after each load, per team and per
 * worker, by the same definitions as a live report, and reports read them.
 * The current month and the months to come are always counted live.
 */
import { randomInt } from "node:crypto";
import { and, eq, gte, inArray, lte, min, sql } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/connection";
import { giveWayToPeople } from "~/platform/background-priority.server";
import { preparedOnce } from "../../db/prepared";
import { appSettings, monthSummaries, teams, workItems } from "../../db/schema";
import { addMonths, monthOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";
import type { MetricItem } from "./definitions";
import { computeMonthFigures, computeMonthsFigures, type MonthFigures } from "./month-figures";
import { figuresVersion, newDataVersion, newFiguresVersion } from "./figures-cache.server";
import { loadMetricItems } from "./metric-items.server";

const COVERAGE_KEY = "month_summaries";

/** The months stored (every month up to `through`; months before `from` had no work) and which refresh's rows hold them. */
interface Coverage {
  from: IsoMonth;
  through: IsoMonth;
  generation: number;
}

function readCoverage(db: Db): Coverage | null {
  const row = preparedOnce(db, "summaries-coverage", () => db.select().from(appSettings).where(eq(appSettings.key, COVERAGE_KEY)).prepare()).get();
  return row ? (JSON.parse(row.value) as Coverage) : null;
}

/**
 * Call in the same transaction as any change to work items: forgets the
 * stored and cached figures, so no report ever reads figures older than the
 * data. Reports count live until the next refresh, which also clears the
 * rows forgotten here (deleting them now would make a load hold the write
 * lock longer).
 */
export function workItemsChanged(db: Db) {
  db.delete(appSettings).where(eq(appSettings.key, COVERAGE_KEY)).run();
  newDataVersion(db);
}

export interface RefreshResult {
  from: IsoMonth;
  through: IsoMonth;
  rows: number;
  milliseconds: number;
}

/** One stored row: a team's (worker 0) or a worker's figures for a month. */
interface SummaryRow {
  teamId: number;
  workerId: number;
  month: IsoMonth;
  figures: string;
}

/** Counting again while loads keep landing in between: after this many tries, count while holding the write lock. */
const COUNTING_TRIES = 3;
/** Rows written, or old rows cleared, per transaction: each holds the write lock for a few milliseconds. */
const ROWS_PER_TRANSACTION = 2000;

/**
 * Counts and stores every finished month's figures, per team and per worker.
 * The counting (seconds, at a large council's scale) reads one consistent
 * snapshot without the write lock, and the rows are written in small
 * transactions under a new generation that no report reads until one short
 * transaction makes it current; so people's saves never wait long behind it.
 * If the work items changed meanwhile (a load landed), it counts again. See
 * docs/decisions/2026-11-23-writes-during-loads.md.
 */
export function refreshMonthSummaries(db: Db, today: IsoDate): RefreshResult {
  const started = performance.now();
  const sqlite = db.$client;
  // Already in a caller's transaction: count and store inside it.
  if (sqlite.inTransaction) {
    const counted = countSummaries(db, today);
    writeRows(db, counted, false);
    makeCurrent(db, counted);
    clearOldGenerations(db, false);
    return resultOf(counted, started);
  }
  for (let attempt = 1; attempt <= COUNTING_TRIES; attempt += 1) {
    const last = attempt === COUNTING_TRIES;
    // The last try holds the write lock from counting to storing, so nothing can land in between.
    if (!last) sqlite.exec("BEGIN");
    let counted: CountedSummaries;
    try {
      counted = last ? db.transaction(() => countSummaries(db, today)) : countSummaries(db, today);
    } finally {
      if (!last) sqlite.exec("COMMIT");
    }
    writeRows(db, counted, true);
    const current = db.transaction(() => figuresVersion(db) === counted.version && storedRows(db, counted.generation) === counted.rows.length && (makeCurrent(db, counted), true));
    clearOldGenerations(db, true);
    if (current) return resultOf(counted, started);
  }
  throw new Error(`The month figures could not be counted: the work items changed ${COUNTING_TRIES} times while they were being counted.`);
}

interface CountedSummaries {
  /** The data version the figures were counted from. */
  version: string;
  generation: number;
  from: IsoMonth;
  through: IsoMonth;
  rows: SummaryRow[];
}

function countSummaries(db: Db, today: IsoDate): CountedSummaries {
  const version = figuresVersion(db);
  const through = addMonths(monthOf(today), -1);
  const earliest = db
    .select({
      day: min(sql<string>`min(${workItems.receivedOn}, ${workItems.dueOn})`),
    })
    .from(workItems)
    .get()?.day;
  const from = earliest ? monthOf(earliest as IsoDate) : addMonths(through, 1);
  const months = from <= through ? monthRange(from, through) : [];
  const rows: SummaryRow[] = [];
  const keep = (teamId: number, workerId: number, figures: MonthFigures[]) => {
    for (const month of figures)
      if (!isEmpty(month))
        rows.push({
          teamId,
          workerId,
          month: month.month,
          figures: JSON.stringify(month),
        });
  };
  if (months.length > 0) {
    for (const { id: teamId } of db.select({ id: teams.id }).from(teams).all()) {
      const items = loadMetricItems(db, { teamId }, { from, to: through, asOf: today });
      keep(teamId, 0, computeMonthsFigures(items, months, today));
      for (const [workerId, own] of groupByWorker(items)) keep(teamId, workerId, computeMonthsFigures(own, months, today));
    }
  }
  // Random, so two refreshes running at once never write into each other's generation.
  return { version, generation: randomInt(1, 2 ** 47), from, through, rows };
}

/** Runs `work` in its own short write transaction, or directly when already inside one. */
function inSteps(db: Db, ownTransactions: boolean, work: () => void) {
  if (ownTransactions) db.transaction(work);
  else work();
}

function writeRows(db: Db, counted: CountedSummaries, ownTransactions: boolean) {
  const insert = db.$client.prepare("insert into month_summaries (generation, team_id, worker_id, month, figures) values (?, ?, ?, ?, ?)");
  for (let at = 0; at < counted.rows.length; at += ROWS_PER_TRANSACTION) {
    inSteps(db, ownTransactions, () => {
      for (const row of counted.rows.slice(at, at + ROWS_PER_TRANSACTION)) insert.run(counted.generation, row.teamId, row.workerId, row.month, row.figures);
    });
  }
}

function storedRows(db: Db, generation: number): number {
  return db.$client.prepare("select count(*) from month_summaries where generation = ?").pluck().get(generation) as number;
}

/** Makes the counted generation the one reports read; call inside a write transaction. */
function makeCurrent(db: Db, counted: CountedSummaries) {
  const coverage: Coverage = {
    from: counted.from,
    through: counted.through,
    generation: counted.generation,
  };
  db.insert(appSettings)
    .values({ key: COVERAGE_KEY, value: JSON.stringify(coverage) })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: { value: JSON.stringify(coverage) },
    })
    .run();
  newFiguresVersion(db);
}

/** Deletes the rows no report reads: earlier generations, and one abandoned because a load landed while it was counted. */
function clearOldGenerations(db: Db, ownTransactions: boolean) {
  const current = readCoverage(db)?.generation ?? 0;
  const clear = db.$client.prepare(`delete from month_summaries where rowid in (select rowid from month_summaries where generation != ? limit ${ROWS_PER_TRANSACTION})`);
  for (let cleared = -1; cleared !== 0;) inSteps(db, ownTransactions, () => (cleared = clear.run(current).changes));
}

function resultOf(counted: CountedSummaries, started: number): RefreshResult {
  return {
    from: counted.from,
    through: counted.through,
    rows: counted.rows.length,
    milliseconds: Math.round(performance.now() - started),
  };
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
  return !month.received && !month.allocated && !month.awaitingAllocation && !month.overdue && !month.due && !month.completed;
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
export function storedMonthFigures(db: Db, scope: { teamId: number; workerId?: number }, months: readonly IsoMonth[], asOf: IsoDate): Map<IsoMonth, MonthFigures> {
  return inOneSnapshot(db, () => {
    const coverage = readCoverage(db);
    const wanted = storedMonths(coverage, months, asOf);
    if (wanted.length === 0) return new Map();
    const rows = db
      .select({ month: monthSummaries.month, figures: monthSummaries.figures })
      .from(monthSummaries)
      .where(
        and(
          eq(monthSummaries.generation, coverage!.generation),
          eq(monthSummaries.workerId, scope.workerId ?? 0),
          eq(monthSummaries.teamId, scope.teamId),
          gte(monthSummaries.month, wanted[0]!),
          lte(monthSummaries.month, wanted.at(-1)!),
        ),
      )
      .all();
    return withEmptyMonths(wanted, rows, asOf);
  });
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
  return inOneSnapshot(db, () => {
    const coverage = readCoverage(db);
    const wanted = storedMonths(coverage, months, asOf);
    const result = new Map<number, Map<IsoMonth, MonthFigures>>();
    if (wanted.length === 0) return result;
    const inMonths = and(eq(monthSummaries.generation, coverage!.generation), gte(monthSummaries.month, wanted[0]!), lte(monthSummaries.month, wanted.at(-1)!));
    const [keys, key, where] =
      "teams" in of
        ? [of.teams, monthSummaries.teamId, and(eq(monthSummaries.workerId, 0), inMonths)]
        : [of.workers, monthSummaries.workerId, and(inArray(monthSummaries.workerId, [...of.workers]), eq(monthSummaries.teamId, of.workersOf), inMonths)];
    const rows = db
      .select({
        key,
        month: monthSummaries.month,
        figures: monthSummaries.figures,
      })
      .from(monthSummaries)
      .where(where)
      .all();
    const byKey = new Map<number, { month: string; figures: string }[]>();
    for (const row of rows) {
      const list = byKey.get(row.key) ?? [];
      list.push(row);
      byKey.set(row.key, list);
    }
    for (const k of keys) result.set(k, withEmptyMonths(wanted, byKey.get(k) ?? [], asOf));
    return result;
  });
}

/**
 * Reads the coverage and the rows it points to from one snapshot: otherwise a
 * refresh could make another generation current, and clear this one's rows,
 * between the two reads.
 */
function inOneSnapshot<T>(db: Db, read: () => T): T {
  const sqlite = db.$client;
  if (sqlite.inTransaction) return read();
  sqlite.exec("BEGIN");
  try {
    return read();
  } finally {
    sqlite.exec("COMMIT");
  }
}

function withEmptyMonths(wanted: readonly IsoMonth[], rows: readonly { month: string; figures: string }[], asOf: IsoDate): Map<IsoMonth, MonthFigures> {
  const stored = new Map(rows.map((row) => [row.month as IsoMonth, JSON.parse(row.figures) as MonthFigures]));
  return new Map(wanted.map((month) => [month, stored.get(month) ?? computeMonthFigures([], month, asOf)]));
}

/** Whether the stored figures miss a finished month (a load since, or a new month begun). */
export function monthSummariesDue(db: Db, today: IsoDate): boolean {
  const coverage = readCoverage(db);
  return coverage === null || coverage.through < addMonths(monthOf(today), -1);
}

/**
 * Refreshes the stored figures of the database at a path, on a connection of
 * its own (`primed refresh-summaries`): at a lower priority than the pages
 * people are waiting for.
 */
export function refreshMonthSummariesOf(databasePath: string, today: IsoDate): RefreshResult {
  return givingWay(databasePath, (db) => refreshMonthSummaries(db, today));
}

/** Runs `work` on a connection of its own, at a lower priority than the pages people are waiting for. */
function givingWay<T>(databasePath: string, work: (db: Db) => T): T {
  giveWayToPeople();
  const connection = openDatabase(databasePath);
  try {
    return work(connection.db);
  } finally {
    connection.close();
  }
}

/** What a load did to the stored month figures: counted them again, or found them current. */
export type FiguresAfterLoad = RefreshResult | "already up to date";

/**
 * After a load (the command line, an upload's job): counts the month figures
 * again only when they are due. A load that changed no work item leaves them
 * current, and counting them all again took 13 to 17 s of processor at a
 * large council's scale for nothing.
 */
export function refreshMonthSummariesAfterLoad(databasePath: string, today: IsoDate): FiguresAfterLoad {
  return givingWay(databasePath, (db) => (monthSummariesDue(db, today) ? refreshMonthSummaries(db, today) : "already up to date"));
}
