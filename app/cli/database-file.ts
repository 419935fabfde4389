/*
 * Database files as the backup and restore commands handle them: a whole,
 * consistent copy of a live database, and the checks that a file is a Primed
 * database this version can use.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { latestMigration, MIGRATIONS_TABLE, schemaVersionOf } from "../../db/schema-version";
import { CliError } from "./cli-error";

/** A page count past any real database: the whole copy in one step (see copyDatabase). */
const ALL_PAGES = 0x7fffffff;
const SQLITE_HEADER = "SQLite format 3\0";
/** Tables Primed has had since its first migration: a file without them is not Primed's. */
const PRIMED_TABLES = ["teams", "workers", "work_items", MIGRATIONS_TABLE];

/**
 * Copies an open database to `file` with SQLite's online backup API. The copy
 * is taken in one step, inside one read transaction: the server's writes
 * carry on meanwhile (WAL), and none of them can restart it, as they restart
 * a backup copied a few pages at a time. The copy is switched out of WAL mode
 * so it is one self-contained file.
 */
export async function copyDatabase(source: Database.Database, file: string): Promise<void> {
  await source.backup(file, { progress: () => ALL_PAGES });
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
}

export interface DatabaseFacts {
  /** The schema version: the tag of the newest migration applied. */
  schema: string;
  teams: number;
  workItems: number;
  bytes: number;
}

/**
 * Checks that `file` is a whole Primed database that this version of Primed
 * can use, reading it only; throws a CliError that says what is wrong.
 */
export function checkPrimedDatabase(file: string): DatabaseFacts {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`There is no file at ${file}.`);
  if (!startsWithSqliteHeader(file)) throw new CliError(`${file} is not a Primed backup: it is not an SQLite database at all.`);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const problems = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.join() !== "ok")
      throw damaged(file, `its integrity check found ${problems.length === 1 ? "a problem" : `${problems.length} problems`}, the first: ${problems[0]}`);
    const present = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    const missing = PRIMED_TABLES.filter((table) => !present.has(table));
    if (missing.length > 0) {
      throw new CliError(`${file} is an SQLite database but not a Primed backup: it has no ${missing.join(", ")} ${missing.length === 1 ? "table" : "tables"}.`);
    }
    const version = schemaVersionOf(sqlite);
    const latest = latestMigration().tag;
    if (version.kind === "newer") {
      throw new CliError(`${file} comes from a newer version of Primed: its schema is newer than ${latest}, the newest this version knows. Upgrade Primed first, then restore it.`);
    }
    if (version.kind !== "known") {
      throw new CliError(`${file} does not carry a schema version this version of Primed knows (it knows schemas up to ${latest}), so it cannot be restored.`);
    }
    const count = (table: string) => (sqlite!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { schema: version.migration.tag, teams: count("teams"), workItems: count("work_items"), bytes: fs.statSync(file).size };
  } catch (error) {
    if (error instanceof CliError) throw error;
    // SQLite refuses a damaged file on opening or on reading it (SQLITE_CORRUPT, SQLITE_NOTADB).
    if (error instanceof Database.SqliteError) throw damaged(file, `SQLite says "${error.message}"`);
    throw error;
  } finally {
    sqlite?.close();
  }
}

function startsWithSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.toString("latin1") === SQLITE_HEADER;
}

const damaged = (file: string, detail: string) => new CliError(`${file} is damaged, so it cannot be used: ${detail}. Use another backup.`);

/** "48.2 MB", for the commands' messages. */
export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
