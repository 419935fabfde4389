import type Database from "better-sqlite3";
import { latestMigration, schemaVersionOf } from "../../db/schema-version";

export type Health = { status: "ok"; database: "ok"; schema: string } | { status: "unavailable"; database: "error" | "behind" | "ahead" | "unknown"; reason: string };

/**
 * What a load balancer or monitor needs to know: the database answers a real
 * query, and its schema is the one this code was built for. Says nothing
 * about the service's data: the address needs no session.
 */
export function checkHealth(openDatabase: () => Database.Database): Health {
  let version;
  try {
    version = schemaVersionOf(openDatabase());
  } catch (error) {
    // The detail (a path, an SQLite code) goes to the server's log, not to whoever asked.
    console.error(`The health check could not read the database: ${(error as Error).message}`);
    return { status: "unavailable", database: "error", reason: "The database could not be read." };
  }
  const latest = latestMigration().tag;
  switch (version.kind) {
    case "known":
      return version.latest
        ? { status: "ok", database: "ok", schema: version.migration.tag }
        : { status: "unavailable", database: "behind", reason: `The database is at migration ${version.migration.tag}; this version of Primed needs ${latest}.` };
    case "newer":
      return { status: "unavailable", database: "ahead", reason: `The database was migrated by a newer version of Primed than this one (which knows up to ${latest}).` };
    case "none":
    case "unknown":
      return { status: "unavailable", database: "unknown", reason: "The database does not carry a migration this version of Primed knows." };
  }
}
