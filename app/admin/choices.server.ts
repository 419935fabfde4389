import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { teams, workers } from "../../db/schema";

/** The workers and teams a user can be linked to, for the user forms. */
export function userFormChoices(db: Db) {
  return {
    workers: db
      .select({ id: workers.id, name: workers.name, team: teams.name, active: workers.active })
      .from(workers)
      .leftJoin(teams, eq(teams.id, workers.teamId))
      .orderBy(asc(teams.name), asc(workers.name))
      .all(),
    teams: db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).all(),
  };
}

const savedMessages: Record<string, string> = {
  created: "Saved: the new record is in place.",
  updated: "Saved: your changes are in place.",
  deactivated: "Deactivated: they can no longer sign in, and their sessions have ended.",
  reactivated: "Reactivated: they can sign in again.",
  unlinked: "Unlinked from their council account: the next council account to sign in with their email address is linked instead.",
  password: "The new password is set; their old sessions have ended.",
  removed: "Removed: it is no longer on the record.",
  revoked: "Revoked: the token no longer works.",
};

/** The success banner named in the address; unknown names show nothing. */
export function savedMessage(url: URL): string | null {
  return savedMessages[url.searchParams.get("saved") ?? ""] ?? null;
}
