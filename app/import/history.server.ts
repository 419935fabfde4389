/*
 * The import history: one row for every load of an extract, whatever became
 * of it, and its entry in the audit trail, written together.
 */
import type { Db } from "../../db/connection";
import { importRuns, type ImportStatus } from "../../db/schema";
import { audit, storedActor, type Actor } from "~/audit/audit.server";
import type { FileEncoding } from "./csv-records";

/** What a load did with the file's rows. */
export interface ImportCounts {
  rowsRead: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows that were neither work nor a service: none since Service rows are read (kept for the history's older loads). */
  notWorkItems: number;
  /** Service rows (care_services) added, updated and unchanged: the counts above are of work items. */
  servicesAdded: number;
  servicesUpdated: number;
  servicesUnchanged: number;
}

export interface ImportRunRecord extends ImportCounts {
  actor: Actor;
  fileName: string;
  sha256: string;
  startedAt: Date;
  status: ImportStatus;
  encoding: FileEncoding | "unknown";
  durationMs: number;
  /** A one-line summary for the history list. */
  message: string;
}

/** Records the run and audits it; call inside the transaction that holds the load's changes, if any. */
export function recordImportRun(db: Db, run: ImportRunRecord): number {
  const row = db
    .insert(importRuns)
    .values({
      startedAt: run.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ...storedActor(run.actor),
      fileName: run.fileName,
      fileSha256: run.sha256,
      status: run.status,
      encoding: run.encoding,
      rowsRead: run.rowsRead,
      added: run.added,
      updated: run.updated,
      unchanged: run.unchanged,
      rejected: run.rejected,
      notWorkItems: run.notWorkItems,
      servicesAdded: run.servicesAdded,
      servicesUpdated: run.servicesUpdated,
      servicesUnchanged: run.servicesUnchanged,
      durationMs: run.durationMs,
      message: run.message,
    })
    .returning({ id: importRuns.id })
    .get();
  const { fileName, added, updated, unchanged, rejected, servicesAdded, servicesUpdated, servicesUnchanged } = run;
  audit(db, run.actor, {
    action: `import_${run.status}`,
    entity: "import",
    entityId: row.id,
    after: { file: fileName, added, updated, unchanged, rejected, servicesAdded, servicesUpdated, servicesUnchanged },
  });
  return row.id;
}
