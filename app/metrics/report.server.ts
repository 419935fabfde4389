import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { outcomes, teams, workers, workItems, workTypes } from "../../db/schema";
import { monthRange, type IsoDate, type IsoMonth } from "~/dates";
import type { MetricItem } from "./definitions";
import { loadMetricItems, type ReportRange, type ReportScope } from "./metric-items.server";
import { computeMonthsFigures, type MonthFigures } from "./month-figures";
import { storedFiguresOfMany, storedMonthFigures } from "./month-summaries.server";

export type { ReportRange, ReportScope };

/**
 * A report's figures month by month: finished months from the stored
 * figures where they can answer, the rest counted live.
 */
export function monthlyFigures(db: Db, scope: ReportScope, range: ReportRange): MonthFigures[] {
  const months = monthRange(range.from, range.to);
  const stored = canUseStored(scope)
    ? storedMonthFigures(db, { teamId: scope.teamId, workerId: scope.workerId }, months, range.asOf)
    : new Map<IsoMonth, MonthFigures>();
  // Stored months are the earliest ones, so the rest are one run of months.
  const live = months.filter((month) => !stored.has(month));
  const counted = live.length
    ? computeMonthsFigures(loadMetricItems(db, scope, { ...range, from: live[0]!, to: live.at(-1)! }), live, range.asOf)
    : [];
  const byMonth = new Map([...stored, ...counted.map((m) => [m.month, m] as const)]);
  return months.map((month) => byMonth.get(month)!);
}

/** Stored figures are kept per team and per worker, not per work type or outcome. */
function canUseStored(scope: ReportScope): scope is ReportScope & { teamId: number } {
  return scope.teamId !== undefined && scope.workTypeId === undefined && scope.outcomeGroup === undefined;
}

/** Every team's figures for a run of months, the months not stored counted in a single read. */
export function figuresByTeam(db: Db, months: readonly IsoMonth[], asOf: IsoDate): Map<number, MonthFigures[]> {
  const teamIds = db.select({ id: teams.id }).from(teams).all().map((team) => team.id);
  const stored = storedFiguresOfMany(db, { teams: teamIds }, months, asOf);
  return figuresOfMany(stored, teamIds, months, asOf, (range) => loadMetricItems(db, {}, range), (item) => item.teamId);
}

/** Each of a team's workers' figures for a run of months, as figuresByTeam. */
export function figuresByWorker(db: Db, teamId: number, workerIds: readonly number[], months: readonly IsoMonth[], asOf: IsoDate): Map<number, MonthFigures[]> {
  const stored = storedFiguresOfMany(db, { workersOf: teamId, workers: workerIds }, months, asOf);
  return figuresOfMany(stored, workerIds, months, asOf, (range) => loadMetricItems(db, { teamId }, range), (item) => item.workerId);
}

function figuresOfMany<T extends MetricItem>(
  stored: Map<number, Map<IsoMonth, MonthFigures>>,
  keys: readonly number[],
  months: readonly IsoMonth[],
  asOf: IsoDate,
  load: (range: ReportRange) => T[],
  keyOf: (item: T) => number | null,
): Map<number, MonthFigures[]> {
  if (keys.length === 0) return new Map();
  // Stored months are the earliest ones (or none), so the rest are one run of months.
  const live = months.filter((month) => !stored.get(keys[0]!)?.has(month));
  const byKey = new Map<number, T[]>(keys.map((key) => [key, []]));
  if (live.length) {
    for (const item of load({ from: live[0]!, to: live.at(-1)!, asOf })) {
      const key = keyOf(item);
      if (key !== null) byKey.get(key)?.push(item);
    }
  }
  const result = new Map<number, MonthFigures[]>();
  for (const key of keys) {
    const counted = live.length ? computeMonthsFigures(byKey.get(key)!, live, asOf) : [];
    const byMonth = new Map([...(stored.get(key) ?? []), ...counted.map((m) => [m.month, m] as const)]);
    result.set(key, months.map((month) => byMonth.get(month)!));
  }
  return result;
}

export interface WorkItemRow {
  id: number;
  sourceRef: string;
  personRef: string;
  workType: string;
  worker: string | null;
  receivedOn: IsoDate;
  allocatedOn: IsoDate | null;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  outcome: string | null;
}

/** The work items behind a figure, with what a person needs to find each one. */
export function workItemDetails(db: Db, ids: number[]): WorkItemRow[] {
  const rows: WorkItemRow[] = [];
  // SQLite limits bound parameters; read in slices.
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...db
        .select({
          id: workItems.id,
          sourceRef: workItems.sourceRef,
          personRef: workItems.personRef,
          workType: workTypes.name,
          worker: workers.name,
          receivedOn: workItems.receivedOn,
          allocatedOn: workItems.allocatedOn,
          dueOn: workItems.dueOn,
          completedOn: workItems.completedOn,
          outcome: outcomes.value,
        })
        .from(workItems)
        .innerJoin(workTypes, eq(workTypes.id, workItems.workTypeId))
        .leftJoin(workers, eq(workers.id, workItems.workerId))
        .leftJoin(outcomes, eq(outcomes.id, workItems.outcomeId))
        .where(inArray(workItems.id, ids.slice(i, i + 500)))
        .all(),
    );
  }
  return rows.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.sourceRef.localeCompare(b.sourceRef));
}
