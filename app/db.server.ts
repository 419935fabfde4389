import { openDatabase, type Connection } from "../db/connection";
import { readEnv } from "./platform/env.server";

let connection: Connection | undefined;

// Closed however the process ends (bin/serve.ts exits once requests in flight
// have finished): the last connection to close folds the write-ahead log back
// into the database file, so a stopped server leaves one tidy file.
process.once("exit", () => connection?.close());

/** The app's one connection, opened (and migrated) on first use. */
export function getDb() {
  if (!connection) {
    connection = openDatabase(readEnv().DATABASE_PATH);
    // A request never folds the write-ahead log back into the file: after a load that can take
    // hundreds of milliseconds, and would hold up every page of the process whose save happened
    // to trigger it. The serving processes' parent does it every few seconds (bin/serve.ts).
    connection.sqlite.pragma("wal_autocheckpoint = 0");
  }
  return connection.db;
}
