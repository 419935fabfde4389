/*
 * Figures kept in memory for as long as what they were counted from. Every
 * change to work items or to the stored month figures gives the figures a new
 * version, in the same transaction (see month-summaries.server.ts); cached
 * figures are keyed by that version, so a load makes every cached figure
 * unreachable at once, in every server process. On the morning of the monthly meetings most people ask for the
 * same teams as of the same day: they share one count. See
 * docs/decisions/2026-11-23-report-speed.md.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { appSettings } from "../../db/schema";

const VERSION_KEY = "work_items_version";
/** Entries kept; each is one team's or worker's live months (a few kilobytes). */
const MAX_ENTRIES = 5000;

/** One cache per database connection, so two databases open in one process never share figures. */
const caches = new WeakMap<Db["$client"], Map<string, unknown>>();

/** Call in the transaction that changes what figures are counted from: cached figures are then out of date. */
export function newFiguresVersion(db: Db) {
  db.insert(appSettings)
    .values({ key: VERSION_KEY, value: randomUUID() })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: randomUUID() } })
    .run();
}

function dataVersion(db: Db): string {
  return db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, VERSION_KEY)).get()?.value ?? "initial";
}

/**
 * The figures under `key` for the current data, counted once. What it returns
 * is shared between requests: read it, never change it.
 */
export function remembered<T>(db: Db, key: string, count: () => T): T {
  const cache = caches.get(db.$client) ?? new Map<string, unknown>();
  caches.set(db.$client, cache);
  const versioned = `${dataVersion(db)}|${key}`;
  if (cache.has(versioned)) {
    const value = cache.get(versioned) as T;
    // Most recently used last, so the oldest is the first to go.
    cache.delete(versioned);
    cache.set(versioned, value);
    return value;
  }
  const value = count();
  cache.set(versioned, value);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
