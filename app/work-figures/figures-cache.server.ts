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
import { preparedOnce } from "../../db/prepared";
import { appSettings } from "../../db/schema";

const VERSION_KEY = "work_items_version";
/** Changes with the loaded data only (work items and services), not when month figures are stored from it. */
const DATA_VERSION_KEY = "data_version";

function newVersion(db: Db, key: string) {
  db.insert(appSettings)
    .values({ key, value: randomUUID() })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: randomUUID() } })
    .run();
}

/** Call in the transaction that changes what figures are counted from: cached figures are then out of date. */
export function newFiguresVersion(db: Db) {
  newVersion(db, VERSION_KEY);
}

/**
 * Call in the transaction that changes the loaded data (work items or services): a new figures version and a new data
 * version. Storing month figures makes only a new figures version, so what is read from the data alone (the care book,
 * about 2 s at the large council) outlives the month figures' refresh after each load.
 */
export function newDataVersion(db: Db) {
  newVersion(db, VERSION_KEY);
  newVersion(db, DATA_VERSION_KEY);
}

/** The version of the data figures are counted from: it changes with every change to work items or stored figures. */
export function figuresVersion(db: Db): string {
  return (
    preparedOnce(db, "figures-version", () => db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, VERSION_KEY)).prepare()).get()?.value ?? "initial"
  );
}

/** The version of the loaded data: it changes with every change to work items or services (not to stored figures). */
export function dataVersion(db: Db): string {
  return (
    preparedOnce(db, "data-version", () => db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, DATA_VERSION_KEY)).prepare()).get()?.value ??
    "initial"
  );
}

/** How many versions a memory remembers having seen: a page a load overtook may still ask for the one before. */
const VERSIONS_SEEN = 4;

interface Held {
  entries: Map<string, unknown>;
  /** The versions seen lately, newest last. */
  versions: string[];
}

/**
 * A memory of things counted from the data, at most `maxEntries` of them (the
 * least recently used goes first), one per database connection so two
 * databases open in one process never share. Keyed by the data's version: when
 * a new version is first seen, everything counted from earlier versions is let
 * go at once. Nothing asks for it again (each call reads the version as it is
 * now), and left to the least-recently-used rule a serving process kept up to
 * `maxEntries` of them across days of loads, for every full garbage collection
 * to go through.
 */
export function memory(maxEntries: number, versionOf: (db: Db) => string = figuresVersion) {
  const held = new WeakMap<Db["$client"], Held>();
  const heldFor = (db: Db): Held => {
    let memory = held.get(db.$client);
    if (!memory) held.set(db.$client, (memory = { entries: new Map(), versions: [] }));
    return memory;
  };
  /**
   * The value under `key` for the current data, counted once. What it returns
   * is shared between requests: read it, never change it.
   */
  function remembered<T>(db: Db, key: string, count: () => T): T {
    const memory = heldFor(db);
    const version = versionOf(db);
    // A version seen before (a page still reading the care book it waited for, while a newer one is read) forgets nothing.
    if (!memory.versions.includes(version)) forgetAllBut(memory, version);
    const cache = memory.entries;
    const versioned = `${version}|${key}`;
    if (cache.has(versioned)) {
      const value = cache.get(versioned) as T;
      // Most recently used last, so the oldest is the first to go.
      cache.delete(versioned);
      cache.set(versioned, value);
      return value;
    }
    const value = count();
    cache.set(versioned, value);
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    return value;
  }
  /** How many things the memory holds for this database: for tests. */
  const size = (db: Db) => held.get(db.$client)?.entries.size ?? 0;
  return Object.assign(remembered, { size });
}

function forgetAllBut(memory: Held, version: string) {
  memory.versions.push(version);
  if (memory.versions.length > VERSIONS_SEEN) memory.versions.shift();
  const prefix = `${version}|`;
  for (const key of memory.entries.keys()) if (!key.startsWith(prefix)) memory.entries.delete(key);
}

/** Figures: each entry is one team's or worker's months (a few kilobytes). */
export const remembered = memory(5000);

/** Lists of work items behind figures: an entry can hold tens of thousands of rows, so few are kept. */
export const rememberedList = memory(24);
