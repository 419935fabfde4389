/*
 * The choices people make about a team's series: which way is better, the
 * target in force from a month, and where the limits start again. Each is
 * audited; the most specific level wins (worker, then team, then service).
 */
import type { SignedInUser } from "~/people/users.server";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { preparedOnce } from "../../db/prepared";
import type { Db } from "../../db/connection";
import { recalculations, seriesDirections, targets, users, type ImprovementDirection } from "../../db/schema";
import { audit, actorOf } from "~/audit/audit.server";
import type { IsoMonth } from "~/dates";

/** team_id 0: the whole service (see the schema). */
export const WHOLE_SERVICE = 0;
/** worker_id 0: the whole team. */
export const WHOLE_TEAM = 0;

export interface TargetInForce {
  value: number;
  startMonth: IsoMonth;
  level: "service" | "team" | "worker";
}

export interface Recalculation {
  id: number;
  month: IsoMonth;
  reason: string;
  by: string;
  at: string;
}

/**
 * Everything set for a team's series (and one worker's), read in three
 * prepared statements: a report reads a dozen series, and a query per series
 * per setting would cost more than the statistics.
 */
export function seriesSettingsOf(db: Db, teamId: number, workerId?: number) {
  const levels = { teamIds: JSON.stringify([teamId, WHOLE_SERVICE]) };
  const directionRows = preparedOnce(db, "series-directions", () =>
    db
      .select({ series: seriesDirections.series, teamId: seriesDirections.teamId, direction: seriesDirections.direction })
      .from(seriesDirections)
      .where(sql`${seriesDirections.teamId} in (select value from json_each(${sql.placeholder("teamIds")}))`)
      .prepare(),
  ).all(levels);
  const targetRows = preparedOnce(db, "series-targets", () =>
    db
      .select({ series: targets.series, teamId: targets.teamId, workerId: targets.workerId, value: targets.value, startMonth: targets.startMonth })
      .from(targets)
      .where(sql`${targets.teamId} in (select value from json_each(${sql.placeholder("teamIds")}))`)
      .orderBy(desc(targets.startMonth))
      .prepare(),
  ).all(levels);
  const recalculationRows = preparedOnce(db, "series-recalculations", () =>
    db
      .select({ id: recalculations.id, series: recalculations.series, month: recalculations.month, reason: recalculations.reason, by: users.name, at: recalculations.recordedAt })
      .from(recalculations)
      .innerJoin(users, eq(users.id, recalculations.recordedByUserId))
      .where(eq(recalculations.teamId, sql.placeholder("teamId")))
      .orderBy(asc(recalculations.month))
      .prepare(),
  ).all({ teamId });

  return {
    /** The team's choice, else the service's, else the series' own default. */
    direction(series: string, fallback: ImprovementDirection): ImprovementDirection {
      const own = directionRows.filter((row) => row.series === series);
      return (own.find((row) => row.teamId === teamId) ?? own.find((row) => row.teamId === WHOLE_SERVICE))?.direction ?? fallback;
    },
    /**
     * The target in force in `month`: the latest started by then at the most
     * specific level that has one. A worker's own target only for a worker's
     * series; a rate (a percentage) also takes the team's or service's, since
     * a rate means the same for one person as for a team while a count does not.
     */
    target(series: string, month: IsoMonth, rateLike: boolean): TargetInForce | null {
      const candidates: { teamId: number; workerId: number; level: TargetInForce["level"] }[] = [];
      if (workerId !== undefined) candidates.push({ teamId, workerId, level: "worker" });
      if (workerId === undefined || rateLike) {
        candidates.push({ teamId, workerId: WHOLE_TEAM, level: "team" }, { teamId: WHOLE_SERVICE, workerId: WHOLE_TEAM, level: "service" });
      }
      for (const candidate of candidates) {
        // Newest start first (the statement's order): the first started by `month` is in force.
        const row = targetRows.find((r) => r.series === series && r.teamId === candidate.teamId && r.workerId === candidate.workerId && r.startMonth <= month);
        if (row) return { value: row.value, startMonth: row.startMonth, level: candidate.level };
      }
      return null;
    },
    recalculations(series: string): Recalculation[] {
      return recalculationRows.filter((row) => row.series === series).map(({ series: _series, ...rest }) => rest);
    },
  };
}

export type SeriesSettings = ReturnType<typeof seriesSettingsOf>;

/**
 * Changes whenever any direction, target or recalculation is set or removed:
 * with the data version, it keys the readings kept in memory.
 */
export function seriesSettingsVersion(db: Db): string {
  const row = preparedOnce(db, "series-settings-version", () =>
    db.$client.prepare(
      `select (select count(*) || ':' || coalesce(max(set_at), '') from series_directions)
        || '|' || (select count(*) || ':' || coalesce(max(set_at), '') from targets)
        || '|' || (select count(*) || ':' || coalesce(max(id), '') from recalculations) as version`,
    ),
  ).get() as { version: string };
  return row.version;
}

/** Thrown when a choice would overwrite or remove something that is not there to change. */
export class SeriesSettingError extends Error {}

export function recordRecalculation(
  db: Db,
  author: Pick<SignedInUser, "id" | "email">,
  change: { series: string; teamId: number; month: IsoMonth; reason: string },
  now = new Date(),
) {
  db.transaction(() => {
    const existing = db
      .select({ id: recalculations.id })
      .from(recalculations)
      .where(and(eq(recalculations.series, change.series), eq(recalculations.teamId, change.teamId), eq(recalculations.month, change.month)))
      .get();
    if (existing) throw new SeriesSettingError("The limits already start again from that month.");
    const row = db
      .insert(recalculations)
      .values({ ...change, recordedByUserId: author.id, recordedAt: now.toISOString() })
      .returning({ id: recalculations.id })
      .get();
    audit(db, actorOf(author), { action: "record_recalculation", entity: "recalculation", entityId: row.id, after: change }, now);
  });
}

export function removeRecalculation(db: Db, author: Pick<SignedInUser, "id" | "email">, id: number, teamId: number, now = new Date()) {
  db.transaction(() => {
    const existing = db
      .select()
      .from(recalculations)
      .where(and(eq(recalculations.id, id), eq(recalculations.teamId, teamId)))
      .get();
    if (!existing) throw new SeriesSettingError("That recalculation is not recorded for this team.");
    db.delete(recalculations).where(eq(recalculations.id, id)).run();
    audit(db, actorOf(author), { action: "remove_recalculation", entity: "recalculation", entityId: id, before: existing }, now);
  });
}

export function setDirection(db: Db, author: Pick<SignedInUser, "id" | "email">, change: { series: string; teamId: number; direction: ImprovementDirection }, now = new Date()) {
  db.transaction(() => {
    const before = db
      .select({ direction: seriesDirections.direction })
      .from(seriesDirections)
      .where(and(eq(seriesDirections.series, change.series), eq(seriesDirections.teamId, change.teamId)))
      .get();
    db.insert(seriesDirections)
      .values({ ...change, setByUserId: author.id, setAt: now.toISOString() })
      .onConflictDoUpdate({
        target: [seriesDirections.series, seriesDirections.teamId],
        set: { direction: change.direction, setByUserId: author.id, setAt: now.toISOString() },
      })
      .run();
    audit(db, actorOf(author), { action: "set_direction", entity: "series", entityId: `${change.teamId}:${change.series}`, before: before ?? null, after: change }, now);
  });
}

/** Sets the target in force from a month, replacing one that started the same month. */
export function setTarget(
  db: Db,
  author: Pick<SignedInUser, "id" | "email">,
  change: { series: string; teamId: number; workerId: number; startMonth: IsoMonth; value: number },
  now = new Date(),
) {
  db.transaction(() => {
    const match = and(eq(targets.series, change.series), eq(targets.teamId, change.teamId), eq(targets.workerId, change.workerId), eq(targets.startMonth, change.startMonth));
    const before = db.select({ value: targets.value }).from(targets).where(match).get();
    db.insert(targets)
      .values({ ...change, setByUserId: author.id, setAt: now.toISOString() })
      .onConflictDoUpdate({
        target: [targets.series, targets.teamId, targets.workerId, targets.startMonth],
        set: { value: change.value, setByUserId: author.id, setAt: now.toISOString() },
      })
      .run();
    audit(
      db,
      actorOf(author),
      { action: "set_target", entity: "target", entityId: `${change.teamId}:${change.workerId}:${change.series}`, before: before ?? null, after: change },
      now,
    );
  });
}
