import { openDatabase, type Connection } from "../db/connection";
import { readEnv } from "./env.server";

let connection: Connection | undefined;

/** The app's one connection, opened (and migrated) on first use. */
export function getDb() {
  connection ??= openDatabase(readEnv().DATABASE_PATH);
  return connection.db;
}
