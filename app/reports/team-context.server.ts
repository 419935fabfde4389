import { data } from "@remix-run/node";
import { getDb } from "~/db.server";
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

/** The team named in the address, its workers, and the report options: or a 404/400 page. */
export function teamContext(request: Request, slug: string | undefined) {
  const db = getDb();
  const team = findTeamBySlug(db, slug ?? "");
  if (!team) throw data(`There is no team at this address ("${slug}").`, { status: 404 });
  const query: ReportQuery = explainBadAddress(() => parseReportQuery(new URL(request.url)));
  const workers = listTeamWorkers(db, team.id).map((w) => ({ id: w.id, name: w.name, active: w.active }));
  const worker = query.worker === undefined ? undefined : workers.find((w) => w.id === query.worker);
  if (query.worker !== undefined && !worker) {
    throw data(`${team.name} has no worker with that reference.`, { status: 404 });
  }
  return {
    db,
    team: { id: team.id, name: team.name, slug: team.slug, typeLabel: teamTypeLabels[team.type] },
    query,
    workers,
    worker: worker ?? null,
    scope: { teamId: team.id, workerId: worker?.id },
  };
}
