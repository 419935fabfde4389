import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { keptWhileUnchanged } from "../../db/kept-while-unchanged";
import { preparedOnce } from "../../db/prepared";
import { teams, workers } from "../../db/schema";

export type Team = typeof teams.$inferSelect;
export type Worker = typeof workers.$inferSelect;

export function listTeams(db: Db): Team[] {
  return preparedOnce(db, "teams", () => db.select().from(teams).orderBy(asc(teams.name)).prepare()).all();
}

/** Asked by every team page: kept while the database is unchanged, and shared, so read it, never change it. */
export function findTeamBySlug(db: Db, slug: string): Readonly<Team> | undefined {
  return keptWhileUnchanged(db, `team-by-slug|${slug}`, () =>
    preparedOnce(db, "team-by-slug", () =>
      db
        .select()
        .from(teams)
        .where(eq(teams.slug, sql.placeholder("slug")))
        .prepare(),
    ).get({ slug }),
  );
}

/** A team named by a person: its slug, or its name in any case. */
export function findTeam(db: Db, nameOrSlug: string): Team | undefined {
  const wanted = nameOrSlug.trim();
  return (
    db
      .select()
      .from(teams)
      .where(or(eq(teams.slug, wanted), eq(teams.name, wanted)))
      .get() ?? listTeams(db).find((team) => team.name.toLowerCase() === wanted.toLowerCase())
  );
}

/** Asked by every team page: kept while the database is unchanged, and shared, so read it, never change it. */
export function listTeamWorkers(db: Db, teamId: number): readonly Readonly<Worker>[] {
  return keptWhileUnchanged(db, `team-workers|${teamId}`, () =>
    preparedOnce(db, "team-workers", () =>
      db
        .select()
        .from(workers)
        .where(eq(workers.teamId, sql.placeholder("teamId")))
        .orderBy(asc(workers.name))
        .prepare(),
    ).all({ teamId }),
  );
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
  return listTeamWorkers(db, teamId).find((worker) => worker.name.toLowerCase() === wanted.toLowerCase());
}

export function findTeamById(db: Db, id: number): Team | undefined {
  return db.select().from(teams).where(eq(teams.id, id)).get();
}
