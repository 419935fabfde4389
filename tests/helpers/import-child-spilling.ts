/*
 * tests/helpers/import-child.ts with a small page cache (256 KB, not the
 * pipeline's 16 MB), so that the import's writing transaction spills uncommitted
 * pages into the write-ahead log as it goes: a kill part-way then leaves them
 * on disk, for recovery to discard.
 */
import Database from "better-sqlite3";

const pragma = Database.prototype.pragma;
Database.prototype.pragma = function (this: Database.Database, source: string, options?: Database.PragmaOptions) {
  return pragma.call(this, /^\s*cache_size\s*=/i.test(source) ? "cache_size = -256" : source, options);
} as typeof pragma;
await import("./import-child");
