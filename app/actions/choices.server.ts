/*
 * What an action's form chooses from: its owners, objectives and measures,
 * and an action's own values as its edit form shows them.
 */
import { and, asc, eq, isNotNull, or } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { primedMetrics, users, userTeams, workers } from "../../db/schema";
import type { IsoDate } from "~/dates";
import { reportSeriesOf } from "~/interpretation/report-series";
import { outcomeGroupMap } from "~/reference-data/outcomes.server";
import { objectivesAnActionMayServe } from "~/purpose/objectives.server";
import type { ActionRow } from "./queries.server";

export interface OwnerChoice {
  id: number;
  name: string;
  role: string;
}

/**
 * Who may own a team's action: an active person who can see the team's log,
 * that is its members who sign in, its managers and the heads of service.
 */
export function ownerChoices(db: Db, teamId: number): OwnerChoice[] {
  const members = db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .leftJoin(workers, eq(workers.id, users.workerId))
    .leftJoin(userTeams, and(eq(userTeams.userId, users.id), eq(userTeams.teamId, teamId)))
    .where(and(eq(users.active, true), or(eq(workers.teamId, teamId), isNotNull(userTeams.teamId), eq(users.role, "head_of_service"))))
    .orderBy(asc(users.name))
    .all();
  // A manager who is also a member of the team appears once.
  return [...new Map(members.map((m) => [m.id, m])).values()].filter((m) => m.role !== "admin");
}

export interface MeasureChoice {
  /** "series:overdue" or "metric:3", as the form posts it. */
  value: string;
  label: string;
}

/** The measures an action of the team may be linked to: the team's report series, then the Primed Metrics. */
export function measureChoices(db: Db): MeasureChoice[] {
  const groups = [...new Set(Object.values(outcomeGroupMap(db)))];
  const series = ["received", "completed", "onTimeRate", "overdue", "awaitingAllocation", ...groups.map((g) => `outcomeShare:${g}`)]
    .map((key) => reportSeriesOf(key, groups))
    .filter((s) => s !== undefined)
    .map((s) => ({ value: `series:${s.key}`, label: s.label }));
  const metrics = db.select({ id: primedMetrics.id, name: primedMetrics.name }).from(primedMetrics).orderBy(asc(primedMetrics.name)).all();
  return [...series, ...metrics.map((m) => ({ value: `metric:${m.id}`, label: `${m.name} (Primed Metric)` }))];
}

/** The lists an action form chooses from, for one team; `action`'s own objective stays on its edit form's list. */
export function actionChoices(db: Db, teamId: number, today: IsoDate, action?: Pick<ActionRow, "objectiveId">) {
  return {
    owners: ownerChoices(db, teamId).map(({ id, name }) => ({ id, name })),
    objectives: objectivesAnActionMayServe(db, teamId, today, action?.objectiveId ?? null),
    measures: measureChoices(db),
  };
}

/** An action's fields as its edit form shows them. */
export function formValuesOf(action: ActionRow) {
  return {
    title: action.title,
    detail: action.detail,
    owner: String(action.ownerUserId),
    deadline: action.deadline,
    objective: action.objectiveId === null ? "" : String(action.objectiveId),
    measure: action.series !== null ? `series:${action.series}` : action.primedMetricId !== null ? `metric:${action.primedMetricId}` : "",
  };
}
