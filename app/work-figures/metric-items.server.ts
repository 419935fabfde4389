import type { Statement } from "better-sqlite3";
import type { Db } from "../../db/connection";
import { firstDayOf, lastDayOf, type IsoDate, type IsoMonth } from "~/dates";
import type { MetricItem } from "./definitions";
import { figuresVersion } from "./figures-cache.server";

/** Whose work a report counts, and which of it: the filters a report's address may carry. */
export interface ReportScope {
  teamId?: number;
  workerId?: number;
  workTypeId?: number;
  outcomeGroup?: string;
}

export interface ReportRange {
  from: IsoMonth;
  to: IsoMonth;
  asOf: IsoDate;
}

/**
 * The only items any figure in the range can count: received by the as-of
 * date (and by the range's end) and still open at the range's start or at the
 * as-of date, whichever is earlier.
 *
 * Plain SQL through a statement prepared once per connection and shape of
 * filter: every report reads items through here, and drizzle's query
 * building and row mapping cost four times the read itself (7.8 s against
 * under 2 s for a large council's million items).
 */
export function loadMetricItems(db: Db, scope: ReportScope, range: ReportRange): (MetricItem & { teamId: number })[] {
  return readItemsOnce(db, scope, range) as (MetricItem & { teamId: number })[];
}

/**
 * Each connection's reads of items in this turn of the event loop, by the figures' version and what was asked. A team
 * page counted live (after a load, until the month figures are counted again) read the team's months twice in one
 * go, once for the team and once for its workers: 45 ms each for the largest team, in the second after a load when
 * every team is counted live (the morning rush). Keyed by the version, a read is never reused across a change; let
 * go when the turn ends, so no list of items outlives the page that read it. Lists shared this way are only read.
 */
const readsThisTurn = new WeakMap<Db["$client"], Map<string, unknown[]>>();

function readItemsOnce(db: Db, scope: ReportScope, range: ReportRange): unknown[] {
  const sqlite = db.$client;
  // A transaction handle has no connection of its own to key on; a transaction sees changes it may roll back.
  if (!sqlite || sqlite.inTransaction) return readItems(db, scope, range, false);
  const [shape, args] = filtersOf(scope, range);
  const key = `${figuresVersion(db)}|${shape}|${JSON.stringify(args)}`;
  let reads = readsThisTurn.get(sqlite);
  if (!reads) {
    readsThisTurn.set(sqlite, (reads = new Map()));
    setImmediate(() => readsThisTurn.delete(sqlite));
  }
  let items = reads.get(key);
  if (!items) reads.set(key, (items = rowsToItems(statementFor(db, shape, false).all(...args) as Row[], false)));
  return items;
}

/** What a list of work items shows about each one, beside what the metrics read. */
export interface ItemDetails {
  sourceRef: string;
  personRef: string;
  workType: string;
  worker: string | null;
}

/** The same items as loadMetricItems, with what a person needs to find each one: for the lists behind figures. */
export function loadItemsWithDetails(db: Db, scope: ReportScope, range: ReportRange): (MetricItem & ItemDetails & { teamId: number })[] {
  return readItems(db, scope, range, true) as (MetricItem & ItemDetails & { teamId: number })[];
}

function readItems(db: Db, scope: ReportScope, range: ReportRange, details: boolean): unknown[] {
  const [shape, args] = filtersOf(scope, range);
  return rowsToItems(statementFor(db, shape, details).all(...args) as Row[], details);
}

type Row = unknown[];

/**
 * Rows come as arrays and are made into items here: better-sqlite3's row objects took twice as long to make (a large
 * team's 24 months, 11,800 items: 67 to 81 ms against 35 to 47 ms), and that was most of a report counted live.
 * The columns are in the order the statement selects them.
 */
function rowsToItems(rows: Row[], details: boolean): unknown[] {
  return details
    ? rows.map((r) => ({
        id: r[0],
        teamId: r[1],
        receivedOn: r[2],
        allocatedOn: r[3],
        workerId: r[4],
        dueOn: r[5],
        completedOn: r[6],
        category: r[7],
        outcome: r[8],
        outcomeGroup: r[9],
        routeOfAccess: r[10],
        sourceRef: r[11],
        personRef: r[12],
        workType: r[13],
        worker: r[14],
      }))
    : rows.map((r) => ({
        id: r[0],
        teamId: r[1],
        receivedOn: r[2],
        allocatedOn: r[3],
        workerId: r[4],
        dueOn: r[5],
        completedOn: r[6],
        category: r[7],
        outcome: r[8],
        outcomeGroup: r[9],
        routeOfAccess: r[10],
      }));
}

/** The statement's shape (which filters it has) and its arguments, for a scope and range. */
function filtersOf(scope: ReportScope, range: ReportRange): [string, (string | number)[]] {
  const receivedBy = [lastDayOf(range.to), range.asOf].sort()[0] as IsoDate;
  const openFrom = [firstDayOf(range.from), range.asOf].sort()[0] as IsoDate;
  const filters = filterColumns.filter(([key]) => scope[key] !== undefined);
  return [filters.map(([key]) => key).join(","), [...filters.map(([key]) => scope[key]!), receivedBy, openFrom]];
}

const filterColumns = [
  ["teamId", "i.team_id"],
  ["workerId", "i.worker_id"],
  ["workTypeId", "i.work_type_id"],
  ["outcomeGroup", "o.group_name"],
] as const satisfies [keyof ReportScope, string][];

const statements = new WeakMap<Db["$client"], Map<string, Statement>>();

function statementFor(db: Db, shape: string, details: boolean): Statement {
  const cache = statements.get(db.$client) ?? new Map<string, Statement>();
  statements.set(db.$client, cache);
  const key = `${shape}|${details}`;
  let statement = cache.get(key);
  if (!statement) {
    const keys = shape ? shape.split(",") : [];
    const where = [
      ...filterColumns.filter(([key]) => keys.includes(key)).map(([, column]) => `${column} = ?`),
      "i.received_on <= ?",
      "(i.completed_on is null or i.completed_on >= ?)",
    ];
    statement = db.$client
      .prepare(
        `
      select i.id, i.team_id, i.received_on, i.allocated_on, i.worker_id, i.due_on, i.completed_on, t.category,
             o.value, o.group_name, i.route_of_access
             ${details ? ", i.source_ref, i.person_ref, t.name, w.name" : ""}
      from work_items i
      join work_types t on t.id = i.work_type_id
      left join outcomes o on o.id = i.outcome_id
      ${details ? "left join workers w on w.id = i.worker_id" : ""}
      where ${where.join(" and ")}`,
      )
      .raw();
    cache.set(key, statement);
  }
  return statement;
}
