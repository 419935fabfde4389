import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedOnce } from "../../db/prepared";
import { auditLog, importRuns } from "../../db/schema";
import { daysBetween, todayInLondon, type IsoDate } from "../dates";
import { clockToday } from "~/platform/clock.server";

export interface DataFreshness {
  /** The day the data was last loaded (an extract, or the demo council). */
  loadedOn: IsoDate;
  source: string;
  ageDays: number;
  stale: boolean;
  /** Whole days between loads lately, when extracts arrive more often than the stale limit allows (a daily feed: 1); else null. */
  everyDays: number | null;
  /** Days after which the data counts as stale: the configured limit, or twice the usual gap between loads when that is shorter. */
  staleAfterDays: number;
}

/** The loads looked at for how often data arrives. */
const RECENT_LOADS = 7;
/** Fewer loads than this say nothing about how often data arrives. */
const FEWEST_LOADS = 3;

/**
 * How often extracts arrive, from the recent loads: the middle gap in days between the days they were loaded on, or
 * null when they fall on too few days to tell. Several loads on one day (a file put right and loaded again) are one.
 */
export function loadEveryDays(finishedAt: readonly string[]): number | null {
  const days = [...new Set(finishedAt.map((at) => todayInLondon(new Date(at))))].sort();
  if (days.length < FEWEST_LOADS) return null;
  const gaps = days
    .slice(1)
    .map((day, i) => daysBetween(days[i]!, day))
    .sort((a, b) => a - b);
  const middle = gaps.length % 2 === 1 ? gaps[(gaps.length - 1) / 2]! : (gaps[gaps.length / 2 - 1]! + gaps[gaps.length / 2]!) / 2;
  return Math.round(middle);
}

/** A feed's own limit: twice its usual gap (at least 2 days), unless the configured limit is sooner. */
export function staleLimit(configured: number, everyDays: number | null): { everyDays: number | null; staleAfterDays: number } {
  if (everyDays === null || 2 * everyDays >= configured) return { everyDays: null, staleAfterDays: configured };
  return { everyDays, staleAfterDays: Math.max(2, 2 * everyDays) };
}

/**
 * What the freshness is worked out from, in one small read: the newest loaded extract and the newest demo
 * load. A page shows the freshness on every request, and working it out afresh was about a tenth of a small page.
 */
const LOADS_KEY = `select (select max(id) from import_runs where status = 'loaded') as lastImport, (select max(id) from audit_log where action = 'load_demo') as lastDemo`;

/** Each connection's last answer, by the loads, the day and the limit it was worked out for. */
const known = new WeakMap<Db["$client"], { key: string; freshness: DataFreshness | null }>();

/** When the figures' data was last loaded, and whether that is longer ago than the service allows. */
export function dataFreshness(db: Db, staleAfterDays: number, today = clockToday()): DataFreshness | null {
  // A transaction handle has no connection of its own to keep the answer on.
  if (!db.$client) return workOutFreshness(db, staleAfterDays, today);
  const loads = preparedOnce(db, "freshness-key", () => db.$client.prepare(LOADS_KEY)).get() as { lastImport: number | null; lastDemo: number | null };
  const key = `${loads.lastImport}|${loads.lastDemo}|${today}|${staleAfterDays}`;
  const last = known.get(db.$client);
  if (last?.key === key) return last.freshness;
  const freshness = workOutFreshness(db, staleAfterDays, today);
  known.set(db.$client, { key, freshness });
  return freshness;
}

function workOutFreshness(db: Db, staleAfterDays: number, today: IsoDate): DataFreshness | null {
  // Every page shows this: prepared once.
  const lastImport = preparedOnce(db, "last-import", () =>
    db
      .select({ at: importRuns.finishedAt, fileName: importRuns.fileName })
      .from(importRuns)
      .where(eq(importRuns.status, "loaded"))
      .orderBy(desc(importRuns.finishedAt))
      .limit(1)
      .prepare(),
  ).get();
  const lastDemo = preparedOnce(db, "last-demo-load", () =>
    db.select({ at: auditLog.at }).from(auditLog).where(eq(auditLog.action, "load_demo")).orderBy(desc(auditLog.at)).limit(1).prepare(),
  ).get();
  const latest = [lastImport && { at: lastImport.at, source: `the extract ${lastImport.fileName}` }, lastDemo && { at: lastDemo.at, source: "the generated demo council" }]
    .filter((x): x is { at: string; source: string } => Boolean(x))
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  if (!latest) return null;
  const loadedOn = todayInLondon(new Date(latest.at));
  const ageDays = daysBetween(loadedOn, today);
  // Only extracts count: a demo load says nothing about how often the council's data arrives.
  const recent = preparedOnce(db, "recent-loads", () =>
    db.select({ at: importRuns.finishedAt }).from(importRuns).where(eq(importRuns.status, "loaded")).orderBy(desc(importRuns.finishedAt)).limit(RECENT_LOADS).prepare(),
  ).all();
  const limit = staleLimit(staleAfterDays, latest.source.startsWith("the extract") ? loadEveryDays(recent.map((r) => r.at)) : null);
  return { loadedOn, source: latest.source, ageDays, stale: ageDays > limit.staleAfterDays, ...limit };
}
