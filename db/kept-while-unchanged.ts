/*
 * Answers of small queries that nearly every team page asks (the team, its
 * workers, the outcomes, the work types), kept for as long as the database
 * has not changed at all. SQLite says whether it has: `data_version` changes
 * when another connection commits (a load, the other serving process, the
 * command line), and `total_changes()` counts this connection's own changes.
 * One statement asks both, about 5 microseconds; the queries it spares cost
 * 20 to 150 microseconds each on every page, turning each row into an object.
 * Any write anywhere lets every kept answer go: coarse, but it cannot serve
 * an answer older than the database. See
 * docs/decisions/2026-12-04-fixed-cost-of-a-page.md.
 */
import type Database from "better-sqlite3";
import type { Db } from "./connection";

/** Enough for every team's workers and slug at the large council, and then some. */
const MOST_ANSWERS = 2_000;

interface Kept {
  state: Database.Statement;
  /** The database's state when the answers were read. */
  stateSeen: string;
  /** The answers on each shelf, by key. */
  shelves: Map<string, Map<string, unknown>>;
}

/**
 * Where an answer is kept, and how many answers that shelf holds before it is
 * emptied: large answers (a page's data text, about 20 KB) go on a shelf of
 * their own, so that they neither crowd out the small ones nor grow without
 * bound.
 */
export interface Shelf {
  shelf: string;
  most: number;
}

const SMALL_ANSWERS: Shelf = { shelf: "small answers", most: MOST_ANSWERS };

const keptFor = new WeakMap<Db["$client"], Kept>();

/**
 * `read()`'s answer, read again only when the database has changed since it
 * was last read (or inside a transaction, whose changes may yet be rolled
 * back). The answer is shared between requests: it is frozen, one level deep
 * (an array and its rows, or an object), so a caller that changes it fails
 * loudly rather than changing it for the next page.
 */
export function keptWhileUnchanged<T>(db: Db, key: string, read: () => T, { shelf, most }: Shelf = SMALL_ANSWERS): T {
  const sqlite = db.$client;
  // A transaction handle has no connection of its own to key on; a transaction sees changes it may roll back.
  if (!sqlite || sqlite.inTransaction) return read();
  let kept = keptFor.get(sqlite);
  if (!kept) {
    kept = { state: sqlite.prepare("select data_version || ':' || total_changes() from pragma_data_version()").pluck(), stateSeen: "", shelves: new Map() };
    keptFor.set(sqlite, kept);
  }
  const state = kept.state.get() as string;
  if (state !== kept.stateSeen) {
    kept.shelves.clear();
    kept.stateSeen = state;
  }
  let answers = kept.shelves.get(shelf);
  if (!answers) {
    answers = new Map();
    kept.shelves.set(shelf, answers);
  }
  if (answers.has(key)) return answers.get(key) as T;
  const answer = frozen(read());
  if (answers.size >= most) answers.clear();
  answers.set(key, answer);
  return answer;
}

function frozen<T>(answer: T): T {
  if (Array.isArray(answer)) for (const row of answer) if (row !== null && typeof row === "object") Object.freeze(row);
  return answer !== null && typeof answer === "object" ? Object.freeze(answer) : answer;
}
