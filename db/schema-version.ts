/*
 * Which migration a database has reached. drizzle records each applied
 * migration in __drizzle_migrations with the `when` of its journal entry, so
 * the newest `created_at` there, looked up in migrations/meta/_journal.json,
 * names the schema version (the migration's tag, such as "0008_cycle").
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { z } from "zod";
import { migrationsFolder } from "./connection";

export const MIGRATIONS_TABLE = "__drizzle_migrations";

export interface Migration {
  tag: string;
  /** The journal's timestamp for it: what drizzle stores as `created_at`. */
  when: number;
}

const journalSchema = z.object({
  entries: z.array(z.object({ tag: z.string(), when: z.number() })).min(1),
});

let known: Migration[] | undefined;

/** The migrations this copy of Primed ships, oldest first. */
export function knownMigrations(): Migration[] {
  known ??= journalSchema
    .parse(JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")))
    .entries.map(({ tag, when }) => ({ tag, when }))
    .sort((a, b) => a.when - b.when);
  return known;
}

export function latestMigration(): Migration {
  return knownMigrations().at(-1)!;
}

export type SchemaVersion = { kind: "none" } | { kind: "known"; migration: Migration; latest: boolean } | { kind: "newer"; when: number } | { kind: "unknown"; when: number };

/** Where a database stands against this copy's migrations; "none" when drizzle has never migrated it. */
export function schemaVersionOf(sqlite: Database.Database): SchemaVersion {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE);
  if (!table) return { kind: "none" };
  const row = sqlite.prepare(`SELECT max(created_at) AS "when" FROM ${MIGRATIONS_TABLE}`).get() as { when: number | null };
  if (row.when === null) return { kind: "none" };
  const when = Number(row.when);
  const latest = latestMigration();
  if (when > latest.when) return { kind: "newer", when };
  const migration = knownMigrations().find((entry) => entry.when === when);
  return migration ? { kind: "known", migration, latest: migration === latest } : { kind: "unknown", when };
}
