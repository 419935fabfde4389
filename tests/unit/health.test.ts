import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase, type Connection } from "../../db/connection";
import { knownMigrations, latestMigration } from "../../db/schema-version";
import { checkHealth } from "~/platform/health.server";

let connection: Connection;
beforeEach(() => {
  connection = openDatabase(":memory:");
});
afterEach(() => connection.close());

describe("the health check", () => {
  it("is ok with the schema's tag when the database is at the latest migration", () => {
    expect(checkHealth(() => connection.sqlite)).toEqual({ status: "ok", database: "ok", schema: latestMigration().tag });
  });

  it("says the database is behind when its newest migration is an older one", () => {
    connection.sqlite.prepare("DELETE FROM __drizzle_migrations WHERE created_at = ?").run(latestMigration().when);
    const previous = knownMigrations().at(-2)!.tag;
    expect(checkHealth(() => connection.sqlite)).toEqual({
      status: "unavailable",
      database: "behind",
      reason: `The database is at migration ${previous}; this version of Primed needs ${latestMigration().tag}.`,
    });
  });

  it("says the database is ahead when a newer Primed has migrated it", () => {
    connection.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('later', ?)").run(latestMigration().when + 1);
    expect(checkHealth(() => connection.sqlite)).toMatchObject({ status: "unavailable", database: "ahead" });
  });

  it("says only that the database could not be read when opening it fails, and logs the detail", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const health = checkHealth(() => {
      throw new Error("SQLITE_CANTOPEN: unable to open database file /srv/primed/primed.db");
    });
    expect(health).toEqual({ status: "unavailable", database: "error", reason: "The database could not be read." });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("SQLITE_CANTOPEN"));
    logged.mockRestore();
  });
});
