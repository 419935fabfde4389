/*
 * The one import pipeline, for the command line and the upload page. A
 * second thread reads and checks the extract's rows (reader-thread.server.ts)
 * while this one stages them in a table of its own connection (temp), under
 * one read snapshot, and marks each new, changed or unchanged. Only then does
 * it take the write lock, to write the new and changed rows and the run's
 * record in one short transaction: people's saves do not wait behind the
 * reading, and a bad file, a crash or a full disk leaves the database as it
 * was. See docs/decisions/2026-11-23-writes-during-loads.md.
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { safeCsvRecord } from "~/platform/csv";
import { openDatabase } from "../../db/connection";
import type { Actor } from "~/audit/audit.server";
import { ensureReferenceData } from "~/reference-data/reference-data.server";
import { slugify } from "~/teams/slug";
import { columns } from "./columns";
import { NotUtf8Error, type FileEncoding } from "./csv-records";
import { figuresVersion } from "~/work-figures/figures-cache.server";
import { workItemsChanged } from "~/work-figures/month-summaries.server";
import { recordImportRun, type ImportCounts } from "./history.server";
import { startReaderThread } from "./reader-thread.server";
import { ITEM_FIELDS, ItemField, type InvalidRow, type RowBatch } from "./row-batches";
import type { RowProblem, WorkTypeRule } from "./rows";
import { ReferenceSet } from "./reference-set";
import { valueKey } from "./values";

export const PROBLEM_LIST_CAP = 200;

export interface ImportOptions {
  databasePath: string;
  file: string;
  /** The name the person knows the file by (an upload's original name). */
  fileName?: string;
  actor: Actor;
  dryRun?: boolean;
  skipInvalid?: boolean;
  createMissing?: boolean;
  /** Where to write rejected rows with a reason column, when skipping invalid rows. */
  rejectsPath?: string;
  onProgress?: (progress: ImportProgress) => void;
}

/** How far a load has got: bytes of the file read, and rows. */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

export interface ImportReport extends ImportCounts {
  status: "loaded" | "dry_run" | "refused";
  encoding: FileEncoding;
  /** Teams and workers created from the file (with createMissing). */
  created: { teams: string[]; workers: string[] };
  /** The first problems, capped; `problemCount` counts them all. */
  problems: RowProblem[];
  problemCount: number;
  fileProblems: string[];
  ignoredColumns: string[];
  rejectsPath: string | null;
  durationMs: number;
  importId: number | null;
}

type Row = Record<string, string | number | null>;

const ITEM_COLUMNS = [
  "person_ref", "work_type_id", "team_id", "worker_id", "received_on", "allocated_on", "due_on", "completed_on",
  "outcome_id", "outcome_raw", "event_type", "client_type", "route_of_access", "assessment_type", "review_reason", "description",
] as const;

/**
 * A staged row's value of a column as it is to be stored: the ids below zero
 * of teams and workers made by this load become their real ids, looked up
 * rather than written back into every staged row (a first load names 1,600
 * teams and workers; rewriting its million staged rows took 1.8 s).
 */
function storedValue(column: (typeof ITEM_COLUMNS)[number]): string {
  const value = `staged_items.${column}`;
  const realIds = column === "team_id" ? "temp.real_teams" : column === "worker_id" ? "temp.real_workers" : null;
  // Until they are made, a new team or worker keeps its id below zero, which matches nothing stored.
  return realIds ? `case when ${value} < 0 then coalesce((select real from ${realIds} where provisional = ${value}), ${value}) else ${value} end` : value;
}

/** Rows per insert statement: one statement per row costs twice as much. */
const UPSERT_ROWS = 16;

/** The history's one-line summary of a run. */
function summaryOf(r: ImportReport): string {
  if (r.status === "refused") return `Refused: ${r.fileProblems[0] ?? `${r.problemCount} problem${r.problemCount === 1 ? "" : "s"} in the rows`}`;
  const dryRun = r.status === "dry_run";
  return `${dryRun ? "Dry run: would add" : "Added"} ${r.added}, ${dryRun ? "update" : "updated"} ${r.updated}, ${r.unchanged} unchanged, ${r.rejected} rejected`;
}

/** A load that failed for a reason its user can act on, said in words; nothing was changed. */
export class ImportFailedError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** A full disk in words (SQLite's own is "database or disk is full"); other errors as they are. */
function explainedFailure(error: unknown, databasePath: string): unknown {
  const code = (error as { code?: unknown })?.code;
  if (code !== "SQLITE_FULL" && code !== "ENOSPC") return error;
  return new ImportFailedError(
    `The disk is full: the load stopped part-way and nothing was changed (the database is as it was before). Free some space on the disk that holds ${path.dirname(path.resolve(databasePath))}, then load the file again.`,
    code,
  );
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const totalBytes = fs.statSync(options.file).size;
  for (const encoding of ["utf-8", "windows-1252"] as const) {
    try {
      return await importWithEncoding(options, encoding, { started, totalBytes });
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
    }
  }
  throw new Error("unreachable: Windows-1252 decodes every byte");
}

async function importWithEncoding(
  options: ImportOptions,
  encoding: FileEncoding,
  file: { started: number; totalBytes: number },
): Promise<ImportReport> {
  const connection = openDatabase(options.databasePath);
  const { sqlite, db } = connection;
  const report: ImportReport = {
    status: "loaded", encoding, rowsRead: 0, added: 0, updated: 0, unchanged: 0, rejected: 0, notWorkItems: 0,
    created: { teams: [], workers: [] }, problems: [], problemCount: 0, fileProblems: [], ignoredColumns: [],
    rejectsPath: null, durationMs: 0, importId: null,
  };
  const problem = (p: RowProblem) => {
    report.problemCount += 1;
    if (report.problems.length < PROBLEM_LIST_CAP) report.problems.push(p);
  };
  let rejects: { fd: number; header: string[] } | null = null;

  sqlite.pragma("cache_size = -16384");
  try {
    // The reader checks rows against these: a short write, nearly always of nothing.
    db.transaction(() => ensureReferenceData(db));
    // Reading and checking the file writes only to a table of this connection's own
    // (temp), under one read snapshot: people's saves and the reports carry on meanwhile.
    // Keyed by the row's line in the file, so rows go in in order (no index to keep up) and a
    // repeated reference finds its first row; the work items' column types, so values compare alike.
    const columnTypes = new Map((sqlite.prepare("select name, type from pragma_table_info('work_items')").all() as { name: string; type: string }[]).map((c) => [c.name, c.type]));
    sqlite.exec("drop table if exists temp.staged_items; drop table if exists temp.real_teams; drop table if exists temp.real_workers");
    sqlite.exec("create temp table real_teams (provisional integer primary key, real integer not null)");
    sqlite.exec("create temp table real_workers (provisional integer primary key, real integer not null)");
    sqlite.exec(
      `create temp table staged_items (line integer primary key, ${["source_ref", ...ITEM_COLUMNS].map((c) => `${c} ${columnTypes.get(c)}`).join(", ")}, state integer)`,
    );
    sqlite.exec("BEGIN");
    const storedItems = sqlite.prepare("select count(*) from work_items").pluck().get() as number;
    const teams = sqlite.prepare("select id, name from teams").all() as { id: number; name: string }[];
    const teamIds = new Map(teams.map((t) => [valueKey(t.name), t.id]));
    const workers = sqlite.prepare("select id, team_id, name from workers where team_id is not null").all() as { id: number; team_id: number; name: string }[];
    const workerIds = new Map(workers.map((w) => [`${w.team_id}|${valueKey(w.name)}`, w.id]));
    // Names by id, to say how two rows of one reference differ.
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const workerNames = new Map(workers.map((w) => [w.id, w.name]));
    const workTypes = sqlite.prepare("select id, code, name, timescale, timescale_unit as timescaleUnit from work_types").all() as (WorkTypeRule & { id: number })[];
    const outcomeRows = sqlite.prepare("select id, value from outcomes").all() as { id: number; value: string }[];
    // Teams and workers the file names and Primed does not have (with createMissing): they
    // are given ids below zero here, and made, with real ids, only when the rows are written.
    const newTeams = new Map<number, string>();
    const newWorkers = new Map<number, { teamId: number; name: string }>();

    const stageSql = (rowCount: number) =>
      `insert into temp.staged_items (line, source_ref, ${ITEM_COLUMNS.join(", ")})
       values ${Array.from({ length: rowCount }, () => `(?, ?, ${ITEM_COLUMNS.map(() => "?").join(", ")})`).join(", ")}`;
    const stageBatch = sqlite.prepare(stageSql(UPSERT_ROWS));
    const stageOne = sqlite.prepare(stageSql(1));
    // Asked only of a reference seen before in the file: by the staged row's line, its key.
    const stagedRow = sqlite.prepare(`select source_ref, ${ITEM_COLUMNS.join(", ")} from temp.staged_items where line = ?`).raw();
    // Two references sharing a 64-bit hash (see ReferenceSet): never in practice, so a scan will do.
    const stagedRowOf = sqlite.prepare(`select line, source_ref, ${ITEM_COLUMNS.join(", ")} from temp.staged_items where source_ref = ?`).raw();
    const workTypeNames = new Map(workTypes.map((t) => [t.id, t.name]));
    /** A staged value as the file's reader knows it: names for ids, "(empty)" for nothing. */
    const shown = (column: (typeof ITEM_COLUMNS)[number], value: Row[string]): string => {
      if (value === null) return "(empty)";
      const named =
        column === "team_id" ? (teamNames.get(value as number) ?? newTeams.get(value as number))
        : column === "worker_id" ? (workerNames.get(value as number) ?? newWorkers.get(value as number)?.name)
        : column === "work_type_id" ? workTypeNames.get(value as number)
        : undefined;
      return named ?? String(value);
    };
    let pending: Row[string][] = [];
    let pendingRows = 0;
    const flush = () => {
      if (pendingRows === UPSERT_ROWS) stageBatch.run(pending);
      else for (let i = 0; i < pendingRows; i += 1) stageOne.run(pending.slice(i * (ITEM_COLUMNS.length + 2), (i + 1) * (ITEM_COLUMNS.length + 2)));
      pending = [];
      pendingRows = 0;
    };
    const seen = new ReferenceSet();
    let header: string[] = [];

    const reject = (cells: string[], reasons: string) => {
      report.rejected += 1;
      if (!options.skipInvalid || !options.rejectsPath) return;
      if (!rejects) {
        fs.mkdirSync(path.dirname(path.resolve(options.rejectsPath)), { recursive: true });
        rejects = { fd: fs.openSync(options.rejectsPath, "w"), header };
        // Opened in a spreadsheet to be put right: made safe like every download.
        fs.writeSync(rejects.fd, safeCsvRecord([...header, "Reason"]));
        report.rejectsPath = options.rejectsPath;
      }
      fs.writeSync(rejects.fd, safeCsvRecord([...cells, reasons]));
    };

    const teamFor = (team: string, line: number): number | null => {
      const key = valueKey(team);
      let id = teamIds.get(key);
      if (id === undefined && options.createMissing) {
        id = -(newTeams.size + 1);
        newTeams.set(id, team);
        teamIds.set(key, id);
        report.created.teams.push(team);
      }
      if (id === undefined) {
        problem({ row: line, column: "Team", value: team, problem: "is not a team Primed knows", accepted: "the name of a team set up in Primed, or choose to create missing teams and workers" });
        return null;
      }
      return id;
    };

    const workerFor = (worker: string | null, team: string, teamId: number, line: number): number | null | undefined => {
      if (worker === null) return null;
      const key = `${teamId}|${valueKey(worker)}`;
      let id = workerIds.get(key);
      if (id === undefined && options.createMissing) {
        id = -(newWorkers.size + 1);
        newWorkers.set(id, { teamId, name: worker });
        workerIds.set(key, id);
        report.created.workers.push(`${worker} (${team})`);
      }
      if (id === undefined) {
        problem({ row: line, column: "Worker", value: worker, problem: `is not a worker in ${team}`, accepted: "the name of a worker in the row's team, or choose to create missing teams and workers" });
        return undefined;
      }
      return id;
    };

    /** One valid row from the reader thread: its team and worker resolved, then written (or compared, if repeated). */
    const takeItem = (items: RowBatch["items"], at: number, cells: string[] | undefined) => {
      const line = items[at + ItemField.Row] as number;
      const sourceRef = items[at + ItemField.SourceRef] as string;
      const team = items[at + ItemField.Team] as string;
      const worker = items[at + ItemField.Worker] as string | null;
      const before = report.problemCount;
      const teamId = teamFor(team, line);
      const workerId = teamId === null ? undefined : workerFor(worker, team, teamId, line);
      if (teamId === null || workerId === undefined) {
        reject(cells ?? [], report.problems.slice(before).map((p) => `${p.column} ${p.problem}`).join("; ") || "team or worker not known");
        return;
      }
      const values = items.slice(at + ItemField.SourceRef, at + ITEM_FIELDS);
      // The file names the team and worker; the work item keeps their ids.
      values[ItemField.Team - ItemField.SourceRef] = teamId;
      values[ItemField.Worker - ItemField.SourceRef] = workerId;
      const firstRow = seen.firstRowOrAdd(sourceRef, line);
      if (firstRow !== undefined) {
        // Repeated in this file: compare with its first row (one look-up by key, for repeats only).
        flush();
        let first = stagedRow.get(firstRow) as Row[string][] | undefined;
        let firstLine = firstRow;
        if (first && first[0] !== sourceRef) {
          const same = stagedRowOf.get(sourceRef) as Row[string][] | undefined;
          first = same?.slice(1);
          firstLine = (same?.[0] as number | undefined) ?? firstRow;
        }
        if (first) {
          const differences = ITEM_COLUMNS.flatMap((column, i) =>
            // The outcome's id follows from its wording, listed under Event Outcome.
            column === "outcome_id" || sameValue(first[i + 1]!, values[i + 1]!) ? [] : [`${COLUMN_NAMES[column]}: ${shown(column, first[i + 1]!)} and ${shown(column, values[i + 1]!)}`],
          );
          if (differences.length > 0) {
            const differ = `appears on rows ${firstLine} and ${line} with different values (${differences.join("; ")})`;
            problem({
              row: line, column: "Event Reference", value: sourceRef, problem: differ, kind: "appears on two rows with different values",
              accepted: "each Event Reference once, or repeated only with identical values",
            });
            reject(cells ?? [], `Event Reference ${sourceRef} ${differ}`);
          }
          // Identical: the same work item twice, counted once.
          return;
        }
        // A different reference that shares its hash with one seen before: staged as new.
      }
      // Rows are staged even once the file is known to be refused, so that a
      // repeated reference can be compared.
      pending.push(line);
      for (const value of values) pending.push(value);
      pendingRows += 1;
      if (pendingRows === UPSERT_ROWS) flush();
    };

    const takeInvalid = (row: InvalidRow) => {
      row.problems.forEach(problem);
      reject(row.cells, row.problems.map((p) => `${p.column} ${p.problem}`).join("; "));
    };

    const reader = startReaderThread({
      file: options.file,
      encoding,
      workTypes,
      outcomes: outcomeRows,
      keepCells: Boolean(options.skipInvalid && options.rejectsPath),
    });
    let sha256 = "";
    try {
      for await (const message of reader.messages) {
        if (message.type === "header") {
          header = message.header;
          report.ignoredColumns = message.ignored;
          report.fileProblems.push(...message.problems);
        } else if (message.type === "rows") {
          report.rowsRead += message.rowsRead;
          report.notWorkItems += message.notWorkItems;
          // Valid and invalid rows, merged back into file order.
          const { items, invalid, itemCells } = message;
          let next = 0;
          for (let at = 0, n = 0; at < items.length; at += ITEM_FIELDS, n += 1) {
            while (next < invalid.length && invalid[next]!.row < (items[at] as number)) takeInvalid(invalid[next++]!);
            takeItem(items, at, itemCells?.[n]);
          }
          while (next < invalid.length) takeInvalid(invalid[next++]!);
          options.onProgress?.({ bytesRead: message.bytesRead, totalBytes: file.totalBytes, rowsRead: report.rowsRead });
        } else {
          sha256 = message.sha256;
          if (message.fileProblem) report.fileProblems.push(message.fileProblem);
        }
      }
    } finally {
      await reader.stop();
    }

    flush();
    const refused = report.fileProblems.length > 0 || (report.problemCount > 0 && !options.skipInvalid);
    // Which staged rows are new, changed or the same as stored, from the same snapshot as the data version.
    const version = figuresVersion(db);
    // Into an empty database every row is new: a row not marked counts as added.
    if (!refused && storedItems > 0) markStaged(sqlite);
    sqlite.exec("COMMIT");
    report.status = refused ? "refused" : options.dryRun ? "dry_run" : "loaded";
    if (refused) report.created = { teams: [], workers: [] };
    else countStaged(sqlite, report);

    // Only now is the write lock taken: to write the new and changed rows, and the run's record.
    sqlite.exec("BEGIN IMMEDIATE");
    if (report.status === "loaded") {
      makeNewTeamsAndWorkers(sqlite, newTeams, newWorkers);
      // A load landed while this one read the file: compare again with what is stored now.
      if (figuresVersion(db) !== version) {
        markStaged(sqlite);
        countStaged(sqlite, report);
      }
      // A load larger than twice what is stored is faster with the secondary indexes
      // built once at the end than kept up row by row (the unique index on the
      // reference stays: every row looks itself up in it).
      const rebuildIndexes = report.added + report.updated > Math.max(50_000, 2 * storedItems)
        ? (sqlite.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'work_items' and sql is not null and sql not like 'CREATE UNIQUE%'").all() as { name: string; sql: string }[])
        : [];
      for (const index of rebuildIndexes) sqlite.exec(`drop index "${index.name}"`);
      sqlite.exec(
        `insert into main.work_items (source_ref, ${ITEM_COLUMNS.join(", ")})
         select source_ref, ${ITEM_COLUMNS.map(storedValue).join(", ")} from temp.staged_items where coalesce(state, ${Staged.Added}) != ${Staged.Unchanged} order by line
         on conflict (source_ref) do update set ${ITEM_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}`,
      );
      for (const index of rebuildIndexes) sqlite.exec(index.sql);
      // Stored and cached figures are now out of date: reports count live until the caller refreshes them.
      workItemsChanged(db);
    }
    report.durationMs = Date.now() - file.started;
    const { status, encoding: used, rowsRead, added, updated, unchanged, rejected, notWorkItems, durationMs } = report;
    report.importId = recordImportRun(db, {
      actor: options.actor, fileName: options.fileName ?? path.basename(options.file), sha256, startedAt: new Date(file.started),
      status, encoding: used, rowsRead, added, updated, unchanged, rejected, notWorkItems, durationMs, message: summaryOf(report),
    });
    sqlite.exec("COMMIT");
    return report;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw explainedFailure(error, options.databasePath);
  } finally {
    if (rejects) fs.closeSync((rejects as { fd: number }).fd);
    connection.close();
  }
}

/** The file's name for each work item column, to say how two rows differ. */
const COLUMN_NAMES: Record<(typeof ITEM_COLUMNS)[number], string> = {
  person_ref: columns.personRef.header,
  work_type_id: columns.workType.header,
  team_id: columns.team.header,
  worker_id: columns.worker.header,
  received_on: columns.startDate.header,
  allocated_on: columns.allocatedDate.header,
  due_on: columns.dueDate.header,
  completed_on: columns.endDate.header,
  outcome_id: columns.outcome.header,
  outcome_raw: columns.outcome.header,
  event_type: columns.eventType.header,
  client_type: columns.clientType.header,
  route_of_access: columns.routeOfAccess.header,
  assessment_type: columns.assessmentType.header,
  review_reason: columns.reviewReason.header,
  description: columns.description.header,
};

/** A staged value and a new one alike (as SQLite's `is` compares them: a number read back as stored). */
function sameValue(staged: Row[string], value: Row[string]): boolean {
  return staged === value || (staged !== null && value !== null && String(staged) === String(value));
}

/** What a staged row does to the stored work items. */
const Staged = { Unchanged: 0, Added: 1, Updated: 2 } as const;

/** Marks each staged row added, updated or unchanged, against the stored work items. */
function markStaged(sqlite: Database.Database) {
  sqlite.exec(
    `update temp.staged_items set state = coalesce(
       (select case when ${ITEM_COLUMNS.map((c) => `w.${c} is ${storedValue(c)}`).join(" and ")} then ${Staged.Unchanged} else ${Staged.Updated} end
        from main.work_items w where w.source_ref = staged_items.source_ref),
       ${Staged.Added})`,
  );
}

function countStaged(sqlite: Database.Database, report: ImportReport) {
  const rows = sqlite.prepare(`select coalesce(state, ${Staged.Added}) as state, count(*) as n from temp.staged_items group by 1`).all() as { state: number; n: number }[];
  const counts = new Map(rows.map((r) => [r.state, r.n]));
  report.added = counts.get(Staged.Added) ?? 0;
  report.updated = counts.get(Staged.Updated) ?? 0;
  report.unchanged = counts.get(Staged.Unchanged) ?? 0;
}

/**
 * Makes the teams and workers the file named that Primed did not have (their
 * ids below zero in the staged rows), or finds them if something else made
 * them meanwhile, and records their real ids for `storedValue`.
 */
function makeNewTeamsAndWorkers(
  sqlite: Database.Database,
  newTeams: ReadonlyMap<number, string>,
  newWorkers: ReadonlyMap<number, { teamId: number; name: string }>,
) {
  if (newTeams.size === 0 && newWorkers.size === 0) return;
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
}
