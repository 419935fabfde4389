import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

/** The drizzle database, with the better-sqlite3 connection under it for the few hot paths written in plain SQL. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export interface Connection {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

// Resolved from the working directory: server code is bundled into build/.
export const migrationsFolder = path.resolve(process.cwd(), "migrations");

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date.
 * WAL lets report readers carry on while an import writes; the busy timeout
 * makes a second writer wait instead of failing at once.
 */
export function openDatabase(file: string): Connection {
  if (file !== ":memory:") {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    const db = drizzle(sqlite, { schema });
    // Every transaction takes the write lock as it begins (BEGIN IMMEDIATE, as the import's do). Begun
    // deferred, one that reads before it writes fails at once with SQLITE_BUSY, without waiting out the
    // busy timeout, when another connection (an import, another server process) writes in between.
    const transaction = db.transaction.bind(db);
    db.transaction = ((work, config) => transaction(work, { behavior: "immediate", ...config })) as typeof db.transaction;
    migrate(db, { migrationsFolder });
    return { db, sqlite, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
