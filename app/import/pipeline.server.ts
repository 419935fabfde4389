/*
 * The one import pipeline, for the command line and the upload page. A
 * second thread reads and checks the extract's rows (reader-thread.server.ts)
 * while this one writes them, in one transaction on its own connection: a bad
 * file, a crash or a full disk leaves the database as it was.
 */
import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { openDatabase } from "../../db/connection";
import type { Actor } from "~/audit.server";
import { ensureReferenceData } from "~/reference-data.server";
import { slugify } from "~/slug";
import { NotUtf8Error, type FileEncoding } from "./csv-records";
import { workItemsChanged } from "~/metrics/month-summaries.server";
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

/** Rows per insert statement: one statement per row costs twice as much. */
const UPSERT_ROWS = 16;

/** Bytes per row of a typical extract, to judge a file's size before reading it. */
const TYPICAL_ROW_BYTES = 200;

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
  sqlite.exec("BEGIN IMMEDIATE");
  try {
    ensureReferenceData(db);
    // A load larger than twice what is stored is faster with the secondary indexes
    // built once at the end than kept up row by row (the unique index on the
    // reference stays: every row looks itself up in it). Dropping them is part of
    // the transaction: a refused or failed load leaves them as they were.
    const storedItems = (sqlite.prepare("select count(*) from work_items").pluck().get() as number);
    const rebuildIndexes = file.totalBytes / TYPICAL_ROW_BYTES > Math.max(50_000, 2 * storedItems)
      ? (sqlite.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'work_items' and sql is not null and sql not like 'CREATE UNIQUE%'").all() as { name: string; sql: string }[])
      : [];
    for (const index of rebuildIndexes) sqlite.exec(`drop index "${index.name}"`);
    let serviceId = (sqlite.prepare("select id from services order by id limit 1").get() as { id: number } | undefined)?.id;
    if (serviceId === undefined && options.createMissing) {
      // A first load into an empty database sets the service up from the file.
      serviceId = Number(sqlite.prepare("insert into services (name) values ('Adult Social Care')").run().lastInsertRowid);
    }
    const teamIds = new Map(
      (sqlite.prepare("select id, name from teams").all() as { id: number; name: string }[]).map((t) => [valueKey(t.name), t.id]),
    );
    const workerIds = new Map(
      (sqlite.prepare("select id, team_id, name from workers where team_id is not null").all() as { id: number; team_id: number; name: string }[]).map(
        (w) => [`${w.team_id}|${valueKey(w.name)}`, w.id],
      ),
    );
    const workTypes = sqlite.prepare("select id, code, name, timescale, timescale_unit as timescaleUnit from work_types").all() as (WorkTypeRule & { id: number })[];
    const outcomeRows = sqlite.prepare("select id, value from outcomes").all() as { id: number; value: string }[];

    // One statement decides added, updated or unchanged inside SQLite, so no
    // stored row is read into JavaScript and unchanged rows are not rewritten.
    // Rows go in batches: one statement per row costs twice as much.
    const upsertSql = (rowCount: number) =>
      `insert into work_items (source_ref, ${ITEM_COLUMNS.join(", ")})
       values ${Array.from({ length: rowCount }, () => `(?, ${ITEM_COLUMNS.map(() => "?").join(", ")})`).join(", ")}
       on conflict (source_ref) do update set ${ITEM_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}
       where ${ITEM_COLUMNS.map((c) => `${c} is not excluded.${c}`).join(" or ")}`;
    const upsertBatch = sqlite.prepare(upsertSql(UPSERT_ROWS));
    const upsertOne = sqlite.prepare(upsertSql(1));
    const sameAsStored = sqlite.prepare(
      `select count(*) from work_items where source_ref = ? and ${ITEM_COLUMNS.map((c) => `${c} is ?`).join(" and ")}`,
    ).pluck();
    let pending: Row[string][] = [];
    let pendingRows = 0;
    let written = 0;
    let accepted = 0;
    const flush = () => {
      if (pendingRows === UPSERT_ROWS) written += upsertBatch.run(pending).changes;
      else for (let i = 0; i < pendingRows; i += 1) written += upsertOne.run(pending.slice(i * (ITEM_COLUMNS.length + 1), (i + 1) * (ITEM_COLUMNS.length + 1))).changes;
      pending = [];
      pendingRows = 0;
    };
    const seen = new ReferenceSet();
    const insertTeam = sqlite.prepare("insert into teams (service_id, name, slug, type) values (?, ?, ?, 'locality')");
    const insertWorker = sqlite.prepare("insert into workers (team_id, name, role) values (?, ?, 'practitioner')");
    let header: string[] = [];

    const reject = (cells: string[], reasons: string) => {
      report.rejected += 1;
      if (!options.skipInvalid || !options.rejectsPath) return;
      if (!rejects) {
        fs.mkdirSync(path.dirname(path.resolve(options.rejectsPath)), { recursive: true });
        rejects = { fd: fs.openSync(options.rejectsPath, "w"), header };
        fs.writeSync(rejects.fd, stringify([[...header, "Reason"]]));
        report.rejectsPath = options.rejectsPath;
      }
      fs.writeSync(rejects.fd, stringify([[...cells, reasons]]));
    };

    const teamFor = (team: string, line: number): number | null => {
      const key = valueKey(team);
      let id = teamIds.get(key);
      if (id === undefined && options.createMissing && serviceId !== undefined) {
        const slugBase = slugify(team) || "team";
        const taken = new Set((sqlite.prepare("select slug from teams").pluck().all() as string[]));
        let slug = slugBase;
        for (let n = 2; taken.has(slug); n += 1) slug = `${slugBase}-${n}`;
        id = Number(insertTeam.run(serviceId, team, slug).lastInsertRowid);
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
        id = Number(insertWorker.run(teamId, worker).lastInsertRowid);
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
        // Repeated in this file: its first row is written, so compare with that.
        flush();
        if (sameAsStored.get(values) === 0) {
          problem({
            row: line, column: "Event Reference", value: sourceRef,
            problem: `appears again (first on row ${firstRow}) with different content`,
            accepted: "each Event Reference once, or repeated only with identical content",
          });
          reject(cells ?? [], `Event Reference appears again (first on row ${firstRow}) with different content`);
        }
        return;
      }
      // Rows are written even once the file is known to be refused, so that a
      // repeated reference can be compared; the refusal rolls them all back.
      for (const value of values) pending.push(value);
      pendingRows += 1;
      accepted += 1;
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
    report.added = (sqlite.prepare("select count(*) from work_items").pluck().get() as number) - storedItems;
    report.updated = written - report.added;
    report.unchanged = accepted - written;
    const refused = report.fileProblems.length > 0 || (report.problemCount > 0 && !options.skipInvalid);
    if (!refused && !options.dryRun) for (const index of rebuildIndexes) sqlite.exec(index.sql);
    report.status = refused ? "refused" : options.dryRun ? "dry_run" : "loaded";
    if (refused || options.dryRun) {
      // Nothing the run wrote stays: only its record in the history.
      if (refused) {
        report.added = 0;
        report.updated = 0;
        report.unchanged = 0;
        report.created = { teams: [], workers: [] };
      }
      sqlite.exec("ROLLBACK");
      sqlite.exec("BEGIN IMMEDIATE");
    }
    // Stored and cached figures are now out of date: reports count live until the caller refreshes them.
    if (report.status === "loaded") workItemsChanged(db);
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
