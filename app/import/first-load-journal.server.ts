/*
 * A first load into a database no other connection has open writes its pages
 * once, into the database file, with SQLite's rollback journal; otherwise
 * every page went into the write-ahead log and then, at the commit's
 * checkpoint, into the file again. The 1,000,000-row first load, old and new
 * in turn: 15.1 to 17.1 s in the log, 12.9 to 13.1 s without it (the
 * benchmark's floor, sqlite3's .import, writes its file once the same way).
 *
 * Leaving write-ahead logging needs the database to itself: with anything
 * else connected (a running server, an upload's job) the load keeps the log,
 * as every other load does, and nobody waits for the attempt. A process that
 * opens the file during such a load waits for its commit (up to its busy
 * timeout) before it can read, as it would for any write in that mode. The
 * rollback journal is as safe against a crash: a load cut short is rolled
 * back when the file is next opened. Every connection Primed opens asks for
 * the log again (db/connection.ts), so the mode cannot outlive the load.
 */
import type Database from "better-sqlite3";

/** Leaves write-ahead logging for this connection's next write if nothing else has the database open; whether it did. */
export function writeOnceIfAlone(sqlite: Database.Database): boolean {
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  // Not waiting: another connection holding the database is the answer, not a reason to wait.
  sqlite.pragma("busy_timeout = 0");
  try {
    return sqlite.pragma("journal_mode = DELETE", { simple: true }) === "delete";
  } catch {
    return false;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Back to write-ahead logging, once the load has committed or rolled back. */
export function backToWriteAheadLog(sqlite: Database.Database) {
  try {
    sqlite.pragma("journal_mode = WAL");
  } catch {
    // Another connection opened the file meanwhile: it asked for the log itself, and the next one to open it will.
  }
}
