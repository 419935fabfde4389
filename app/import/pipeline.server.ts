/*
 * The one import pipeline, for the command line and the upload page. It
 * reads the extract as a stream and loads it in one transaction on its own
 * connection: a bad file, a crash or a full disk leaves the database as it was.
 */
import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { openDatabase } from "../../db/connection";
import { audit, type Actor } from "~/audit.server";
import { ensureReferenceData } from "~/reference-data.server";
import { slugify } from "~/slug";
import { matchHeaders } from "./columns";
import { createHash } from "node:crypto";
import { CsvShapeError, NotUtf8Error, readCsv, type FileEncoding } from "./csv-records";
import { RowReader, type ImportedItem, type RowProblem, type WorkTypeRule } from "./rows";
import { ownCopy } from "./own-copy";
import { ReferenceSet } from "./reference-set";
import { OutcomeResolver, valueKey } from "./values";

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
  onProgress?: (progress: { bytesRead: number; totalBytes: number; rowsRead: number }) => void;
}

export interface ImportReport {
  status: "loaded" | "dry_run" | "refused";
  encoding: FileEncoding;
  rowsRead: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  notWorkItems: number;
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

const BATCH_ROWS = 16;

/** Bytes per row of a typical extract, to judge a file's size before reading it. */
const TYPICAL_ROW_BYTES = 200;

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
  // Hashed as it is read: the file is read once, not twice.
  const hash = createHash("sha256");
  let hashedBytes = 0;
  const connection = openDatabase(options.databasePath);
  const { sqlite, db } = connection;
  const report: ImportReport = {
    status: "loaded", encoding, rowsRead: 0, added: 0, updated: 0, unchanged: 0, rejected: 0, notWorkItems: 0,
    created: { teams: [], workers: [] }, problems: [], problemCount: 0, fileProblems: [], ignoredColumns: [],
    rejectsPath: null, durationMs: 0, importId: null,
  };
  const problem = (p: RowProblem) => {
    report.problemCount += 1;
    if (report.problems.length < PROBLEM_LIST_CAP) report.problems.push({ ...p, value: ownCopy(p.value) });
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
    const workTypeIds = new Map(workTypes.map((t) => [t.code, t.id]));
    const outcomeIds = new Map((sqlite.prepare("select id, value from outcomes").all() as { id: number; value: string }[]).map((o) => [o.value, o.id]));
    const outcomes = new OutcomeResolver([...outcomeIds.keys()]);

    // One statement decides added, updated or unchanged inside SQLite, so no
    // stored row is read into JavaScript and unchanged rows are not rewritten.
    // Rows go in batches: one statement per row costs twice as much.
    const upsertSql = (rowCount: number) =>
      `insert into work_items (source_ref, ${ITEM_COLUMNS.join(", ")})
       values ${Array.from({ length: rowCount }, () => `(?, ${ITEM_COLUMNS.map(() => "?").join(", ")})`).join(", ")}
       on conflict (source_ref) do update set ${ITEM_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}
       where ${ITEM_COLUMNS.map((c) => `${c} is not excluded.${c}`).join(" or ")}`;
    const upsertBatch = sqlite.prepare(upsertSql(BATCH_ROWS));
    const upsertOne = sqlite.prepare(upsertSql(1));
    const sameAsStored = sqlite.prepare(
      `select count(*) from work_items where source_ref = ? and ${ITEM_COLUMNS.map((c) => `${c} is ?`).join(" and ")}`,
    ).pluck();
    let pending: unknown[] = [];
    let pendingRows = 0;
    let written = 0;
    let accepted = 0;
    const flush = () => {
      if (pendingRows === BATCH_ROWS) written += upsertBatch.run(pending).changes;
      else for (let i = 0; i < pendingRows; i += 1) written += upsertOne.run(pending.slice(i * (ITEM_COLUMNS.length + 1), (i + 1) * (ITEM_COLUMNS.length + 1))).changes;
      pending = [];
      pendingRows = 0;
    };
    const seen = new ReferenceSet();
    const insertTeam = sqlite.prepare("insert into teams (service_id, name, slug, type) values (?, ?, ?, 'locality')");
    const insertWorker = sqlite.prepare("insert into workers (team_id, name, role) values (?, ?, 'practitioner')");

    let headerChecked = false;
    let positions: ReturnType<typeof matchHeaders>["positions"] = {};
    let header: string[] = [];
    let rows: RowReader | undefined;

    const reject = (fields: string[], reasons: string) => {
      report.rejected += 1;
      if (!options.skipInvalid || !options.rejectsPath) return;
      if (!rejects) {
        fs.mkdirSync(path.dirname(path.resolve(options.rejectsPath)), { recursive: true });
        rejects = { fd: fs.openSync(options.rejectsPath, "w"), header };
        fs.writeSync(rejects.fd, stringify([[...header, "Reason"]]));
        report.rejectsPath = options.rejectsPath;
      }
      fs.writeSync(rejects.fd, stringify([[...fields, reasons]]));
    };

    const teamFor = (item: ImportedItem, line: number): number | null => {
      const key = valueKey(item.team);
      let id = teamIds.get(key);
      if (id === undefined && options.createMissing && serviceId !== undefined) {
        const slugBase = slugify(item.team) || "team";
        const taken = new Set((sqlite.prepare("select slug from teams").pluck().all() as string[]));
        let slug = slugBase;
        for (let n = 2; taken.has(slug); n += 1) slug = `${slugBase}-${n}`;
        id = Number(insertTeam.run(serviceId, item.team, slug).lastInsertRowid);
        teamIds.set(key, id);
        report.created.teams.push(ownCopy(item.team));
      }
      if (id === undefined) {
        problem({ row: line, column: "Team", value: item.team, problem: "is not a team Primed knows", accepted: "the name of a team set up in Primed, or choose to create missing teams and workers" });
        return null;
      }
      return id;
    };

    const workerFor = (item: ImportedItem, teamId: number, line: number): number | null | undefined => {
      if (item.worker === null) return null;
      const key = `${teamId}|${valueKey(item.worker)}`;
      let id = workerIds.get(key);
      if (id === undefined && options.createMissing) {
        id = Number(insertWorker.run(teamId, item.worker).lastInsertRowid);
        workerIds.set(key, id);
        report.created.workers.push(ownCopy(`${item.worker} (${item.team})`));
      }
      if (id === undefined) {
        problem({ row: line, column: "Worker", value: item.worker, problem: `is not a worker in ${item.team}`, accepted: "the name of a worker in the row's team, or choose to create missing teams and workers" });
        return undefined;
      }
      return id;
    };

    const stopReading = new Error("stop reading");
    const handle = (fields: string[], line: number) => {
      if (!headerChecked) {
        header = fields;
        const match = matchHeaders(header);
        positions = match.positions;
        report.ignoredColumns = match.ignored;
        report.fileProblems = match.problems;
        rows = new RowReader({ positions, workTypes, outcomes });
        headerChecked = true;
        if (match.problems.length > 0) throw stopReading;
        return;
      }
      // Spreadsheets leave rows of empty cells at the end of a sheet.
      if (fields[0] === "" && fields.every((field) => field.trim() === "")) return;
      report.rowsRead += 1;
      const result = rows!.read(fields, line);
      if (result.kind === "not_work") {
        report.notWorkItems += 1;
        return;
      }
      if (result.kind === "invalid") {
        result.problems.forEach(problem);
        reject(fields, result.problems.map((p) => `${p.column} ${p.problem}`).join("; "));
        return;
      }
      const item = result.item;
      const before = report.problemCount;
      const teamId = teamFor(item, line);
      const workerId = teamId === null ? undefined : workerFor(item, teamId, line);
      if (teamId === null || workerId === undefined) {
        reject(fields, report.problems.slice(before).map((p) => `${p.column} ${p.problem}`).join("; ") || "team or worker not known");
        return;
      }
      const values: Row[string][] = [
        item.personRef, workTypeIds.get(item.workTypeCode)!, teamId, workerId, item.receivedOn, item.allocatedOn, item.dueOn,
        item.completedOn, item.outcome === null ? null : outcomeIds.get(item.outcome)!, item.outcomeRaw, item.eventType,
        item.clientType, item.routeOfAccess, item.assessmentType, item.reviewReason, item.description,
      ];
      const firstRow = seen.firstRowOrAdd(item.sourceRef, line);
      if (firstRow !== undefined) {
        // Repeated in this file: its first row is written, so compare with that.
        flush();
        if (sameAsStored.get(item.sourceRef, ...values) === 0) {
          problem({
            row: line, column: "Event Reference", value: item.sourceRef,
            problem: `appears again (first on row ${firstRow}) with different content`,
            accepted: "each Event Reference once, or repeated only with identical content",
          });
          reject(fields, `Event Reference appears again (first on row ${firstRow}) with different content`);
        }
        return;
      }
      // Rows are written even once the file is known to be refused, so that a
      // repeated reference can be compared; the refusal rolls them all back.
      pending.push(item.sourceRef, ...values);
      pendingRows += 1;
      accepted += 1;
      if (pendingRows === BATCH_ROWS) flush();
    };
    try {
      await readCsv(options.file, encoding, handle, (chunk, bytesRead) => {
        hash.update(chunk);
        hashedBytes = bytesRead;
        options.onProgress?.({ bytesRead, totalBytes: file.totalBytes, rowsRead: report.rowsRead });
      });
    } catch (error) {
      if (error instanceof CsvShapeError) report.fileProblems.push(error.message);
      else if (error !== stopReading) throw error;
    }
    // Reading stopped early (a bad header): the history still records the whole file's hash.
    if (hashedBytes < file.totalBytes) {
      for await (const chunk of fs.createReadStream(options.file, { start: hashedBytes })) hash.update(chunk as Buffer);
    }
    if (!headerChecked) report.fileProblems.push("The file is empty: it has no header row.");

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
    report.durationMs = Date.now() - file.started;
    report.importId = recordRun(connection, options, hash.digest("hex"), report);
    sqlite.exec("COMMIT");
    return report;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  } finally {
    if (rejects) fs.closeSync((rejects as { fd: number }).fd);
    connection.close();
  }

  function recordRun(conn: typeof connection, opts: ImportOptions, sha: string, r: ImportReport): number {
    const summary =
      r.status === "refused"
        ? `Refused: ${r.fileProblems[0] ?? `${r.problemCount} problem${r.problemCount === 1 ? "" : "s"} in the rows`}`
        : `${r.status === "dry_run" ? "Dry run: would add" : "Added"} ${r.added}, ${r.status === "dry_run" ? "update" : "updated"} ${r.updated}, ${r.unchanged} unchanged, ${r.rejected} rejected`;
    const run = conn.sqlite
      .prepare(
        `insert into import_runs (started_at, finished_at, actor, actor_user_id, file_name, file_sha256, status, encoding, rows_read,
           added, updated, unchanged, rejected, not_work_items, duration_ms, message)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        new Date(file.started).toISOString(), new Date().toISOString(),
        opts.actor.kind === "user" ? opts.actor.email : "system", opts.actor.kind === "user" ? opts.actor.userId : null,
        opts.fileName ?? path.basename(opts.file), sha, r.status, r.encoding, r.rowsRead, r.added, r.updated, r.unchanged,
        r.rejected, r.notWorkItems, r.durationMs, summary,
      );
    const id = Number(run.lastInsertRowid);
    audit(db, opts.actor, { action: `import_${r.status}`, entity: "import", entityId: id, after: { file: opts.fileName ?? path.basename(opts.file), added: r.added, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected } });
    return id;
  }
}
