import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedOnce } from "../../db/prepared";
import { users, userTeams, workers, type UserRole } from "../../db/schema";
import type { Principal } from "./permissions";

export interface SignedInUser extends Principal {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An active user with what permissions need: their own team and the teams they manage. */
export function loadSignedInUser(db: Db, userId: number): SignedInUser | null {
  const row = preparedOnce(db, "signed-in-user", () =>
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        active: users.active,
        workerId: users.workerId,
        ownTeamId: workers.teamId,
      })
      .from(users)
      .leftJoin(workers, eq(workers.id, users.workerId))
      .where(eq(users.id, sql.placeholder("userId")))
      .prepare(),
  ).get({ userId });
  if (!row || !row.active) return null;
  const managedTeamIds =
    row.role === "team_manager"
      ? preparedOnce(db, "managed-teams", () =>
          db
            .select({ teamId: userTeams.teamId })
            .from(userTeams)
            .where(eq(userTeams.userId, sql.placeholder("userId")))
            .prepare(),
        )
          .all({ userId: row.id })
          .map((r) => r.teamId)
      : [];
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    workerId: row.workerId,
    ownTeamId: row.ownTeamId ?? null,
    managedTeamIds,
  };
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}
