/*
 * The head of service's action tracker: every team's actions side by side,
 * escalated and overdue first, so actions can be chased to completion.
 */
import { asc } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { teams } from "../../db/schema";
import type { IsoDate } from "~/dates";
import type { TrackerFilter } from "./action-forms";
import { countActions, type ActionCounts } from "./action-rules";
import { listActions, type ActionRow } from "./queries.server";

export interface TeamActions {
  name: string;
  slug: string;
  counts: ActionCounts;
}

export interface ActionTracker {
  teams: TeamActions[];
  service: ActionCounts;
  /** The actions the filters choose. */
  actions: ActionRow[];
  /** The team chosen, if one was. */
  team: { name: string; slug: string } | null;
}

/** Thrown for a team in the address that does not exist: the page says so. */
export class UnknownTeamError extends Error {}

export function actionTracker(db: Db, filter: TrackerFilter, today: IsoDate): ActionTracker {
  const allTeams = db.select({ id: teams.id, name: teams.name, slug: teams.slug }).from(teams).orderBy(asc(teams.name)).all();
  const chosen = filter.team === undefined ? null : allTeams.find((t) => t.slug === filter.team);
  if (chosen === undefined) throw new UnknownTeamError(`There is no team called "${filter.team}": choose one from the list.`);
  const all = listActions(db, {}, today);
  const byTeam = new Map<number, ActionRow[]>();
  for (const action of all) byTeam.set(action.teamId, [...(byTeam.get(action.teamId) ?? []), action]);
  const rows = allTeams.map((t) => ({ name: t.name, slug: t.slug, counts: countActions(byTeam.get(t.id) ?? [], today) }));
  // The teams that need chasing first: escalated, then overdue.
  rows.sort((a, b) => b.counts.escalated - a.counts.escalated || b.counts.overdue - a.counts.overdue || a.name.localeCompare(b.name));
  return {
    teams: rows,
    service: countActions(all, today),
    actions: listActions(db, { teamIds: chosen ? [chosen.id] : undefined, show: filter.show }, today),
    team: chosen ? { name: chosen.name, slug: chosen.slug } : null,
  };
}
