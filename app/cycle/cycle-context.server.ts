import { data } from "@remix-run/node";
import { clockToday } from "~/platform/clock.server";
import { getDb } from "~/db.server";
import { sheetMonthOf } from "~/interpretation/prompt-sheets.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { findTeamBySlug } from "~/teams/teams.server";

/**
 * The team and finished month in the address, once the user may see the
 * team's cycle; or a 404, 403 or 400 page that says what is wrong.
 */
export async function cycleContext(request: Request, params: { slug?: string; month?: string }) {
  const user = await requireUser(request);
  const db = getDb();
  const team = findTeamBySlug(db, params.slug ?? "");
  if (!team) throw data(`There is no team at this address ("${params.slug}").`, { status: 404 });
  requireAllowed(user, "view", "cycles", { teamId: team.id });
  const today = clockToday();
  const month = sheetMonthOf((params.month ?? "").slice(0, 20), today);
  if (!month.ok) throw data(month.error, { status: 400 });
  return {
    user,
    db,
    today,
    month: month.month,
    team: { id: team.id, name: team.name, slug: team.slug, type: team.type, typeLabel: teamTypeLabels[team.type] },
    canManage: can(user, "manage", "cycles", { teamId: team.id }),
  };
}
