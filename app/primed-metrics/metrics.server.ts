/*
 * Primed Metrics in the database: the metrics themselves (kept by heads of
 * service and administrators), their monthly values (entered by the owner or
 * a manager, on a form or from a CSV) and their trajectories. Every change
 * and its audit entry share one transaction; a refused change writes nothing.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { SignedInUser } from "~/people/users.server";
import type { Db } from "../../db/connection";
import { primedMetrics, primedMetricTeams, primedMetricTrajectory, primedMetricValues, teams, users } from "../../db/schema";
import { audit, actorOf, type Actor } from "~/audit/audit.server";
import type { IsoMonth } from "~/dates";
import { mayEnterValues, NOT_OWNER } from "./access";
import { readValuesCsv, type CsvProblem } from "./csv";
import type { MetricFields } from "./forms";
import type { FieldErrors } from "~/forms/form-kit";
import type { MonthValue } from "./projection";

export type Result<T = number> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export type Metric = typeof primedMetrics.$inferSelect & { ownerName: string };

const metricColumns = {
  id: primedMetrics.id,
  name: primedMetrics.name,
  description: primedMetrics.description,
  unit: primedMetrics.unit,
  measure: primedMetrics.measure,
  direction: primedMetrics.direction,
  ownerUserId: primedMetrics.ownerUserId,
  baselineFrom: primedMetrics.baselineFrom,
  baselineTo: primedMetrics.baselineTo,
  createdAt: primedMetrics.createdAt,
  kind: primedMetrics.kind,
  countedMeasure: primedMetrics.countedMeasure,
  ownerName: users.name,
};

export function listMetrics(db: Db): Metric[] {
  return db.select(metricColumns).from(primedMetrics).innerJoin(users, eq(users.id, primedMetrics.ownerUserId)).orderBy(asc(primedMetrics.name)).all();
}

export function getMetric(db: Db, id: number): Metric | undefined {
  return db.select(metricColumns).from(primedMetrics).innerJoin(users, eq(users.id, primedMetrics.ownerUserId)).where(eq(primedMetrics.id, id)).get();
}

/** The metric's values, oldest first. */
export function metricValues(db: Db, metricId: number): MonthValue[] {
  return db
    .select({ month: primedMetricValues.month, value: primedMetricValues.value })
    .from(primedMetricValues)
    .where(eq(primedMetricValues.metricId, metricId))
    .orderBy(asc(primedMetricValues.month))
    .all();
}

export function metricTrajectory(db: Db, metricId: number): MonthValue[] {
  return db
    .select({ month: primedMetricTrajectory.month, value: primedMetricTrajectory.value })
    .from(primedMetricTrajectory)
    .where(eq(primedMetricTrajectory.metricId, metricId))
    .orderBy(asc(primedMetricTrajectory.month))
    .all();
}

/** Everyone who may own a metric: the active users. */
export function ownerChoices(db: Db) {
  return db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all();
}

export const COUNTED_NOT_ENTERED = "This metric is counted from the data: Primed counts its values after every load, so they cannot be entered";

const NAME_TAKEN = "There is already a metric with this name: choose another";

function checkFields(db: Db, fields: MetricFields, id?: number): FieldErrors {
  const errors: FieldErrors = {};
  const owner = db.select({ active: users.active }).from(users).where(eq(users.id, fields.ownerUserId)).get();
  if (!owner || !owner.active) errors.ownerUserId = "Choose the owner from the list";
  const sameName = listMetrics(db).find((m) => m.name.trim().toLowerCase() === fields.name.trim().toLowerCase());
  if (sameName && sameName.id !== id) errors.name = NAME_TAKEN;
  if (fields.teamIds?.length) {
    const known = db.select({ id: teams.id }).from(teams).where(inArray(teams.id, fields.teamIds)).all();
    if (known.length !== fields.teamIds.length) errors.teamIds = "Choose the teams from the list";
  }
  return errors;
}

/** A counted metric's teams, replaced; the caller holds the transaction. */
function writeTeams(db: Db, metricId: number, teamIds: readonly number[]) {
  db.delete(primedMetricTeams).where(eq(primedMetricTeams.metricId, metricId)).run();
  for (const teamId of teamIds) db.insert(primedMetricTeams).values({ metricId, teamId }).run();
}

/** The metric as the audit trail keeps it: its row and, for a counted one, its teams. */
function auditedMetric(db: Db, id: number) {
  const row = stored(db, id);
  if (!row) return row;
  const scope = db.select({ teamId: primedMetricTeams.teamId }).from(primedMetricTeams).where(eq(primedMetricTeams.metricId, id)).orderBy(asc(primedMetricTeams.teamId)).all();
  return row.kind === "counted" ? { ...row, teamIds: scope.map((t) => t.teamId) } : row;
}

function isDuplicateName(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE" && error.message.includes("primed_metrics.name");
}

function stored(db: Db, id: number) {
  return db.select().from(primedMetrics).where(eq(primedMetrics.id, id)).get();
}

export function createMetric(db: Db, actor: Actor, fields: MetricFields, now = new Date()): Result {
  const errors = checkFields(db, fields);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  try {
    const { teamIds = [], ...columns } = fields;
    const id = db.transaction((tx) => {
      const row = tx
        .insert(primedMetrics)
        .values({ ...columns, createdAt: now.toISOString() })
        .returning({ id: primedMetrics.id })
        .get();
      writeTeams(tx as unknown as Db, row.id, teamIds);
      audit(tx as unknown as Db, actor, { action: "create", entity: "primed_metric", entityId: row.id, after: auditedMetric(tx as unknown as Db, row.id) }, now);
      return row.id;
    });
    return { ok: true, value: id };
  } catch (error) {
    if (isDuplicateName(error)) return { ok: false, errors: { name: NAME_TAKEN } };
    throw error;
  }
}

export function updateMetric(db: Db, actor: Actor, id: number, fields: MetricFields, now = new Date()): Result {
  const before = auditedMetric(db, id);
  if (!before) return { ok: false, errors: { form: "There is no such metric" } };
  const errors = checkFields(db, fields, id);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { teamIds = [], ...columns } = fields;
  try {
    db.transaction((tx) => {
      tx.update(primedMetrics).set(columns).where(eq(primedMetrics.id, id)).run();
      writeTeams(tx as unknown as Db, id, teamIds);
      audit(tx as unknown as Db, actor, { action: "update", entity: "primed_metric", entityId: id, before, after: auditedMetric(tx as unknown as Db, id) }, now);
    });
    return { ok: true, value: id };
  } catch (error) {
    if (isDuplicateName(error)) return { ok: false, errors: { name: NAME_TAKEN } };
    throw error;
  }
}

export type ValueChange = "added" | "changed" | "unchanged";

/** Writes one month's value and its audit entry (before and after); the caller holds the transaction. */
function writeValue(db: Db, actor: Actor, metricId: number, month: IsoMonth, value: number, now: Date, source: "form" | "csv"): ValueChange {
  const before = db.select().from(primedMetricValues).where(eqMonth(metricId, month)).get();
  if (before && before.value === value) return "unchanged";
  const enteredByUserId = actor.kind === "user" ? actor.userId : null;
  db.insert(primedMetricValues)
    .values({ metricId, month, value, enteredByUserId, enteredAt: now.toISOString() })
    .onConflictDoUpdate({ target: [primedMetricValues.metricId, primedMetricValues.month], set: { value, enteredByUserId, enteredAt: now.toISOString() } })
    .run();
  audit(
    db,
    actor,
    {
      action: before ? "change_value" : "add_value",
      entity: "primed_metric_value",
      entityId: `${metricId}:${month}`,
      before: before ? { month, value: before.value } : undefined,
      after: { month, value, source },
    },
    now,
  );
  return before ? "changed" : "added";
}

function eqMonth(metricId: number, month: IsoMonth) {
  return and(eq(primedMetricValues.metricId, metricId), eq(primedMetricValues.month, month));
}

export type EnterValueResult = { ok: true; change: ValueChange } | { ok: false; forbidden: true; message: string } | { ok: false; forbidden: false; errors: FieldErrors };

/** One month's value from the form: the owner's or a manager's; a change to a month already entered is audited before and after. */
export function enterValue(db: Db, user: SignedInUser, metricId: number, month: IsoMonth, value: number, now = new Date()): EnterValueResult {
  const metric = getMetric(db, metricId);
  if (!metric) return { ok: false, forbidden: false, errors: { form: "There is no such metric" } };
  if (!mayEnterValues(user, metric)) return { ok: false, forbidden: true, message: NOT_OWNER };
  if (metric.kind === "counted") return { ok: false, forbidden: false, errors: { form: COUNTED_NOT_ENTERED } };
  const change = db.transaction((tx) => writeValue(tx as unknown as Db, actorOf(user), metricId, month, value, now, "form"));
  return { ok: true, change };
}

/** Replaces the whole trajectory with `points`, audited with the old and new trajectories. */
export function replaceTrajectory(db: Db, actor: Actor, metricId: number, points: readonly MonthValue[], now = new Date()): Result {
  if (!stored(db, metricId)) return { ok: false, errors: { form: "There is no such metric" } };
  db.transaction((tx) => {
    const before = metricTrajectory(tx as unknown as Db, metricId);
    tx.delete(primedMetricTrajectory).where(eq(primedMetricTrajectory.metricId, metricId)).run();
    for (const point of points) tx.insert(primedMetricTrajectory).values({ metricId, month: point.month, value: point.value }).run();
    audit(tx as unknown as Db, actor, { action: "replace_trajectory", entity: "primed_metric_trajectory", entityId: metricId, before, after: points }, now);
  });
  return { ok: true, value: metricId };
}

export interface CsvLoadSummary {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  metrics: string[];
}

export type CsvLoadResult = { ok: true; summary: CsvLoadSummary } | { ok: false; problems: CsvProblem[] };

/**
 * Loads a CSV of values (metric, month, value): all of it or, if any row is
 * bad, none of it, with every bad row's number and reasons.
 */
export function loadValuesCsv(db: Db, user: SignedInUser, fileName: string, text: string, currentMonth: IsoMonth, now = new Date()): CsvLoadResult {
  const metrics = listMetrics(db);
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const reading = readValuesCsv(text, {
    metrics,
    currentMonth,
    refusal: (metricId) => {
      const metric = byId.get(metricId)!;
      if (metric.kind === "counted") return `${metric.name} is counted from the data: Primed counts its values after every load, so they cannot be entered`;
      return mayEnterValues(user, metric) ? null : `you may not enter values for ${metric.name}: only its owner (${metric.ownerName}), a head of service or an administrator may`;
    },
  });
  if (!reading.ok) return reading;
  const actor = actorOf(user);
  const summary = db.transaction((tx) => {
    const counts = { added: 0, changed: 0, unchanged: 0 };
    for (const row of reading.values) counts[writeValue(tx as unknown as Db, actor, row.metricId, row.month, row.value, now, "csv")] += 1;
    const names = [...new Set(reading.values.map((row) => byId.get(row.metricId)!.name))].sort();
    const result: CsvLoadSummary = { rows: reading.values.length, ...counts, metrics: names };
    audit(tx as unknown as Db, actor, { action: "load_values_csv", entity: "primed_metric_value", entityId: null, after: { fileName, ...result } }, now);
    return result;
  });
  return { ok: true, summary };
}
