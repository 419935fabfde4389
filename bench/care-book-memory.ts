/*
 * npm run bench:care-book — what the care book costs each serving process to hold, at the large council's scale
 * (133,091 services and 210,619 completed reviews): the heap it takes, and how long a full garbage collection takes
 * with it held, beside the same collection without it (this run's floor). Every full collection of a serving process
 * goes through the whole book; in the morning rush, both processes' first full collection after a load held every
 * request for up to a second (docs/decisions/2026-12-03-care-book-between-requests.md). Runs with --expose-gc.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../db/connection";
import * as schema from "../db/schema";
import { careBook } from "~/care/care-book.server";
import { todayInLondon } from "~/dates";
import { prepareDatabase } from "./reports-database";

/** The book's heap at the large council: 152 MB before 2026-12-05, 94 MB after. */
const TARGET_MB = 120;
const COLLECTIONS = 7;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with node --expose-gc (npm run bench:care-book).");

function fullCollectionMs(): number {
  const times: number[] = [];
  for (let i = 0; i < COLLECTIONS; i += 1) {
    const started = performance.now();
    gc!();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(COLLECTIONS / 2)]!;
}

const prepared = await prepareDatabase(path.resolve(".bench"), todayInLondon());
const sqlite = new Database(prepared.file, { readonly: true, fileMustExist: true });
const db = Object.assign(drizzle(sqlite, { schema }), { $client: sqlite }) as Db;

const without = fullCollectionMs();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const book = careBook(db);
const readMs = performance.now() - started;
gc();
const heldMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
const withBook = fullCollectionMs();
sqlite.close();

const row = (what: string, value: string, target = "", result = "") => console.log(`${what.padEnd(44)}${value.padEnd(12)}${target.padEnd(12)}${result}`);
console.log(`\nThe care book at the large council (${book.services.length.toLocaleString("en-GB")} services, ${book.reviews.length.toLocaleString("en-GB")} reviews)`);
row("read whole, in one go", `${Math.round(readMs).toLocaleString("en-GB")} ms`);
row("heap it holds", `${heldMb.toFixed(0)} MB`, `< ${TARGET_MB} MB`, heldMb < TARGET_MB ? "met" : "NOT MET");
row("a full garbage collection with it held", `${withBook.toFixed(0)} ms`, "", `(median of ${COLLECTIONS})`);
row("floor: the same collection without it", `${without.toFixed(0)} ms`);
