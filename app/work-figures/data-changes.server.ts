/*
 * What each load wrote, recorded with the data version it made (the
 * data_changes table), so that what is read from the whole data once per
 * version (the care book) can be brought up to date from the rows a load
 * changed rather than read again whole: a 200,000-row extract with a tenth
 * changed rewrites about 7,000 of the large council's 1,000,000 work items.
 * Only the rows whose change the book can see are listed: new rows, and
 * changed ones whose change is in a column it reads.
 */
import type { Db } from "../../db/connection";
import { dataVersion } from "./figures-cache.server";

/** Above this many rows a load's references are not listed: reading everything again is as quick. */
export const MOST_REFS_LISTED = 50_000;
/** How many loads' changes are kept. */
const LOADS_KEPT = 20;
/** How far back a chain of loads is followed before reading everything again. */
const LONGEST_CHAIN = 10;

export interface DataChanges {
  /**
   * References of the work items added, or changed in a column the care book reads (care/care-book-columns.ts); null
   * when too many to list.
   */
  workItemRefs: readonly string[] | null;
  /** The same for services. */
  serviceRefs: readonly string[] | null;
}

/**
 * Call in the load's transaction, after it made the new data version from `previous`: records which rows it wrote,
 * and forgets all but the latest loads' records.
 */
export function recordDataChanges(db: Db, previous: string, changes: DataChanges) {
  const sqlite = db.$client;
  const json = (refs: readonly string[] | null) => (refs === null ? null : JSON.stringify(refs));
  sqlite
    .prepare("insert into data_changes (version, previous, work_item_refs, service_refs) values (?, ?, ?, ?)")
    .run(dataVersion(db), previous, json(changes.workItemRefs), json(changes.serviceRefs));
  sqlite.prepare("delete from data_changes where seq <= (select max(seq) from data_changes) - ?").run(LOADS_KEPT);
}

/**
 * The rows written from data version `from` to `to`, load by load; null when that cannot be told (a load listed too
 * many, the demo council was loaded, or the data changed some other way): then everything must be read again.
 */
export function changesBetween(db: Db, from: string, to: string): { workItemRefs: string[]; serviceRefs: string[] } | null {
  const find = db.$client.prepare("select previous, work_item_refs as workItemRefs, service_refs as serviceRefs from data_changes where version = ?");
  const workItemRefs = new Set<string>();
  const serviceRefs = new Set<string>();
  let version = to;
  for (let steps = 0; version !== from; steps += 1) {
    const load = find.get(version) as { previous: string; workItemRefs: string | null; serviceRefs: string | null } | undefined;
    if (!load || load.workItemRefs === null || load.serviceRefs === null || steps >= LONGEST_CHAIN) return null;
    for (const ref of JSON.parse(load.workItemRefs) as string[]) workItemRefs.add(ref);
    for (const ref of JSON.parse(load.serviceRefs) as string[]) serviceRefs.add(ref);
    version = load.previous;
  }
  return { workItemRefs: [...workItemRefs], serviceRefs: [...serviceRefs] };
}
