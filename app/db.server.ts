import { openDatabase, type Connection } from "../db/connection";
import { readEnv } from "./env.server";

let connection: Connection | undefined;

// Closed however the process ends (bin/serve.ts exits once requests in flight
// have finished): the last connection to close folds the write-ahead log back
// into the database file, so a stopped server leaves one tidy file.
process.once("exit", () => connection?.close());

/** The app's one connection, opened (and migrated) on first use. */
export function getDb() {
  connection ??= openDatabase(readEnv().DATABASE_PATH);
  return connection.db;
}
