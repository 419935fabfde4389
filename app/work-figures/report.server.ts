import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { outcomes, teams, workers, workItems, workTypes } from "../../db/schema";
import { monthRange, type IsoDate, type IsoMonth } from "~/dates";
import type { MetricItem } from "./definitions";
import { loadMetricItems, type ReportRange, type ReportScope } from "./metric-items.server";
import { computeMonthsFigures, type MonthFigures } from "./month-figures";
import { remembered } from "./figures-cache.server";
import { storedFiguresOfMany, storedMonthFigures } from "./month-summaries.server";

export type { ReportRange, ReportScope };

/**
 * A report's figures month by month: finished months from the stored
 * figures where they can answer, the rest counted live.
 */
export function monthlyFigures(db: Db, scope: ReportScope, range: ReportRange): MonthFigures[] {
  return remembered(db, `months|${JSON.stringify(scope)}|${range.from}|${range.to}|${range.asOf}`, () => countMonthlyFigures(db, scope, range));
}

function countMonthlyFigures(db: Db, scope: ReportScope, range: ReportRange): MonthFigures[] {
  const months = monthRange(range.from, range.to);
  const stored = canUseStored(scope) ? storedMonthFigures(db, { teamId: scope.teamId, workerId: scope.workerId }, months, range.asOf) : new Map<IsoMonth, MonthFigures>();
  // Stored months are the earliest ones, so the rest are one run of months.
  const live = months.filter((month) => !stored.has(month));
  const counted = live.length ? liveMonthFigures(db, scope, live, range.asOf) : [];
  const byMonth = new Map([...stored, ...counted.map((m) => [m.month, m] as const)]);
  return months.map((month) => byMonth.get(month)!);
}

/**
 * A scope's months counted live, each month once per figures' version and as-of date, whichever range asked for it.
 * A team page asks for its report's months and for the signals' 24 finished months, 12 of them the same: after a load,
 * until the month figures are stored again, every team page counted those 12 months twice (45 of a large team's
 * 155 ms). A month's figures do not depend on the range it was counted in: the items a range reads include every item
 * that can count in any of its months. The map only ever gains months, each counted whole before it is added.
 */
function liveMonthFigures(db: Db, scope: ReportScope, live: readonly IsoMonth[], asOf: IsoDate): MonthFigures[] {
  const known = remembered(db, `live|${JSON.stringify(scope)}|${asOf}`, () => new Map<IsoMonth, MonthFigures>());
  const missing = live.filter((month) => !known.has(month));
  if (missing.length > 0) {
    // One run from the first month missing to the last: the live months asked for are one run, and so are those known.
    const run = monthRange(missing[0]!, missing.at(-1)!);
    const items = loadMetricItems(db, scope, { from: run[0]!, to: run.at(-1)!, asOf });
    for (const month of computeMonthsFigures(items, run, asOf)) known.set(month.month, month);
  }
  return live.map((month) => known.get(month)!);
}

/** Stored figures are kept per team and per worker, not per work type or outcome. */
function canUseStored(scope: ReportScope): scope is ReportScope & { teamId: number } {
  return scope.teamId !== undefined && scope.workTypeId === undefined && scope.outcomeGroup === undefined;
}

/** Every team's figures for a run of months, the months not stored counted in a single read. */
export function figuresByTeam(db: Db, months: readonly IsoMonth[], asOf: IsoDate): Map<number, MonthFigures[]> {
  return remembered(db, `teams|${months.join(",")}|${asOf}`, () => {
    const teamIds = db
      .select({ id: teams.id })
      .from(teams)
      .all()
      .map((team) => team.id);
    const stored = storedFiguresOfMany(db, { teams: teamIds }, months, asOf);
    return figuresOfMany(stored, teamIds, months, (live) =>
      countLive(teamIds, live, asOf, loadMetricItems(db, {}, { from: live[0]!, to: live.at(-1)!, asOf }), (item) => item.teamId),
    );
  });
}

/** Each of a team's workers' figures for a run of months, as figuresByTeam. */
export function figuresByWorker(db: Db, teamId: number, workerIds: readonly number[], months: readonly IsoMonth[], asOf: IsoDate): Map<number, MonthFigures[]> {
  return remembered(db, `workers|${teamId}|${workerIds.join(",")}|${months.join(",")}|${asOf}`, () => {
    const stored = storedFiguresOfMany(db, { workersOf: teamId, workers: workerIds }, months, asOf);
    return figuresOfMany(stored, workerIds, months, (live) =>
      countLive(workerIds, live, asOf, loadMetricItems(db, { teamId }, { from: live[0]!, to: live.at(-1)!, asOf }), (item) => item.workerId),
    );
  });
}

/** Stored months joined with the rest, counted live by `countLiveMonths` (each key's figures for those months). */
function figuresOfMany(
  stored: Map<number, Map<IsoMonth, MonthFigures>>,
  keys: readonly number[],
  months: readonly IsoMonth[],
  countLiveMonths: (live: IsoMonth[]) => Map<number, MonthFigures[]>,
): Map<number, MonthFigures[]> {
  if (keys.length === 0) return new Map();
  // Stored months are the earliest ones (or none), so the rest are one run of months.
  const live = months.filter((month) => !stored.get(keys[0]!)?.has(month));
  const counted = live.length ? countLiveMonths(live) : new Map<number, MonthFigures[]>();
  const result = new Map<number, MonthFigures[]>();
  for (const key of keys) {
    const byMonth = new Map([...(stored.get(key) ?? []), ...(counted.get(key) ?? []).map((m) => [m.month, m] as const)]);
    result.set(
      key,
      months.map((month) => byMonth.get(month)!),
    );
  }
  return result;
}

/** Each key's figures for the live months, from one read of the items, grouped by `keyOf`. */
function countLive<T extends MetricItem>(keys: readonly number[], live: IsoMonth[], asOf: IsoDate, items: T[], keyOf: (item: T) => number | null): Map<number, MonthFigures[]> {
  const byKey = new Map<number, T[]>(keys.map((key) => [key, []]));
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) byKey.get(key)?.push(item);
  }
  return new Map(keys.map((key) => [key, computeMonthsFigures(byKey.get(key)!, live, asOf)]));
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
