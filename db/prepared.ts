/*
 * Statements prepared once per connection, for the queries nearly every page
 * runs (the session, the user, the team). Building a query with drizzle and
 * preparing it with SQLite costs about a quarter of a millisecond; a page
 * runs a dozen such queries on every request.
 */
import type { Db } from "./connection";

const statements = new WeakMap<Db["$client"], Map<string, unknown>>();

/** The statement `build` makes (a drizzle query ending in `.prepare()`, with placeholders), made once for `db`. */
export function preparedOnce<T>(db: Db, key: string, build: () => T): T {
  // A transaction handle has no connection of its own to key on: prepare afresh.
  if (!db.$client) return build();
  const cache = statements.get(db.$client) ?? new Map<string, unknown>();
  statements.set(db.$client, cache);
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
}
