/* Classify: each staged row is new, changed or the same as the stored work item or service. */
import type Database from "better-sqlite3";
import type { ImportCounts } from "./history.server";
import { ITEM_COLUMNS, SERVICE_COLUMNS, storedValue, type ItemColumn, type ServiceColumn } from "./staging.server";

/** What a staged row does to the stored work items. */
export const Staged = { Unchanged: 0, Added: 1, Updated: 2 } as const;

/** Marks each staged row added, updated or unchanged, against the stored work items. */
export function markStaged(sqlite: Database.Database) {
  sqlite.exec(
    `update temp.staged_items set state = coalesce(
       (select case when ${ITEM_COLUMNS.map((c) => `w.${c} is ${storedValue(c)}`).join(" and ")} then ${Staged.Unchanged} else ${Staged.Updated} end
        from main.work_items w where w.source_ref = staged_items.source_ref),
       ${Staged.Added})`,
  );
  noteChangedColumns(sqlite, "work_items", "staged_items", ITEM_COLUMNS);
}

/** Where noteChangedColumns leaves each staged table's changed rows. */
export const changedRowsOf = { staged_items: "changed_items", staged_services: "changed_services" } as const;

/**
 * For each staged row marked changed: the stored row it changes (`target`, its rowid), and which columns change
 * (`changed`, the bit 2^i for the i-th of `columns`), so the write can set each column only where it changed
 * (write.server.ts). Found with the marks, before the write lock, and found again with them under it if a load
 * landed meanwhile. A new team or worker, its id still below zero here, always counts as a change.
 */
function noteChangedColumns(
  sqlite: Database.Database,
  table: "work_items" | "care_services",
  staged: keyof typeof changedRowsOf,
  columns: readonly (ItemColumn | ServiceColumn)[],
) {
  const changed = changedRowsOf[staged];
  sqlite.exec(`drop table if exists temp.${changed}`);
  sqlite.exec(
    `create temp table ${changed} as
     select t.rowid as target, ${staged}.line as line,
       ${columns.map((c, i) => `(case when t.${c} is ${storedValue(c, staged)} then 0 else ${2 ** i} end)`).join(" + ")} as changed
     from temp.${staged} join main.${table} t on t.source_ref = ${staged}.source_ref
     where ${staged}.state = ${Staged.Updated}`,
  );
}

export function countStaged(sqlite: Database.Database, report: Pick<ImportCounts, "added" | "updated" | "unchanged">) {
  const rows = sqlite.prepare(`select coalesce(state, ${Staged.Added}) as state, count(*) as n from temp.staged_items group by 1`).all() as { state: number; n: number }[];
  const counts = new Map(rows.map((r) => [r.state, r.n]));
  report.added = counts.get(Staged.Added) ?? 0;
  report.updated = counts.get(Staged.Updated) ?? 0;
  report.unchanged = counts.get(Staged.Unchanged) ?? 0;
}

/** Marks each staged Service row added, updated or unchanged, against the stored services. */
export function markStagedServices(sqlite: Database.Database) {
  sqlite.exec(
    `update temp.staged_services set state = coalesce(
       (select case when ${SERVICE_COLUMNS.map((c) => `s.${c} is ${storedValue(c, "staged_services")}`).join(" and ")} then ${Staged.Unchanged} else ${Staged.Updated} end
        from main.care_services s where s.source_ref = staged_services.source_ref),
       ${Staged.Added})`,
  );
  noteChangedColumns(sqlite, "care_services", "staged_services", SERVICE_COLUMNS);
}

export function countStagedServices(sqlite: Database.Database, report: Pick<ImportCounts, "servicesAdded" | "servicesUpdated" | "servicesUnchanged">) {
  const rows = sqlite.prepare(`select coalesce(state, ${Staged.Added}) as state, count(*) as n from temp.staged_services group by 1`).all() as { state: number; n: number }[];
  const counts = new Map(rows.map((r) => [r.state, r.n]));
  report.servicesAdded = counts.get(Staged.Added) ?? 0;
  report.servicesUpdated = counts.get(Staged.Updated) ?? 0;
  report.servicesUnchanged = counts.get(Staged.Unchanged) ?? 0;
}
