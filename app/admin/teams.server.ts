import { asc, count, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { services, teams, workers, type TeamType } from "../../db/schema";
import { audit, type Actor } from "~/audit/audit.server";
import { slugify } from "~/teams/slug";
import type { AdminResult } from "./users.server";

export function listTeamsForAdmin(db: Db) {
  return db
    .select({ id: teams.id, name: teams.name, slug: teams.slug, type: teams.type, workers: count(workers.id) })
    .from(teams)
    .leftJoin(workers, eq(workers.teamId, teams.id))
    .groupBy(teams.id)
    .orderBy(asc(teams.name))
    .all();
}

export function getTeam(db: Db, id: number) {
  return db.select().from(teams).where(eq(teams.id, id)).get();
}

function nameTaken(db: Db, name: string, exceptId?: number): boolean {
  const others = db
    .select({ name: teams.name })
    .from(teams)
    .where(exceptId === undefined ? undefined : ne(teams.id, exceptId))
    .all();
  return others.some((t) => t.name.toLowerCase() === name.toLowerCase());
}

/** A new team; its slug (its address) is made from its name and never changes after. */
export function createTeam(db: Db, actor: Actor, input: { name: string; type: TeamType }): AdminResult {
  if (nameTaken(db, input.name)) return { ok: false, errors: { name: "There is already a team with this name" } };
  const service = db.select({ id: services.id }).from(services).orderBy(asc(services.id)).get();
  if (!service) return { ok: false, errors: { form: "There is no service yet: load the demo or an extract first" } };
  const base = slugify(input.name) || "team";
  let slug = base;
  for (let n = 2; db.select({ id: teams.id }).from(teams).where(eq(teams.slug, slug)).get(); n += 1) slug = `${base}-${n}`;
  const id = db.transaction((tx) => {
    const row = tx.insert(teams).values({ serviceId: service.id, name: input.name, slug, type: input.type }).returning().get();
    audit(tx as unknown as Db, actor, { action: "create", entity: "team", entityId: row.id, after: row });
    return row.id;
  });
  return { ok: true, value: id };
}

export function updateTeam(db: Db, actor: Actor, id: number, input: { name: string; type: TeamType }): AdminResult {
  const before = getTeam(db, id);
  if (!before) return { ok: false, errors: { form: "There is no such team" } };
  if (nameTaken(db, input.name, id)) return { ok: false, errors: { name: "There is already a team with this name" } };
  db.transaction((tx) => {
    tx.update(teams).set({ name: input.name, type: input.type }).where(eq(teams.id, id)).run();
    audit(tx as unknown as Db, actor, { action: "update", entity: "team", entityId: id, before, after: getTeam(tx as unknown as Db, id) });
  });
  return { ok: true, value: id };
}
