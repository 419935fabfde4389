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
  /** What the form posts: an account's id, or "worker:34" for someone in the team with no account yet. */
  value: string;
  name: string;
  /** Their Primed account; null for someone in the team who has none yet (one is made when they are given an action). */
  userId: number | null;
  workerId: number | null;
}

/**
 * Who may own a team's action: the team's people as the meeting's attendance
 * list shows them (its active workers, with or without a Primed account),
 * then the others who can see the team's log: members who sign in but are no
 * longer on the team's list, its managers and the heads of service. A worker
 * whose account an administrator switched off is left out: they have left.
 */
export function ownerChoices(db: Db, teamId: number): OwnerChoice[] {
  const people = db
    .select({ workerId: workers.id, name: workers.name, userId: users.id, active: users.active })
    .from(workers)
    .leftJoin(users, eq(users.workerId, workers.id))
    .where(and(eq(workers.teamId, teamId), eq(workers.active, true)))
    .orderBy(asc(workers.name), asc(users.id))
    .all();
  const choices = new Map<string, OwnerChoice>();
  for (const person of people) {
    if (person.userId !== null && !person.active) continue;
    // A worker with two accounts (rare: an administrator's slip) is offered by the first.
    if ([...choices.values()].some((c) => c.workerId === person.workerId)) continue;
    const value = person.userId === null ? `worker:${person.workerId}` : String(person.userId);
    choices.set(value, { value, name: person.name, userId: person.userId, workerId: person.workerId });
  }
  const others = db
    .select({ id: users.id, name: users.name, role: users.role, workerId: users.workerId })
    .from(users)
    .leftJoin(workers, eq(workers.id, users.workerId))
    .leftJoin(userTeams, and(eq(userTeams.userId, users.id), eq(userTeams.teamId, teamId)))
    .where(and(eq(users.active, true), or(eq(workers.teamId, teamId), isNotNull(userTeams.teamId), eq(users.role, "head_of_service"))))
    .orderBy(asc(users.name))
    .all();
  for (const other of others) {
    if (other.role === "admin" || choices.has(String(other.id))) continue;
    choices.set(String(other.id), { value: String(other.id), name: other.name, userId: other.id, workerId: other.workerId });
  }
  return [...choices.values()];
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
    owners: ownerChoices(db, teamId).map(({ value, name, userId }) => ({ value, name, hasAccount: userId !== null })),
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
