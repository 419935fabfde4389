/*
 * Reading the action log: one action, or the actions that match a filter,
 * with their team, owner, escalator, objective and measure.
 */
import { aliasedTable, and, asc, eq, inArray, isNotNull, lt, sql, type Placeholder, type SQL } from "drizzle-orm";
import { preparedOnce } from "../../db/prepared";
import type { Db } from "../../db/connection";
import { actions, objectives, primedMetrics, teams, users, type ActionStatus } from "../../db/schema";
import type { IsoDate } from "~/dates";
import type { ActionShow } from "./action-forms";

const owner = aliasedTable(users, "owner");
const escalator = aliasedTable(users, "escalator");

const actionColumns = {
  id: actions.id,
  teamId: actions.teamId,
  teamName: teams.name,
  teamSlug: teams.slug,
  title: actions.title,
  detail: actions.detail,
  ownerUserId: actions.ownerUserId,
  ownerName: owner.name,
  deadline: actions.deadline,
  status: actions.status,
  month: actions.month,
  meetingId: actions.meetingId,
  objectiveId: actions.objectiveId,
  objectiveStatement: objectives.statement,
  series: actions.series,
  primedMetricId: actions.primedMetricId,
  metricName: primedMetrics.name,
  completedOn: actions.completedOn,
  escalatedAt: actions.escalatedAt,
  escalatedBy: escalator.name,
  escalationReason: actions.escalationReason,
  createdAt: actions.createdAt,
  updatedAt: actions.updatedAt,
};

export type ActionRow = {
  id: number;
  teamId: number;
  teamName: string;
  teamSlug: string;
  title: string;
  detail: string;
  ownerUserId: number;
  ownerName: string;
  deadline: IsoDate;
  status: ActionStatus;
  month: string;
  meetingId: number | null;
  objectiveId: number | null;
  objectiveStatement: string | null;
  series: string | null;
  primedMetricId: number | null;
  metricName: string | null;
  completedOn: IsoDate | null;
  escalatedAt: string | null;
  /** Null with escalatedAt set: escalated automatically. */
  escalatedBy: string | null;
  escalationReason: string | null;
  createdAt: string;
  updatedAt: string;
};

function selectActions(db: Db) {
  return db
    .select(actionColumns)
    .from(actions)
    .innerJoin(teams, eq(teams.id, actions.teamId))
    .innerJoin(owner, eq(owner.id, actions.ownerUserId))
    .leftJoin(escalator, eq(escalator.id, actions.escalatedByUserId))
    .leftJoin(objectives, eq(objectives.id, actions.objectiveId))
    .leftJoin(primedMetrics, eq(primedMetrics.id, actions.primedMetricId));
}

export interface ActionFilter {
  /** Undefined: every team. */
  teamIds?: readonly number[];
  ownerUserId?: number;
  meetingId?: number;
  primedMetricId?: number;
  /** A team's series: with teamIds of that one team. */
  series?: string;
  show?: ActionShow;
}

/** Open or in progress: what the log and the automatic escalation call open. */
export const openStatus = inArray(actions.status, ["open", "in_progress"]);

function showCondition(show: ActionShow, today: Placeholder): SQL | undefined {
  switch (show) {
    case "open":
      return openStatus;
    case "overdue":
      return and(openStatus, lt(actions.deadline, today));
    case "escalated":
      return and(openStatus, isNotNull(actions.escalatedAt));
    case "done":
    case "dropped":
      return eq(actions.status, show);
    case "all":
      return undefined;
  }
}

const singleFilters = ["ownerUserId", "meetingId", "primedMetricId", "series"] as const;

/**
 * The actions that match, soonest deadline first (the most overdue at the
 * top), closed ones after. Prepared once for each shape of filter: building
 * and planning this six-table query on every call was about 0.7 ms, a
 * twentieth of a team report.
 */
export function listActions(db: Db, filter: ActionFilter, today: IsoDate): ActionRow[] {
  const show = filter.show ?? "all";
  const given = singleFilters.filter((key) => filter[key] !== undefined);
  const statement = preparedOnce(db, `actions|${filter.teamIds?.length ?? "every team"}|${given.join(",")}|${show}`, () => {
    const conditions = [
      filter.teamIds
        ? inArray(
            actions.teamId,
            filter.teamIds.map((_, i) => sql.placeholder(`team${i}`)),
          )
        : undefined,
      ...given.map((key) => eq(actions[key], sql.placeholder(key))),
      showCondition(show, sql.placeholder("today")),
    ];
    return selectActions(db)
      .where(and(...conditions))
      .orderBy(sql`case when ${actions.status} in ('open', 'in_progress') then 0 else 1 end`, asc(actions.deadline), asc(actions.id))
      .prepare();
  });
  const teamValues = Object.fromEntries((filter.teamIds ?? []).map((id, i) => [`team${i}`, id]));
  return statement.all({ ...teamValues, ...Object.fromEntries(given.map((key) => [key, filter[key]])), today });
}

export function actionById(db: Db, id: number): ActionRow | undefined {
  return selectActions(db).where(eq(actions.id, id)).get();
}
