/*
 * Why a database cannot be used, in words for whoever starts Primed: which
 * file, what is wrong with it, and what to do. SQLite opens a file it may not
 * write read-only without a word, and a read-only database answers every read,
 * so start-up proves it can write before it serves (checkWritable).
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";

/** Throws SQLite's SQLITE_READONLY error when nothing can be written to the database; writes nothing itself. */
export function checkWritable(sqlite: Database.Database): void {
  if (sqlite.memory) return;
  sqlite.exec("BEGIN IMMEDIATE");
  try {
    // A write SQLite must try at once (a new table), rolled back: a read-only file refuses it here.
    sqlite.exec("CREATE TABLE __primed_write_check (x)");
  } finally {
    sqlite.exec("ROLLBACK");
  }
}

/** Whether this process may write to `file`: root too is refused an immutable one. */
function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** One line for the log: the file, what is wrong, what to do. */
export function explainOpenFailure(file: string, error: unknown): string {
  const code = String((error as { code?: unknown })?.code ?? "");
  const message = (error as Error)?.message ?? String(error);
  const folder = path.dirname(path.resolve(file));
  const fix = "set DATABASE_PATH to another file, then start Primed again";
  if (code === "SQLITE_CANTOPEN" || code.startsWith("SQLITE_READONLY")) {
    const readOnly = fs.existsSync(file) && !writable(file) ? "the file is" : fs.existsSync(folder) && !writable(folder) ? `its folder ${folder} is` : null;
    if (readOnly || code !== "SQLITE_CANTOPEN") {
      return `Primed cannot write to its database at ${file}: ${readOnly ?? "the file or its folder is"} read-only (SQLite also keeps ${path.basename(file)}-wal and ${path.basename(file)}-shm in that folder). Let the user Primed runs write to the file and its folder, or ${fix}.`;
    }
  }
  switch (code) {
    case "ENOTDIR":
      return `Primed cannot create its database at ${file}: part of the folder ${folder} is a file, not a folder. Move that file, or ${fix}.`;
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return `Primed cannot create the folder ${folder} for its database at ${file}: ${code === "EROFS" ? "the disk is read-only" : "permission denied"}. Create the folder and let the user Primed runs as write to it, or ${fix}.`;
    case "ENOSPC":
    case "SQLITE_FULL":
      return `Primed cannot use its database at ${file}: the disk is full. Free some space on the disk that holds ${folder}, or ${fix}.`;
    case "SQLITE_CANTOPEN":
      return `Primed cannot open its database at ${file}: the file cannot be opened or created (is ${folder} a folder Primed may write to?). Let the user Primed runs as read and write the file and its folder, or ${fix}.`;
    case "SQLITE_NOTADB":
      return `Primed cannot use ${file}: it is not an SQLite database. Check DATABASE_PATH names Primed's database, or restore a backup (npm run primed -- restore <file>).`;
    case "SQLITE_CORRUPT":
      return `Primed cannot use its database at ${file}: the file is damaged (${message}). Restore the latest backup (npm run primed -- restore <file>); see Operations in the README.`;
    default:
      return `Primed cannot open its database at ${file}: ${message}`;
  }
}
