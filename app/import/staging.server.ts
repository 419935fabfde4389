/*
 * Stage: the checked rows of an extract go into tables of the loading
 * connection's own (temp), keyed by their line in the file, so rows go in in
 * order (no index to keep up) and a repeated reference finds its first row;
 * work rows in staged_items, Service rows in staged_services, each with its
 * stored table's column types, so values compare alike.
 */
import type Database from "better-sqlite3";

export const ITEM_COLUMNS = [
  "person_ref",
  "work_type_id",
  "team_id",
  "worker_id",
  "received_on",
  "allocated_on",
  "due_on",
  "completed_on",
  "outcome_id",
  "outcome_raw",
  "event_type",
  "client_type",
  "route_of_access",
  "assessment_type",
  "review_reason",
  "description",
] as const;

export type ItemColumn = (typeof ITEM_COLUMNS)[number];

/** The care_services columns a Service row gives, in the order of row-batches.ts's ServiceField after the reference. */
export const SERVICE_COLUMNS = [
  "person_ref",
  "team_id",
  "worker_id",
  "service_type",
  "service_type_raw",
  "starts_on",
  "ends_on",
  "unit_cost",
  "cost_frequency",
  "planned_units",
  "weekly_cost",
  "age_at_start",
  "service_component",
  "delivery_mechanism",
  "provider_location",
] as const;

export type ServiceColumn = (typeof SERVICE_COLUMNS)[number];
export type StagedValue = string | number | null;

/**
 * A staged row's value of a column as it is to be stored: the ids below zero
 * of teams and workers made by this load become their real ids, looked up
 * rather than written back into every staged row (a first load names 1,600
 * teams and workers; rewriting its million staged rows took 1.8 s).
 */
export function storedValue(column: ItemColumn | ServiceColumn, table: "staged_items" | "staged_services" = "staged_items"): string {
  const value = `${table}.${column}`;
  const realIds = column === "team_id" ? "temp.real_teams" : column === "worker_id" ? "temp.real_workers" : null;
  // Until they are made, a new team or worker keeps its id below zero, which matches nothing stored.
  return realIds ? `case when ${value} < 0 then coalesce((select real from ${realIds} where provisional = ${value}), ${value}) else ${value} end` : value;
}

/** Rows per insert statement: one statement per row costs twice as much. */
const UPSERT_ROWS = 16;

/** The staged rows' table and the tables of the real ids of the teams and workers this load makes, empty. */
export function createStagingTables(sqlite: Database.Database) {
  const columnTypes = new Map((sqlite.prepare("select name, type from pragma_table_info('work_items')").all() as { name: string; type: string }[]).map((c) => [c.name, c.type]));
  const serviceColumnTypes = new Map(
    (sqlite.prepare("select name, type from pragma_table_info('care_services')").all() as { name: string; type: string }[]).map((c) => [c.name, c.type]),
  );
  sqlite.exec("drop table if exists temp.staged_items; drop table if exists temp.staged_services; drop table if exists temp.real_teams; drop table if exists temp.real_workers");
  sqlite.exec("create temp table real_teams (provisional integer primary key, real integer not null)");
  sqlite.exec("create temp table real_workers (provisional integer primary key, real integer not null)");
  sqlite.exec(`create temp table staged_items (line integer primary key, ${["source_ref", ...ITEM_COLUMNS].map((c) => `${c} ${columnTypes.get(c)}`).join(", ")}, state integer)`);
  sqlite.exec(
    `create temp table staged_services (line integer primary key, ${["source_ref", ...SERVICE_COLUMNS].map((c) => `${c} ${serviceColumnTypes.get(c)}`).join(", ")}, state integer)`,
  );
}

/** Stages rows in batches, and finds a staged row again to compare a repeat with. */
export class StagingTable {
  private readonly stageBatch: Database.Statement;
  private readonly stageOne: Database.Statement;
  private readonly stagedRow: Database.Statement;
  private readonly stagedRowOf: Database.Statement;
  private pending: StagedValue[] = [];
  private pendingRows = 0;
  /** Rows staged so far. */
  rowCount = 0;

  constructor(
    sqlite: Database.Database,
    table: "staged_items" | "staged_services" = "staged_items",
    private readonly columns: readonly string[] = ITEM_COLUMNS,
  ) {
    const stageSql = (rowCount: number) =>
      `insert into temp.${table} (line, source_ref, ${columns.join(", ")})
       values ${Array.from({ length: rowCount }, () => `(?, ?, ${columns.map(() => "?").join(", ")})`).join(", ")}`;
    this.stageBatch = sqlite.prepare(stageSql(UPSERT_ROWS));
    this.stageOne = sqlite.prepare(stageSql(1));
    // Asked only of a reference seen before in the file: by the staged row's line, its key.
    this.stagedRow = sqlite.prepare(`select source_ref, ${columns.join(", ")} from temp.${table} where line = ?`).raw();
    // Two references sharing a 64-bit hash (see ReferenceSet): never in practice, so a scan will do.
    this.stagedRowOf = sqlite.prepare(`select line, source_ref, ${columns.join(", ")} from temp.${table} where source_ref = ?`).raw();
  }

  /** Stages a row: its line, then its source reference and the columns' values. */
  add(line: number, values: readonly StagedValue[]) {
    this.pending.push(line);
    for (const value of values) this.pending.push(value);
    this.pendingRows += 1;
    this.rowCount += 1;
    if (this.pendingRows === UPSERT_ROWS) this.flush();
  }

  flush() {
    if (this.pendingRows === UPSERT_ROWS) this.stageBatch.run(this.pending);
    else for (let i = 0; i < this.pendingRows; i += 1) this.stageOne.run(this.pending.slice(i * (this.columns.length + 2), (i + 1) * (this.columns.length + 2)));
    this.pending = [];
    this.pendingRows = 0;
  }

  /**
   * The staged row of a reference seen before, first staged on `firstRow` (as
   * ReferenceSet says), with the line it is on: its source reference, then the
   * columns' values. Undefined: a different reference sharing its hash.
   */
  firstStaged(sourceRef: string, firstRow: number): { values: StagedValue[]; line: number } | undefined {
    this.flush();
    let first = this.stagedRow.get(firstRow) as StagedValue[] | undefined;
    let firstLine = firstRow;
    if (first && first[0] !== sourceRef) {
      const same = this.stagedRowOf.get(sourceRef) as StagedValue[] | undefined;
      first = same?.slice(1);
      firstLine = (same?.[0] as number | undefined) ?? firstRow;
    }
    return first ? { values: first, line: firstLine } : undefined;
  }
}
