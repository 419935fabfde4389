import { inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { teams } from "../../db/schema";
import type { SignedInUser } from "./users.server";

/** Where each role starts: a practitioner on My work, a manager on their team, the rest on their overview. */
export function landingPath(db: Db, user: SignedInUser): string {
  switch (user.role) {
    case "practitioner":
      return user.workerId !== null ? "/my-work" : "/teams";
    case "team_manager": {
      if (user.managedTeamIds.length !== 1) return "/teams";
      const [team] = db
        .select({ slug: teams.slug })
        .from(teams)
        .where(inArray(teams.id, [...user.managedTeamIds]))
        .all();
      return team ? `/teams/${team.slug}` : "/teams";
    }
    case "head_of_service":
      return "/teams";
    case "admin":
      return "/admin";
  }
}
