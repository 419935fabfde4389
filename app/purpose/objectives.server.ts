/*
 * Objectives at three levels (docs/definitions.md#the-approach, step 1 of the cycle): the service's
 * (no team), a team's, and one worker's (with the worker's team). Each has a
 * statement, an owner, a period of months and perhaps the measure it is
 * judged by: a team report series, whose target in force comes from the
 * series settings, or a Primed Metric, whose trajectory plans each month.
 * Withdrawing an objective keeps it on record for the cycles it was part of.
 * Every change and its audit entry share one transaction.
 */
import type { SignedInUser } from "~/people/users.server";
import { and, asc, eq, gte, isNull, lte, or, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { keptWhileUnchanged } from "../../db/kept-while-unchanged";
import { preparedOnce } from "../../db/prepared";
import { objectives, primedMetrics, primedMetricTrajectory, users, userTeams, workers } from "../../db/schema";
import { measureChoices } from "~/actions/choices.server";
import type { FieldErrors } from "~/forms/form-kit";
import { audit, actorOf } from "~/audit/audit.server";
import { addMonths, firstDayOf, formatMonthLong, monthOf, todayInLondon, type IsoDate, type IsoMonth } from "~/dates";
import { formatSeriesValue, reportSeriesOf, type SeriesUnit } from "~/interpretation/report-series";
import { seriesSettingsOf, WHOLE_SERVICE, type SeriesSettings, type TargetInForce } from "~/interpretation/series-settings.server";
import { signalsHref } from "~/interpretation/signals-href";
import { outcomeGroupMap } from "~/reference-data/outcomes.server";
import { can, hasAny, type Principal, type Target } from "~/people/permissions";
import { displayDecimals, formatWithUnit } from "~/primed-metrics/numbers";
import { findTeamById } from "~/teams/teams.server";
import { groundRulesAt, type GroundRulesVersion } from "./ground-rules.server";
import { periodInWords, type ObjectiveFields } from "./objective-forms";
import { clockToday } from "~/platform/clock.server";

export type ObjectiveLevelName = "service" | "team" | "individual";

/** Where an objective sits: the service (no team), a team, or one of the team's workers. */
export interface ObjectiveLevel {
  teamId: number | null;
  workerId: number | null;
}

/** The measure an objective is judged by, as a page shows it. */
export interface ObjectiveMeasure {
  label: string;
  /** Its chart: the series' chart (the team's, or the worker's), the service overview, or the Primed Metric's page. */
  href: string;
  /** The target in force in the month, in words ("20", "85% (the service's target)"); null when none is set. */
  target: string | null;
}

export interface Objective {
  id: number;
  level: ObjectiveLevelName;
  teamId: number | null;
  workerId: number | null;
  /** The worker whose objective it is, for an individual one. */
  workerName: string | null;
  statement: string;
  ownerUserId: number;
  ownerName: string;
  periodFrom: IsoMonth;
  periodTo: IsoMonth;
  /** "April 2026 to March 2027" */
  period: string;
  /** As stored, for the edit form: a series key or a Primed Metric's id. */
  series: string | null;
  primedMetricId: number | null;
  measure: ObjectiveMeasure | null;
  /** The day it was withdrawn (in England), or null. */
  retiredOn: IsoDate | null;
}

export const levelOf = (o: ObjectiveLevel): ObjectiveLevelName => (o.teamId === null ? "service" : o.workerId === null ? "team" : "individual");

const permissionTarget = (o: ObjectiveLevel): Target => (o.workerId === null ? { teamId: o.teamId ?? undefined } : { teamId: o.teamId ?? undefined, workerId: o.workerId });

/** The service's objectives are everyone's to read; a team's and a worker's follow the objectives permissions. */
export function mayViewObjective(user: Principal, level: ObjectiveLevel): boolean {
  return level.teamId === null || can(user, "view", "objectives", permissionTarget(level));
}

/** The service's objectives are set by a head of service (the "any" scope); a team's and a worker's by those who manage the team. */
export function mayManageObjective(user: Principal, level: ObjectiveLevel): boolean {
  return level.teamId === null ? can(user, "manage", "objectives") : can(user, "manage", "objectives", permissionTarget(level));
}

/** Who may own an objective: someone who can see it. Administrators keep Primed running and own none. */
function mayOwn(user: Principal, level: ObjectiveLevel): boolean {
  return level.teamId === null ? hasAny(user, "view", "objectives") : can(user, "view", "objectives", permissionTarget(level));
}

/* ------------------------------------------------------------------ reading */

const objectiveColumns = {
  id: objectives.id,
  teamId: objectives.teamId,
  workerId: objectives.workerId,
  workerName: workers.name,
  statement: objectives.statement,
  ownerUserId: objectives.ownerUserId,
  ownerName: users.name,
  series: objectives.series,
  primedMetricId: objectives.primedMetricId,
  metricName: primedMetrics.name,
  metricUnit: primedMetrics.unit,
  periodFrom: objectives.periodFrom,
  periodTo: objectives.periodTo,
  retiredAt: objectives.retiredAt,
};

function selectObjectives(db: Db) {
  return db
    .select(objectiveColumns)
    .from(objectives)
    .innerJoin(users, eq(users.id, objectives.ownerUserId))
    .leftJoin(workers, eq(workers.id, objectives.workerId))
    .leftJoin(primedMetrics, eq(primedMetrics.id, objectives.primedMetricId));
}

type ObjectiveRow = ReturnType<ReturnType<typeof selectObjectives>["all"]>[number];

// Service first, then the team's, then each worker's; within a level the earliest period first.
const levelOrder = [sql`${objectives.teamId} is not null`, sql`${objectives.workerId} is not null`, asc(workers.name), asc(objectives.periodFrom), asc(objectives.id)];

const covers = (month: SQLWrapper) => and(lte(objectives.periodFrom, month), gte(objectives.periodTo, month));

/** Every objective in force in the month for a team: the service's, the team's and its workers'. One statement. */
function rowsInForce(db: Db, teamId: number, month: IsoMonth): ObjectiveRow[] {
  return preparedOnce(db, "objectives-in-force", () =>
    selectObjectives(db)
      .where(and(or(isNull(objectives.teamId), eq(objectives.teamId, sql.placeholder("teamId"))), covers(sql.placeholder("month"))))
      .orderBy(...levelOrder)
      .prepare(),
  ).all({ teamId, month });
}

const retiredOn = (row: { retiredAt: string | null }): IsoDate | null => (row.retiredAt === null ? null : todayInLondon(new Date(row.retiredAt)));

/** In force in the month: not withdrawn before it began (one withdrawn during the month was part of that month's cycle). */
const notRetiredBefore = (row: ObjectiveRow, month: IsoMonth) => row.retiredAt === null || retiredOn(row)! >= firstDayOf(month);

/** The date a month's chart is read as of: the day after it, or today while it is not over. */
function chartAsOf(month: IsoMonth, today: IsoDate): IsoDate {
  const after = firstDayOf(addMonths(month, 1));
  return after < today ? after : today;
}

/**
 * Turns stored rows into objectives with their measures: the target in force
 * in each row's month at the row's own level, and its chart: the series'
 * chart of the team at `slug` (for a service objective, the team's part in
 * it), or the service overview without a team. Settings are read once for each
 * level that has a series (the service, the team, each worker), and the
 * trajectories once for all the rows' Primed Metrics.
 */
function withMeasures(db: Db, rows: readonly ObjectiveRow[], monthOfRow: (row: ObjectiveRow) => IsoMonth, slug: string | null, today: IsoDate): Objective[] {
  const groups = rows.some((row) => row.series !== null) ? [...new Set(Object.values(outcomeGroupMap(db)))] : [];
  const settings = new Map<string, SeriesSettings>();
  const settingsOf = (row: ObjectiveRow) => {
    const key = `${row.teamId ?? WHOLE_SERVICE}:${row.workerId ?? ""}`;
    if (!settings.has(key)) settings.set(key, seriesSettingsOf(db, row.teamId ?? WHOLE_SERVICE, row.workerId ?? undefined));
    return settings.get(key)!;
  };
  const metricIds = [...new Set(rows.flatMap((row) => (row.primedMetricId === null ? [] : [row.primedMetricId])))];
  const planned = new Map(
    (metricIds.length === 0
      ? []
      : preparedOnce(db, "objective-trajectories", () =>
          db
            .select({ metricId: primedMetricTrajectory.metricId, month: primedMetricTrajectory.month, value: primedMetricTrajectory.value })
            .from(primedMetricTrajectory)
            .where(sql`${primedMetricTrajectory.metricId} in (select value from json_each(${sql.placeholder("ids")}))`)
            .prepare(),
        ).all({ ids: JSON.stringify(metricIds) })
    ).map((p) => [`${p.metricId}:${p.month}`, p.value]),
  );

  const seriesMeasure = (row: ObjectiveRow, key: string, month: IsoMonth): ObjectiveMeasure => {
    const series = reportSeriesOf(key, groups);
    const href = slug === null ? "/teams" : signalsHref(slug, key, row.workerId === null ? null : { id: row.workerId }, chartAsOf(month, today));
    if (!series) return { label: key, href, target: null };
    const target = settingsOf(row).target(key, month, series.unit === "percent");
    return { label: series.label, href, target: target && targetInWords(target, series.unit, levelOf(row)) };
  };

  return rows.map((row) => {
    const month = monthOfRow(row);
    let measure: ObjectiveMeasure | null = null;
    if (row.series !== null) measure = seriesMeasure(row, row.series, month);
    else if (row.primedMetricId !== null) {
      const value = planned.get(`${row.primedMetricId}:${month}`);
      const unit = row.metricUnit ?? "";
      measure = {
        label: `${row.metricName} (Primed Metric)`,
        href: `/metrics/${row.primedMetricId}`,
        target: value === undefined ? null : `${formatWithUnit(value, unit, displayDecimals([value], unit))} (the trajectory for ${formatMonthLong(month)})`,
      };
    }
    return {
      id: row.id,
      level: levelOf(row),
      teamId: row.teamId,
      workerId: row.workerId,
      workerName: row.workerName,
      statement: row.statement,
      ownerUserId: row.ownerUserId,
      ownerName: row.ownerName,
      periodFrom: row.periodFrom,
      periodTo: row.periodTo,
      period: periodInWords(row.periodFrom, row.periodTo),
      series: row.series,
      primedMetricId: row.primedMetricId,
      measure,
      retiredOn: retiredOn(row),
    };
  });
}

/** "20", or "85% (the service's target)" when it comes from a level above the objective's. */
function targetInWords(target: TargetInForce, unit: SeriesUnit, level: ObjectiveLevelName): string {
  const value = formatSeriesValue(target.value, unit);
  // The service's settings name the service's own targets "team" (team 0 is the service).
  const from = level === "service" ? "service" : target.level === "worker" ? "individual" : target.level;
  if (from === level) return value;
  return `${value} (the ${from === "service" ? "service" : "team"}'s target)`;
}

export interface TeamPurpose {
  service: Objective[];
  team: Objective[];
  /** Every worker's objectives in the team: callers show only those the viewer may see (mayViewObjective). */
  individual: Objective[];
  /** The version written by the month's end, or null when the team has none yet. */
  groundRules: GroundRulesVersion | null;
}

/**
 * A team's purpose for a month, as the cycle page and the meeting pack show
 * it: the objectives whose period covers the month and that were not
 * withdrawn before it (one withdrawn during the month still carries its
 * retiredOn), each with its owner, period and measure, and the ground rules
 * in force at the month's end.
 */
export function teamPurpose(db: Db, teamId: number, month: IsoMonth, today: IsoDate = clockToday()): TeamPurpose {
  const rows = rowsInForce(db, teamId, month).filter((row) => notRetiredBefore(row, month));
  const slug = findTeamById(db, teamId)?.slug ?? null;
  const all = withMeasures(db, rows, () => month, slug, today);
  return {
    service: all.filter((o) => o.level === "service"),
    team: all.filter((o) => o.level === "team"),
    individual: all.filter((o) => o.level === "individual"),
    groundRules: groundRulesAt(db, teamId, month),
  };
}

/** How many of the team's own objectives (not the service's, nor any person's) are in force in the month: the ones teamPurpose lists as the team's. */
export function teamObjectivesInForce(db: Db, teamId: number, month: IsoMonth): number {
  return rowsInForce(db, teamId, month).filter((row) => levelOf(row) === "team" && notRetiredBefore(row, month)).length;
}

/**
 * The objectives a team's action may serve: the service's and the team's own
 * in force this month (its period covers the month and it is not withdrawn),
 * and `keep`, an action's own objective, which its edit form keeps offering
 * after it has ended so that an edit need not unlink it.
 */
export function objectivesAnActionMayServe(db: Db, teamId: number, today: IsoDate, keep: number | null = null): { id: number; statement: string }[] {
  const inForce = rowsInForce(db, teamId, monthOf(today)).filter((row) => levelOf(row) !== "individual" && row.retiredAt === null);
  const kept =
    keep !== null && !inForce.some((row) => row.id === keep)
      ? selectObjectives(db)
          .where(and(eq(objectives.id, keep), or(isNull(objectives.teamId), eq(objectives.teamId, teamId))))
          .all()
      : [];
  return [...inForce, ...kept].map((row) => ({ id: row.id, statement: row.statement }));
}

/**
 * The team's own objectives in force now, for the opening of the team page:
 * one statement for the objectives, and the team's series settings only when
 * one of them is judged by a series.
 */
export function teamObjectivesNow(db: Db, team: { id: number; slug: string }, month: IsoMonth, today: IsoDate = clockToday()): Objective[] {
  // Kept while the database is unchanged: every team page read and measured the team's objectives again.
  return keptWhileUnchanged(db, `team-objectives|${team.id}|${team.slug}|${month}|${today}`, () => {
    const rows = rowsInForce(db, team.id, month).filter((row) => row.teamId !== null && row.workerId === null && row.retiredAt === null);
    return withMeasures(db, rows, () => month, team.slug, today);
  });
}

export interface OwnObjectives {
  /** The worker's own objectives. */
  individual: Objective[];
  /** Their team's. */
  team: Objective[];
}

/** A worker's own objectives and their team's, in force in the month and not withdrawn, for My work. */
export function ownObjectives(db: Db, workerId: number, month: IsoMonth, today: IsoDate = clockToday()): OwnObjectives {
  const rows = preparedOnce(db, "own-objectives", () =>
    selectObjectives(db)
      .where(
        and(
          or(
            eq(objectives.workerId, sql.placeholder("workerId")),
            and(isNull(objectives.workerId), sql`${objectives.teamId} = (select ${workers.teamId} from ${workers} where ${workers.id} = ${sql.placeholder("workerId")})`),
          ),
          covers(sql.placeholder("month")),
          isNull(objectives.retiredAt),
        ),
      )
      .orderBy(...levelOrder)
      .prepare(),
  ).all({ workerId, month });
  const teamId = rows[0]?.teamId ?? null;
  const slug = teamId === null ? null : (findTeamById(db, teamId)?.slug ?? null);
  const all = withMeasures(db, rows, () => month, slug, today);
  return { individual: all.filter((o) => o.workerId === workerId), team: all.filter((o) => o.level === "team") };
}

/**
 * Every objective of a team (its own and its workers') or of the service,
 * whatever its period, withdrawn ones too. Each measure's target is the one
 * in force this month, or in the period's nearest month when it is over or
 * not begun.
 */
export function listObjectives(db: Db, teamId: number | null, today: IsoDate = clockToday()): Objective[] {
  const rows = selectObjectives(db)
    .where(teamId === null ? isNull(objectives.teamId) : eq(objectives.teamId, teamId))
    .orderBy(...levelOrder)
    .all();
  const slug = teamId === null ? null : (findTeamById(db, teamId)?.slug ?? null);
  return withMeasures(db, rows, (row) => nearestMonthOf(row, monthOf(today)), slug, today);
}

/** This month, or the period's nearest month when it is over or not begun. */
const nearestMonthOf = (row: ObjectiveRow, now: IsoMonth) => (now < row.periodFrom ? row.periodFrom : now > row.periodTo ? row.periodTo : now);

/** Whether an objective stands this month: not withdrawn, and its period not over. Others are kept for the record. */
export const isCurrent = (o: Pick<Objective, "retiredOn" | "periodTo">, month: IsoMonth) => o.retiredOn === null && o.periodTo >= month;

export function objectiveById(db: Db, id: number, today: IsoDate = clockToday()): Objective | undefined {
  const row = selectObjectives(db).where(eq(objectives.id, id)).get();
  if (!row) return undefined;
  const slug = row.teamId === null ? null : (findTeamById(db, row.teamId)?.slug ?? null);
  return withMeasures(db, [row], (r) => nearestMonthOf(r, monthOf(today)), slug, today)[0];
}

/* ------------------------------------------------------------------ owners and measures */

export interface OwnerChoice {
  id: number;
  name: string;
}

/**
 * Who may own an objective at a level: the active users who can see it (for
 * a team: its members who sign in, its managers and the heads of service).
 * Two statements, whatever the number of users.
 */
export function ownerChoices(db: Db, level: ObjectiveLevel): OwnerChoice[] {
  const people = db
    .select({ id: users.id, name: users.name, role: users.role, workerId: users.workerId, ownTeamId: workers.teamId })
    .from(users)
    .leftJoin(workers, eq(workers.id, users.workerId))
    .where(eq(users.active, true))
    .orderBy(asc(users.name))
    .all();
  const managed = new Map<number, number[]>();
  for (const row of db.select().from(userTeams).all()) managed.set(row.userId, [...(managed.get(row.userId) ?? []), row.teamId]);
  return people
    .filter((p) =>
      mayOwn({ id: p.id, role: p.role, workerId: p.workerId, ownTeamId: p.ownTeamId ?? null, managedTeamIds: p.role === "team_manager" ? (managed.get(p.id) ?? []) : [] }, level),
    )
    .map((p) => ({ id: p.id, name: p.name }));
}

export { measureChoices };

/** The form's value for a stored measure ("series:overdue", "metric:3"), or "" for none. */
export const measureValueOf = (o: { series: string | null; primedMetricId: number | null }) =>
  o.series !== null ? `series:${o.series}` : o.primedMetricId !== null ? `metric:${o.primedMetricId}` : "";

/* ------------------------------------------------------------------ changes */

export type ObjectiveResult = { ok: true; value: number } | { ok: false; errors: FieldErrors };

const stored = (db: Db, id: number) => db.select().from(objectives).where(eq(objectives.id, id)).get();

/** The owner, worker and measure checked against the level; the columns to store, or errors keyed by field. */
function checkFields(db: Db, level: ObjectiveLevel, fields: ObjectiveFields) {
  const errors: FieldErrors = {};
  if (level.workerId !== null) {
    const worker = db.select({ teamId: workers.teamId }).from(workers).where(eq(workers.id, level.workerId)).get();
    if (!worker || worker.teamId !== level.teamId) errors.worker = "Choose the worker from the list: someone in the team";
  }
  if (!errors.worker && !ownerChoices(db, level).some((o) => o.id === fields.owner)) {
    errors.owner =
      level.teamId === null
        ? "Choose the owner from the list"
        : level.workerId === null
          ? "Choose the owner from the list: someone in the team, its manager or a head of service"
          : "Choose the owner from the list: the worker themself, their manager or a head of service (others cannot see one person's objectives)";
  }
  if (fields.measure !== undefined && !measureChoices(db).some((m) => m.value === fields.measure)) errors.measure = "Choose a measure from the list";
  if (Object.keys(errors).length > 0) return { ok: false as const, errors };
  const [kind, ...rest] = (fields.measure ?? "").split(":");
  const key = rest.join(":");
  return {
    ok: true as const,
    values: {
      statement: fields.statement,
      ownerUserId: fields.owner,
      series: kind === "series" ? key : null,
      primedMetricId: kind === "metric" ? Number(key) : null,
      periodFrom: fields.periodFrom,
      periodTo: fields.periodTo,
    },
  };
}

/** A new objective of the service (teamId null), the team, or, with `fields.worker`, one of the team's workers; audited. */
export function createObjective(db: Db, author: Pick<SignedInUser, "id" | "email">, teamId: number | null, fields: ObjectiveFields, now = new Date()): ObjectiveResult {
  if (teamId === null && fields.worker !== undefined) return { ok: false, errors: { worker: "A service objective is the whole service's, not one person's" } };
  const checked = checkFields(db, { teamId, workerId: fields.worker ?? null }, fields);
  if (!checked.ok) return checked;
  const at = now.toISOString();
  const id = db.transaction((tx) => {
    const row = tx
      .insert(objectives)
      .values({ teamId, workerId: fields.worker ?? null, ...checked.values, createdByUserId: author.id, createdAt: at, updatedAt: at })
      .returning()
      .get();
    audit(tx as unknown as Db, actorOf(author), { action: "create", entity: "objective", entityId: row.id, after: row }, now);
    return row.id;
  });
  return { ok: true, value: id };
}

/** Changes an objective's statement, owner, measure and period (not its level: that is a new objective); audited before and after. */
export function updateObjective(db: Db, author: Pick<SignedInUser, "id" | "email">, id: number, fields: ObjectiveFields, now = new Date()): ObjectiveResult {
  const before = stored(db, id);
  if (!before) return { ok: false, errors: { form: "There is no such objective" } };
  if (before.retiredAt !== null) return { ok: false, errors: { form: "This objective has been withdrawn: it is kept as it was. Add a new one instead" } };
  const checked = checkFields(db, before, fields);
  if (!checked.ok) return checked;
  db.transaction((tx) => {
    tx.update(objectives)
      .set({ ...checked.values, updatedAt: now.toISOString() })
      .where(eq(objectives.id, id))
      .run();
    audit(tx as unknown as Db, actorOf(author), { action: "update", entity: "objective", entityId: id, before, after: stored(tx as unknown as Db, id) }, now);
  });
  return { ok: true, value: id };
}

/** Withdraws an objective: kept on record, shown no more from now on; audited. */
export function retireObjective(db: Db, author: Pick<SignedInUser, "id" | "email">, id: number, now = new Date()): ObjectiveResult {
  const before = stored(db, id);
  if (!before) return { ok: false, errors: { form: "There is no such objective" } };
  if (before.retiredAt !== null) return { ok: false, errors: { form: "This objective has already been withdrawn" } };
  db.transaction((tx) => {
    tx.update(objectives).set({ retiredAt: now.toISOString(), updatedAt: now.toISOString() }).where(eq(objectives.id, id)).run();
    audit(tx as unknown as Db, actorOf(author), { action: "retire", entity: "objective", entityId: id, before, after: stored(tx as unknown as Db, id) }, now);
  });
  return { ok: true, value: id };
}
