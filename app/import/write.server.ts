/*
 * Write: under the write lock, the teams and workers the file named are made
 * and the new and changed staged rows go into the work items and the services.
 */
import type Database from "better-sqlite3";
import { slugify } from "~/teams/slug";
import { MOST_REFS_LISTED } from "~/work-figures/data-changes.server";
import { changedRowsOf, Staged } from "./classify.server";
import { ITEM_COLUMNS, SERVICE_COLUMNS, type ItemColumn, type ServiceColumn } from "./staging.server";
import { valueKey } from "./values";

/**
 * Makes the teams and workers the file named that Primed did not have (their
 * ids below zero in the staged rows), or finds them if something else made
 * them meanwhile, and records their real ids for `storedValue`. Answers each
 * new team's real id by its id below zero.
 */
export function makeNewTeamsAndWorkers(
  sqlite: Database.Database,
  newTeams: ReadonlyMap<number, string>,
  newWorkers: ReadonlyMap<number, { teamId: number; name: string }>,
): ReadonlyMap<number, number> {
  if (newTeams.size === 0 && newWorkers.size === 0) return new Map();
  // A first load into an empty database sets the service up from the file.
  const serviceId =
    (sqlite.prepare("select id from services order by id limit 1").pluck().get() as number | undefined) ??
    Number(sqlite.prepare("insert into services (name) values ('Adult Social Care')").run().lastInsertRowid);
  const teamIds = new Map((sqlite.prepare("select id, name from teams").all() as { id: number; name: string }[]).map((t) => [valueKey(t.name), t.id]));
  const slugs = new Set(sqlite.prepare("select slug from teams").pluck().all() as string[]);
  const insertTeam = sqlite.prepare("insert into teams (service_id, name, slug, type) values (?, ?, ?, 'locality')");
  const realTeam = new Map<number, number>();
  for (const [provisional, name] of newTeams) {
    let id = teamIds.get(valueKey(name));
    if (id === undefined) {
      const slugBase = slugify(name) || "team";
      let slug = slugBase;
      for (let n = 2; slugs.has(slug); n += 1) slug = `${slugBase}-${n}`;
      slugs.add(slug);
      id = Number(insertTeam.run(serviceId, name, slug).lastInsertRowid);
    }
    realTeam.set(provisional, id);
  }
  const workersOf = sqlite.prepare("select id, name from workers where team_id = ?");
  const insertWorker = sqlite.prepare("insert into workers (team_id, name, role) values (?, ?, 'practitioner')");
  const realWorker = new Map<number, number>();
  for (const [provisional, worker] of newWorkers) {
    const teamId = realTeam.get(worker.teamId) ?? worker.teamId;
    const existing = (workersOf.all(teamId) as { id: number; name: string }[]).find((w) => valueKey(w.name) === valueKey(worker.name));
    realWorker.set(provisional, existing?.id ?? Number(insertWorker.run(teamId, worker.name).lastInsertRowid));
  }
  const setTeam = sqlite.prepare("insert into temp.real_teams (provisional, real) values (?, ?)");
  for (const [provisional, id] of realTeam) setTeam.run(provisional, id);
  const setWorker = sqlite.prepare("insert into temp.real_workers (provisional, real) values (?, ?)");
  for (const [provisional, id] of realWorker) setWorker.run(provisional, id);
  return realTeam;
}

/** A staged row's value of a column as it is to be stored, the real ids of new teams and workers joined on as `rt` and `rw`. */
function valueToStore(column: ItemColumn | ServiceColumn): string {
  const real = column === "team_id" ? "rt.real" : column === "worker_id" ? "rw.real" : null;
  return real ? `case when s.${column} < 0 then coalesce(${real}, s.${column}) else s.${column} end` : `s.${column}`;
}

const joinRealIds = `left join temp.real_teams rt on rt.provisional = s.team_id
    left join temp.real_workers rw on rw.provisional = s.worker_id`;

/**
 * The staged rows marked new (or not marked: a first load, where every row is new), in file order, each value as it
 * is to be stored: as staging.server.ts's storedValue gives it, but with the real ids of new teams and workers joined
 * on rather than looked up row by row (on a first load, where every row names a new team, that cost 0.2 s more).
 */
function newRows(table: "staged_items" | "staged_services", columns: readonly (ItemColumn | ServiceColumn)[]): string {
  return `select s.source_ref, ${columns.map(valueToStore).join(", ")} from temp.${table} s
    ${joinRealIds}
    where coalesce(s.state, ${Staged.Added}) = ${Staged.Added} order by s.line`;
}

/**
 * Writes the staged rows marked changed into `table`: each column its indexes read on its own, the rest together,
 * and each only into the rows where it changed (classify.server.ts notes which). Written whole in one upsert, the
 * morning rush's reload (13,309 services with a new person, 6,691 work items with a new due date or description)
 * held the write lock 767 to 771 ms on a quiet machine; written this way, 606 to 640 ms. An UPDATE rewrites the
 * row's entry in every index that reads a column it sets, and a row written whole is read and written again.
 */
function writeChangedRows(sqlite: Database.Database, table: "work_items" | "care_services", staged: keyof typeof changedRowsOf, columns: readonly (ItemColumn | ServiceColumn)[]) {
  const changed = changedRowsOf[staged];
  if (!sqlite.prepare("select 1 from temp.sqlite_master where name = ?").get(changed)) return;
  const indexed = indexedColumns(sqlite, table);
  const groups = [...columns.filter((c) => indexed.has(c)).map((c) => [c]), columns.filter((c) => !indexed.has(c))].filter((group) => group.length > 0);
  for (const group of groups) {
    const mask = group.reduce((sum, c) => sum + 2 ** columns.indexOf(c), 0);
    sqlite.exec(
      `update main.${table} set (${group.join(", ")}) = (select ${group.map(valueToStore).join(", ")} from temp.${staged} s ${joinRealIds} where s.line = c.line)
       from temp.${changed} c where main.${table}.rowid = c.target and c.changed & ${mask} != 0`,
    );
  }
}

/** The columns any of a table's indexes reads, in its key or in a partial index's condition. */
function indexedColumns(sqlite: Database.Database, table: "work_items" | "care_services"): Set<string> {
  const indexes = sqlite.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ?").all(table) as { name: string; sql: string | null }[];
  const all = sqlite.prepare("select name from pragma_table_info(?)").pluck().all(table) as string[];
  const columns = new Set<string>();
  for (const index of indexes) {
    for (const name of sqlite.prepare("select name from pragma_index_info(?)").pluck().all(index.name) as (string | null)[]) if (name) columns.add(name);
    const condition = /\bwhere\b([\s\S]*)$/i.exec(index.sql ?? "")?.[1] ?? "";
    for (const name of all) if (new RegExp(`\\b${name}\\b`).test(condition)) columns.add(name);
  }
  return columns;
}

/**
 * A table's secondary indexes, dropped when a load writes more than twice the
 * rows stored (and at least `fewest`): built once at the end, they cost less
 * than kept up row by row. The unique index on the reference stays: every row
 * looks itself up in it. Returns what to build again afterwards.
 */
function dropIndexesForLargeWrite(sqlite: Database.Database, table: "work_items" | "care_services", written: number, stored: number, fewest: number): string[] {
  if (written <= Math.max(fewest, 2 * stored)) return [];
  const indexes = sqlite.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null and sql not like 'CREATE UNIQUE%'").all(table) as {
    name: string;
    sql: string;
  }[];
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);
  return indexes.map((index) => index.sql);
}

/** Writes the staged rows marked new or changed (`written` of them) into the work items, `storedItems` being how many there were. */
export function writeStagedRows(sqlite: Database.Database, written: number, storedItems: number) {
  const rebuild = dropIndexesForLargeWrite(sqlite, "work_items", written, storedItems, 50_000);
  sqlite.exec(
    `insert into main.work_items (source_ref, ${ITEM_COLUMNS.join(", ")})
     ${newRows("staged_items", ITEM_COLUMNS)}
     on conflict (source_ref) do update set ${ITEM_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}`,
  );
  writeChangedRows(sqlite, "work_items", "staged_items", ITEM_COLUMNS);
  for (const sql of rebuild) sqlite.exec(sql);
}

/**
 * Writes the staged Service rows marked new or changed (`written` of them) into the services, `storedServices` being
 * how many there were: a first load's 133,000 services took 0.6 s with their three indexes kept up row by row.
 */
export function writeStagedServices(sqlite: Database.Database, written: number, storedServices: number) {
  const rebuild = dropIndexesForLargeWrite(sqlite, "care_services", written, storedServices, 20_000);
  sqlite.exec(
    `insert into main.care_services (source_ref, ${SERVICE_COLUMNS.join(", ")})
     ${newRows("staged_services", SERVICE_COLUMNS)}
     on conflict (source_ref) do update set ${SERVICE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}`,
  );
  writeChangedRows(sqlite, "care_services", "staged_services", SERVICE_COLUMNS);
  for (const sql of rebuild) sqlite.exec(sql);
}

/**
 * The references of the staged rows written that the care book must read back, for the data_changes record: the new
 * ones, and the changed ones whose change is in a column it reads (`bookColumns`; every changed row when the columns
 * changed were not noted). Null above MOST_REFS_LISTED.
 */
export function writtenRefs(sqlite: Database.Database, table: keyof typeof changedRowsOf, written: number, bookColumns: readonly (ItemColumn | ServiceColumn)[]): string[] | null {
  if (written > MOST_REFS_LISTED) return null;
  const all = (table === "staged_items" ? ITEM_COLUMNS : SERVICE_COLUMNS) as readonly string[];
  const mask = bookColumns.reduce((sum, c) => {
    if (!all.includes(c)) throw new Error(`The care book reads ${c}, which the import does not write to ${table}.`);
    return sum + 2 ** all.indexOf(c);
  }, 0);
  const noted = sqlite.prepare("select 1 from temp.sqlite_master where name = ?").get(changedRowsOf[table]) !== undefined;
  const changed = noted
    ? `select s.source_ref from temp.${changedRowsOf[table]} c join temp.${table} s on s.line = c.line where c.changed & ${mask} != 0`
    : `select source_ref from temp.${table} where state = ${Staged.Updated}`;
  return sqlite.prepare(`select source_ref from temp.${table} where coalesce(state, ${Staged.Added}) = ${Staged.Added} union all ${changed}`).pluck().all() as string[];
}
