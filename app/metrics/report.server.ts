import { and, eq, gte, inArray, isNull, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { outcomes, teams, workers, workItems, workTypes } from "../../db/schema";
import { firstDayOf, lastDayOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";
import type { MetricItem } from "./definitions";
import { computeMonthFigures, computeMonthsFigures, type MonthFigures } from "./month-figures";

export interface ReportScope {
  teamId?: number;
  workerId?: number;
}

export interface ReportRange {
  from: IsoMonth;
  to: IsoMonth;
  asOf: IsoDate;
}

function scopeCondition(scope: ReportScope): SQL | undefined {
  return and(
    scope.teamId === undefined ? undefined : eq(workItems.teamId, scope.teamId),
    scope.workerId === undefined ? undefined : eq(workItems.workerId, scope.workerId),
  );
}

/**
 * The only items any figure in the range can count: received by the as-of
 * date (and by the range's end) and still open at the range's start or at the
 * as-of date, whichever is earlier.
 */
export function loadMetricItems(
  db: Db,
  scope: ReportScope,
  range: ReportRange,
): (MetricItem & { teamId: number })[] {
  const receivedBy = [lastDayOf(range.to), range.asOf].sort()[0] as IsoDate;
  const openFrom = [firstDayOf(range.from), range.asOf].sort()[0] as IsoDate;
  return db
    .select({
      id: workItems.id,
      teamId: workItems.teamId,
      receivedOn: workItems.receivedOn,
      allocatedOn: workItems.allocatedOn,
      workerId: workItems.workerId,
      dueOn: workItems.dueOn,
      completedOn: workItems.completedOn,
      category: workTypes.category,
      outcome: outcomes.value,
      outcomeGroup: outcomes.group,
    })
    .from(workItems)
    .innerJoin(workTypes, eq(workTypes.id, workItems.workTypeId))
    .leftJoin(outcomes, eq(outcomes.id, workItems.outcomeId))
    .where(
      and(
        scopeCondition(scope),
        lte(workItems.receivedOn, receivedBy),
        or(isNull(workItems.completedOn), gte(workItems.completedOn, openFrom)),
      ),
    )
    .all();
}

export function monthlyFigures(db: Db, scope: ReportScope, range: ReportRange): MonthFigures[] {
  const items = loadMetricItems(db, scope, range);
  return computeMonthsFigures(items, monthRange(range.from, range.to), range.asOf);
}

/** One month's figures for every team at once, from a single read. */
export function figuresByTeam(db: Db, month: IsoMonth, asOf: IsoDate): Map<number, MonthFigures> {
  const items = loadMetricItems(db, {}, { from: month, to: month, asOf });
  const byTeam = new Map<number, MetricItem[]>();
  for (const item of items) {
    const list = byTeam.get(item.teamId) ?? [];
    list.push(item);
    byTeam.set(item.teamId, list);
  }
  const result = new Map<number, MonthFigures>();
  for (const team of db.select({ id: teams.id }).from(teams).all()) {
    result.set(team.id, computeMonthFigures(byTeam.get(team.id) ?? [], month, asOf));
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
