/*
 * The command line (bin/primed.ts) on a database that may not grow past
 * PRIMED_TEST_MAX_PAGES pages: SQLite's max_page_count, set on every
 * connection as its write transaction begins, so a load fails with SQLITE_FULL
 * as on a full disk. For the fault tests where no small disk can be mounted
 * (mounting a tmpfs needs root).
 */
import Database from "better-sqlite3";

const maxPages = Number(process.env.PRIMED_TEST_MAX_PAGES);
if (!Number.isInteger(maxPages) || maxPages < 1) throw new Error("Set PRIMED_TEST_MAX_PAGES to a whole number of pages");
const exec = Database.prototype.exec;
Database.prototype.exec = function (this: Database.Database, sql: string) {
  if (/^BEGIN/i.test(sql)) this.pragma(`max_page_count = ${maxPages}`);
  return exec.call(this, sql);
};
await import("../../bin/primed");
