import { data } from "@remix-run/node";
import { getDb } from "~/db.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { teamTypeLabels } from "~/reference-data";
import { findTeamBySlug, listTeamWorkers } from "~/teams.server";
import { parseReportQuery, ReportQueryError, type ReportQuery } from "./report-query";

/** Turns a bad address into a 400 page that says what is wrong with it. */
export function explainBadAddress<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ReportQueryError) throw data(error.message, { status: 400 });
    throw error;
  }
}

/**
 * The team named in the address, the workers the user may look at, and the
 * report options; or a 404, 403 or 400 page. Checks that the user may see
 * the team's figures, and the chosen worker's.
 */
export async function teamContext(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const db = getDb();
  const team = findTeamBySlug(db, slug ?? "");
  if (!team) throw data(`There is no team at this address ("${slug}").`, { status: 404 });
  requireAllowed(user, "view", "team-figures", { teamId: team.id });
  const query: ReportQuery = explainBadAddress(() => parseReportQuery(new URL(request.url)));
  const teamWorkers = listTeamWorkers(db, team.id);
  const chosen = query.worker === undefined ? undefined : teamWorkers.find((w) => w.id === query.worker);
  if (query.worker !== undefined) {
    // Checked before existence, so a practitioner cannot probe for colleagues' ids.
    requireAllowed(user, "view", "worker-figures", { teamId: team.id, workerId: query.worker });
    if (!chosen) throw data(`${team.name} has no worker with that reference.`, { status: 404 });
  }
  const workers = teamWorkers
    .filter((w) => can(user, "view", "worker-figures", { teamId: team.id, workerId: w.id }))
    .map((w) => ({ id: w.id, name: w.name, active: w.active }));
  const worker = chosen ? { id: chosen.id, name: chosen.name, active: chosen.active } : null;
  return {
    user,
    db,
    team: { id: team.id, name: team.name, slug: team.slug, typeLabel: teamTypeLabels[team.type] },
    query,
    workers,
    worker,
    scope: { teamId: team.id, workerId: worker?.id },
    /** Whether the figures on this report may be opened to their work items. */
    canOpenItems: can(user, "view", "work-items", { teamId: team.id, workerId: worker?.id }),
  };
}
