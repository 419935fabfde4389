import { and, asc, eq, or } from "drizzle-orm";
import type { Db } from "../db/connection";
import { teams, workers } from "../db/schema";

export type Team = typeof teams.$inferSelect;
export type Worker = typeof workers.$inferSelect;

export function listTeams(db: Db): Team[] {
  return db.select().from(teams).orderBy(asc(teams.name)).all();
}

export function findTeamBySlug(db: Db, slug: string): Team | undefined {
  return db.select().from(teams).where(eq(teams.slug, slug)).get();
}

/** A team named by a person: its slug, or its name in any case. */
export function findTeam(db: Db, nameOrSlug: string): Team | undefined {
  const wanted = nameOrSlug.trim();
  return (
    db.select().from(teams).where(or(eq(teams.slug, wanted), eq(teams.name, wanted))).get() ??
    listTeams(db).find((team) => team.name.toLowerCase() === wanted.toLowerCase())
  );
}

export function listTeamWorkers(db: Db, teamId: number): Worker[] {
  return db
    .select()
    .from(workers)
    .where(eq(workers.teamId, teamId))
    .orderBy(asc(workers.name))
    .all();
}

export function findTeamWorker(db: Db, teamId: number, nameOrId: string): Worker | undefined {
  const wanted = nameOrId.trim();
  if (/^\d+$/.test(wanted)) {
    const byId = db
      .select()
      .from(workers)
      .where(and(eq(workers.teamId, teamId), eq(workers.id, Number(wanted))))
      .get();
    if (byId) return byId;
  }
  return listTeamWorkers(db, teamId).find(
    (worker) => worker.name.toLowerCase() === wanted.toLowerCase(),
  );
}

export function findTeamById(db: Db, id: number): Team | undefined {
  return db.select().from(teams).where(eq(teams.id, id)).get();
}
