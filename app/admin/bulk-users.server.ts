/*
 * Loading a CSV of people (app/admin/bulk-users.ts reads and checks it): all
 * or nothing, in one transaction that first checks the file against what is
 * stored at that moment. Each person added or changed is audited as the user
 * forms audit them, and the load itself has one entry more.
 *
 * A person added here has no password: their stored hash is the one no
 * password matches (`UNUSABLE_HASH`, which sign-in already checks an unknown
 * account against, so the answer and its timing are those of a wrong
 * password). They sign in with the council's account once single sign-on is
 * on, or an administrator sets a password on their page.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { teams, users, userTeams, workers } from "../../db/schema";
import { audit, type Actor } from "~/audit/audit.server";
import { UNUSABLE_HASH } from "~/people/passwords.server";
import { readUsersCsv, type UserCsvProblem, type UsersCsvContext } from "./bulk-users";
import { auditView, getUser, saveTeams } from "./users.server";

export interface UsersLoadSummary {
  added: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

export type UsersLoadResult = { ok: true; summary: UsersLoadSummary; notes: string[] } | { ok: false; problems: UserCsvProblem[]; notes: string[] };

function storedContext(db: Db, actor: Actor): UsersCsvContext {
  const managed = new Map<number, number[]>();
  for (const r of db.select().from(userTeams).all()) managed.set(r.userId, [...(managed.get(r.userId) ?? []), r.teamId]);
  return {
    teams: db.select({ id: teams.id, name: teams.name, slug: teams.slug }).from(teams).all(),
    workers: db.select({ id: workers.id, name: workers.name, teamId: workers.teamId }).from(workers).all(),
    users: db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, workerId: users.workerId })
      .from(users)
      .all()
      .map((u) => ({ ...u, teamIds: managed.get(u.id) ?? [] })),
    loadedBy: actor.kind === "user" ? actor.userId : undefined,
  };
}

/** Checks the file and, unless it is a dry run, stores every person in it, or nobody. */
export function loadUsersCsv(db: Db, actor: Actor, fileName: string, text: string, options: { dryRun: boolean }, now = new Date()): UsersLoadResult {
  return db.transaction(
    (tx) => {
      const txDb = tx as unknown as Db;
      const reading = readUsersCsv(text, storedContext(txDb, actor));
      if (!reading.ok) return reading;
      const summary: UsersLoadSummary = {
        added: reading.rows.filter((r) => r.change === "add").length,
        updated: reading.rows.filter((r) => r.change === "update").length,
        unchanged: reading.rows.filter((r) => r.change === "same").length,
        dryRun: options.dryRun,
      };
      if (options.dryRun) return { ok: true, summary, notes: reading.notes };
      for (const row of reading.rows) {
        const { name, role, workerId } = row.fields;
        if (row.change === "add") {
          const created = txDb
            .insert(users)
            .values({ email: row.email, name, role, workerId: workerId ?? null, passwordHash: UNUSABLE_HASH, createdAt: now.toISOString() })
            .returning({ id: users.id })
            .get();
          saveTeams(txDb, created.id, row.fields);
          audit(txDb, actor, { action: "create", entity: "user", entityId: created.id, after: auditView(txDb, created.id) }, now);
        } else if (row.change === "update") {
          const id = row.userId!;
          const before = getUser(txDb, id);
          txDb
            .update(users)
            .set({ name, role, workerId: workerId ?? null })
            .where(eq(users.id, id))
            .run();
          saveTeams(txDb, id, row.fields);
          audit(txDb, actor, { action: "update", entity: "user", entityId: id, before, after: auditView(txDb, id) }, now);
        }
      }
      audit(txDb, actor, { action: "load_csv", entity: "user", after: { fileName, added: summary.added, updated: summary.updated, unchanged: summary.unchanged } }, now);
      return { ok: true, summary, notes: reading.notes };
    },
    { behavior: "immediate" },
  );
}
