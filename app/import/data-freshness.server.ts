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
}

/** When the figures' data was last loaded, and whether that is longer ago than the service allows. */
export function dataFreshness(db: Db, staleAfterDays: number, today = clockToday()): DataFreshness | null {
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
  return { loadedOn, source: latest.source, ageDays, stale: ageDays > staleAfterDays };
}
