/*
 * The one import pipeline, for the command line and the upload page, in four
 * stages. Read and check (read-and-check.server.ts): a second thread reads and
 * checks the extract's rows while this one resolves their teams and workers.
 * Stage (staging.server.ts): the rows go into a table of this connection's own
 * (temp), under one read snapshot. Classify (classify.server.ts): each staged
 * row is marked new, changed or unchanged. Write (write.server.ts): only then
 * does it take the write lock, to write the new and changed rows and the run's
 * record in one short transaction: people's saves do not wait behind the
 * reading, and a bad file, a crash or a full disk leaves the database as it
 * was. See docs/decisions/2026-11-23-writes-during-loads.md.
 */
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../db/connection";
import type { Actor } from "~/audit/audit.server";
import { ensureReferenceData } from "~/reference-data/reference-data.server";
import { NotUtf8Error, type FileEncoding } from "./csv-records";
import { recordDataChanges } from "~/work-figures/data-changes.server";
import { recordTeamDataChanges, teamsChangedByStagedRows, withRealTeamIds } from "./team-data-changes.server";
import { dataVersion, figuresVersion, newDataVersion } from "~/work-figures/figures-cache.server";
import { workItemsChanged } from "~/work-figures/month-summaries.server";
import { countStaged, countStagedServices, markStaged, markStagedServices } from "./classify.server";
import { recordImportRun, type ImportCounts } from "./history.server";
import { servicesInWords } from "./services-in-words";
import { readAndCheck } from "./read-and-check.server";
import type { RowProblem } from "./rows";
import { createStagingTables, SERVICE_COLUMNS, StagingTable } from "./staging.server";
import { makeNewTeamsAndWorkers, writeStagedRows, writeStagedServices, writtenRefs } from "./write.server";
import { backToWriteAheadLog, writeOnceIfAlone } from "./first-load-journal.server";
import { CARE_BOOK_COLUMNS } from "~/care/care-book-columns";

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

/** The history's one-line summary of a run. */
function summaryOf(r: ImportReport): string {
  if (r.status === "refused") return `Refused: ${r.fileProblems[0] ?? `${r.problemCount} problem${r.problemCount === 1 ? "" : "s"} in the rows`}`;
  const dryRun = r.status === "dry_run";
  const services = r.servicesAdded + r.servicesUpdated + r.servicesUnchanged > 0 ? `. ${servicesInWords(r, dryRun)}` : "";
  return `${dryRun ? "Dry run: would add" : "Added"} ${r.added}, ${dryRun ? "update" : "updated"} ${r.updated}, ${r.unchanged} unchanged, ${r.rejected} rejected${services}`;
}

/** A load that failed for a reason its user can act on, said in words; nothing was changed. */
export class ImportFailedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
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

async function importWithEncoding(options: ImportOptions, encoding: FileEncoding, file: { started: number; totalBytes: number }): Promise<ImportReport> {
  const connection = openDatabase(options.databasePath);
  const { sqlite, db } = connection;
  const report: ImportReport = {
    status: "loaded",
    encoding,
    rowsRead: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    notWorkItems: 0,
    servicesAdded: 0,
    servicesUpdated: 0,
    servicesUnchanged: 0,
    created: { teams: [], workers: [] },
    problems: [],
    problemCount: 0,
    fileProblems: [],
    ignoredColumns: [],
    rejectsPath: null,
    durationMs: 0,
    importId: null,
  };

  sqlite.pragma("cache_size = -16384");
  let writtenOnce = false;
  try {
    // The reader checks rows against these: a short write, nearly always of nothing.
    db.transaction(() => ensureReferenceData(db));
    // Reading and checking the file writes only to a table of this connection's own
    // (temp), under one read snapshot: people's saves and the reports carry on meanwhile.
    createStagingTables(sqlite);
    sqlite.exec("BEGIN");
    const storedItems = sqlite.prepare("select count(*) from work_items").pluck().get() as number;
    const storedServices = sqlite.prepare("select count(*) from care_services").pluck().get() as number;
    const itemStaging = new StagingTable(sqlite);
    const serviceStaging = new StagingTable(sqlite, "staged_services", SERVICE_COLUMNS);
    const read = await readAndCheck(sqlite, itemStaging, serviceStaging, options, encoding, file.totalBytes, report);

    const refused = report.fileProblems.length > 0 || (report.problemCount > 0 && !options.skipInvalid);
    // Which staged rows are new, changed or the same as stored, from the same snapshot as the data version.
    const version = figuresVersion(db);
    // Into an empty database every row is new: a row not marked counts as added, and
    // the counts and the teams changed are known from reading, without scanning the staged rows.
    const marked = { items: !refused && storedItems > 0, services: !refused && storedServices > 0 };
    if (marked.items) markStaged(sqlite);
    if (marked.services) markStagedServices(sqlite);
    sqlite.exec("COMMIT");
    report.status = refused ? "refused" : options.dryRun ? "dry_run" : "loaded";
    if (refused) report.created = { teams: [], workers: [] };
    else {
      if (marked.items) countStaged(sqlite, report);
      else report.added = itemStaging.rowCount;
      if (marked.services) countStagedServices(sqlite, report);
      else report.servicesAdded = serviceStaging.rowCount;
    }

    // What the write changes, worked out before the write lock is taken: people's saves wait only for the write
    // itself (a 200,000-row reload held the lock 0.8 s with these inside, on a quiet machine).
    const whatChanges = () => ({
      // On a first load every staged row is new: its teams are known from reading, without scanning the staged rows.
      teams: marked.items || marked.services ? teamsChangedByStagedRows(sqlite, { items: report.updated, services: report.servicesUpdated }) : read.stagedTeams,
      workItemRefs: writtenRefs(sqlite, "staged_items", report.added + report.updated, CARE_BOOK_COLUMNS.work_items),
      serviceRefs: writtenRefs(sqlite, "staged_services", report.servicesAdded + report.servicesUpdated, CARE_BOOK_COLUMNS.care_services),
    });
    let changes = report.status === "loaded" ? whatChanges() : null;

    // A first load with the database to itself writes its pages once (first-load-journal.server.ts).
    writtenOnce = report.status === "loaded" && storedItems + storedServices === 0 && writeOnceIfAlone(sqlite);
    // Only now is the write lock taken: to write the new and changed rows, and the run's record.
    sqlite.exec("BEGIN IMMEDIATE");
    if (report.status === "loaded") {
      const realTeams = makeNewTeamsAndWorkers(sqlite, read.newTeams, read.newWorkers);
      // A load landed while this one read the file: compare again with what is stored now.
      if (figuresVersion(db) !== version) {
        markStaged(sqlite);
        countStaged(sqlite, report);
        markStagedServices(sqlite);
        countStagedServices(sqlite, report);
        marked.items = marked.services = true;
        changes = whatChanges();
      }
      writeStagedRows(sqlite, report.added + report.updated, storedItems);
      writeStagedServices(sqlite, report.servicesAdded + report.servicesUpdated, storedServices);
      const previous = dataVersion(db);
      // Stored and cached figures are now out of date: reports count live until the caller refreshes them.
      // Only work items are counted into the stored month figures: a load that changed only services leaves them be.
      if (report.added + report.updated > 0) workItemsChanged(db);
      else if (report.servicesAdded + report.servicesUpdated > 0) newDataVersion(db);
      if (report.added + report.updated + report.servicesAdded + report.servicesUpdated > 0) {
        recordTeamDataChanges(sqlite, withRealTeamIds(changes!.teams, realTeams), new Date().toISOString());
        recordDataChanges(db, previous, { workItemRefs: changes!.workItemRefs, serviceRefs: changes!.serviceRefs });
      }
    }
    report.durationMs = Date.now() - file.started;
    const { status, encoding: used, rowsRead, added, updated, unchanged, rejected, notWorkItems, servicesAdded, servicesUpdated, servicesUnchanged, durationMs } = report;
    report.importId = recordImportRun(db, {
      actor: options.actor,
      fileName: options.fileName ?? path.basename(options.file),
      sha256: read.sha256,
      startedAt: new Date(file.started),
      status,
      encoding: used,
      rowsRead,
      added,
      updated,
      unchanged,
      rejected,
      notWorkItems,
      servicesAdded,
      servicesUpdated,
      servicesUnchanged,
      durationMs,
      message: summaryOf(report),
    });
    sqlite.exec("COMMIT");
    return report;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw explainedFailure(error, options.databasePath);
  } finally {
    if (writtenOnce) backToWriteAheadLog(sqlite);
    connection.close();
  }
}
