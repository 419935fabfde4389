/* Classify: each staged row is new, changed or the same as the stored work item or service. */
import type Database from "better-sqlite3";
import type { ImportCounts } from "./history.server";
import { ITEM_COLUMNS, SERVICE_COLUMNS, storedValue } from "./staging.server";

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
}

export function countStagedServices(sqlite: Database.Database, report: Pick<ImportCounts, "servicesAdded" | "servicesUpdated" | "servicesUnchanged">) {
  const rows = sqlite.prepare(`select coalesce(state, ${Staged.Added}) as state, count(*) as n from temp.staged_services group by 1`).all() as { state: number; n: number }[];
  const counts = new Map(rows.map((r) => [r.state, r.n]));
  report.servicesAdded = counts.get(Staged.Added) ?? 0;
  report.servicesUpdated = counts.get(Staged.Updated) ?? 0;
  report.servicesUnchanged = counts.get(Staged.Unchanged) ?? 0;
}
