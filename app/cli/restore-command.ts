import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CliError } from "./cli-error";
import { checkPrimedDatabase, copyDatabase, type DatabaseFacts } from "./database-file";

export interface RestoreReport extends DatabaseFacts {
  databasePath: string;
  file: string;
  /** Where the database it replaced was kept; null when there was none. */
  kept: string | null;
  /** Set when the replaced database could not be opened, so it was kept byte for byte. */
  keptAsIs: string | null;
  ms: number;
}

/**
 * Replaces the database with a backup, after checking the backup (a whole,
 * undamaged Primed database of a schema this version knows). Primed must be
 * stopped: a running server keeps its connection open, and restore refuses
 * while any connection has the database open. The database it replaces is
 * kept beside it first, and the backup goes in under a temporary name renamed
 * over the database, so a restore cut short leaves the old one in place.
 */
export async function runRestore(databasePath: string, file: string): Promise<RestoreReport> {
  const started = performance.now();
  const facts = checkPrimedDatabase(file);
  if (path.resolve(file) === path.resolve(databasePath)) throw new CliError(`${file} is the database itself: name a backup to restore.`);
  fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });

  let kept: string | null = null;
  let keptAsIs: string | null = null;
  if (fs.existsSync(databasePath)) {
    kept = keptCopyName(databasePath);
    const current = openAlone(databasePath);
    if (current.ok) {
      try {
        await copyDatabase(current.sqlite, kept);
      } finally {
        // The last connection to close folds the write-ahead log into the file and removes it.
        current.sqlite.close();
      }
    } else {
      // Damaged, perhaps the reason for the restore: kept as it is, for whoever looks into it.
      fs.copyFileSync(databasePath, kept);
      keptAsIs = current.reason;
    }
  }

  const incoming = path.join(path.dirname(path.resolve(databasePath)), `.${path.basename(databasePath)}.restoring`);
  fs.copyFileSync(file, incoming);
  if (fs.existsSync(databasePath)) matchOwnerAndMode(databasePath, incoming);
  signEveryoneOut(incoming);
  const fd = fs.openSync(incoming, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  // Left by a process that crashed: they belong to the old database and would be replayed into the new one.
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  fs.renameSync(incoming, databasePath);
  return { ...facts, databasePath, file, kept, keptAsIs, ms: performance.now() - started };
}

/**
 * A restore signs everyone out: the sessions in a backup were live when it was
 * taken, and a cookie kept since then must not come back to life with it.
 */
function signEveryoneOut(file: string) {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    const hasSessions = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get();
    if (hasSessions) sqlite.exec("DELETE FROM sessions");
  } finally {
    sqlite.close();
  }
}

/**
 * Opens the database holding SQLite's exclusive lock, which it gets only when
 * no other connection (a running Primed, an import, a backup) has it open.
 */
function openAlone(databasePath: string): { ok: true; sqlite: Database.Database } | { ok: false; reason: string } {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(databasePath, { fileMustExist: true, timeout: 1000 });
    sqlite.pragma("locking_mode = EXCLUSIVE");
    // In exclusive locking mode the lock taken here is held until the connection closes.
    sqlite.exec("BEGIN EXCLUSIVE; COMMIT");
    return { ok: true, sqlite };
  } catch (error) {
    sqlite?.close();
    if (!(error instanceof Database.SqliteError)) throw error;
    if (error.code.startsWith("SQLITE_BUSY")) {
      throw new CliError(
        `The database at ${databasePath} is in use: Primed is running, or another command (an import, a backup) has it open. ` +
          "Stop Primed first (for example: sudo systemctl stop primed), then restore, then start it again. Nothing was changed.",
      );
    }
    return { ok: false, reason: error.message };
  }
}

/** "data/primed.before-restore-2026-11-23T18-30-05Z.db": beside the database, in UTC, sorting by time. */
function keptCopyName(databasePath: string): string {
  const extension = path.extname(databasePath);
  const stamp = `${new Date().toISOString().slice(0, 19).replaceAll(":", "-")}Z`;
  return path.join(path.dirname(databasePath), `${path.basename(databasePath, extension)}.before-restore-${stamp}${extension}`);
}

/** Run as root (sudo), the restored file would otherwise be root's, and Primed's own user could not write it. */
function matchOwnerAndMode(databasePath: string, incoming: string) {
  const current = fs.statSync(databasePath);
  fs.chmodSync(incoming, current.mode);
  if (process.getuid?.() === 0) fs.chownSync(incoming, current.uid, current.gid);
}

export function formatRestore(report: RestoreReport): string {
  const lines = [
    `Restored ${report.file} into ${report.databasePath}: schema ${report.schema}, ${report.teams} teams, ${report.workItems.toLocaleString("en-GB")} work items (${(report.ms / 1000).toFixed(1)} s).`,
  ];
  if (report.keptAsIs) lines.push(`The database it replaced could not be opened (${report.keptAsIs}); its file is kept as it was at ${report.kept}.`);
  else if (report.kept) lines.push(`The database it replaced is kept at ${report.kept}.`);
  lines.push("Start Primed again: it brings a backup from an older version up to date as it starts.");
  return lines.join("\n");
}
