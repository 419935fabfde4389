import { data } from "@remix-run/node";
import { asc } from "drizzle-orm";
import { keptWhileUnchanged } from "../../db/kept-while-unchanged";
import { preparedOnce } from "../../db/prepared";
import { workTypes } from "../../db/schema";
import { formatDate, formatMonthShort } from "~/dates";
import { careBookReady } from "~/care/care-book.server";
import { getDb } from "~/db.server";
import { outcomeGroupMap } from "~/reference-data/outcomes.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import type { SignedInUser } from "~/people/users.server";
import type { Db } from "../../db/connection";
import { can } from "~/people/permissions";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { findTeamBySlug, listTeamWorkers } from "~/teams/teams.server";
import type { CsvAbout } from "./csv-export.server";
import { parseReportQuery, ReportQueryError, type ReportQuery } from "./report-query";
import { clockToday } from "~/platform/clock.server";

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
 * The team named in the address, the workers the user may look at, the
 * report's filters, and what the user may do with them; or a 404, 403 or
 * 400 page. Checks that the user may see the team's figures, and the chosen
 * worker's.
 */
export async function teamContext(request: Request, slug: string | undefined) {
  return teamContextFor(await requireUser(request), getDb(), slug, new URL(request.url));
}

/** As teamContext, for a user already signed in and the address they asked for. */
export async function teamContextFor(user: SignedInUser, db: Db, slug: string | undefined, url: URL) {
  const team = findTeamBySlug(db, slug ?? "");
  if (!team) throw data(`There is no team at this address ("${slug}").`, { status: 404 });
  requireAllowed(user, "view", "team-figures", { teamId: team.id });
  const query: ReportQuery = explainBadAddress(() => parseReportQuery(url, clockToday()));
  const teamWorkers = listTeamWorkers(db, team.id);
  const chosen = query.worker === undefined ? undefined : teamWorkers.find((w) => w.id === query.worker);
  if (query.worker !== undefined) {
    // Checked before existence, so a practitioner cannot probe for colleagues' ids.
    requireAllowed(user, "view", "worker-figures", { teamId: team.id, workerId: query.worker });
    if (!chosen) throw data(`${team.name} has no worker with that reference.`, { status: 404 });
  }
  const types = keptWhileUnchanged(db, "work-type-names", () =>
    preparedOnce(db, "work-type-names", () => db.select({ id: workTypes.id, name: workTypes.name }).from(workTypes).orderBy(asc(workTypes.id)).prepare()).all(),
  );
  const workType = query.workType === undefined ? undefined : types.find((t) => t.id === query.workType);
  if (query.workType !== undefined && !workType) throw data("The work type in the address is not one Primed knows.", { status: 400 });
  const outcomeGroups = [...new Set(Object.values(outcomeGroupMap(db)))];
  if (query.outcomeGroup !== undefined && !outcomeGroups.includes(query.outcomeGroup)) {
    throw data(`There is no outcome group called "${query.outcomeGroup}".`, { status: 400 });
  }
  const workers = teamWorkers.filter((w) => can(user, "view", "worker-figures", { teamId: team.id, workerId: w.id })).map((w) => ({ id: w.id, name: w.name, active: w.active }));
  const worker = chosen ? { id: chosen.id, name: chosen.name, active: chosen.active } : null;
  const about: CsvAbout = [
    ["Team", team.name],
    ["Worker", worker?.name ?? "Whole team"],
    ["Work type", workType?.name ?? "All work types"],
    ["Outcome group", query.outcomeGroup ?? "All outcomes"],
    ["Months", `${formatMonthShort(query.from)} to ${formatMonthShort(query.to)}`],
    ["Data as of", formatDate(query.asOf)],
  ];
  // Every page on a team's report shows or counts care figures: wait here, not holding other requests, while a new load's
  // care book is read.
  await careBookReady(db);
  return {
    user,
    db,
    team: { id: team.id, name: team.name, slug: team.slug, type: team.type, typeLabel: teamTypeLabels[team.type] },
    query,
    workers,
    worker,
    workTypes: types,
    outcomeGroups,
    /** What the report shows, in words: the opening lines of its CSV files. */
    about,
    scope: { teamId: team.id, workerId: worker?.id, workTypeId: query.workType, outcomeGroup: query.outcomeGroup },
    /** Whether the figures on this report may be opened to their work items. */
    canOpenItems: can(user, "view", "work-items", { teamId: team.id, workerId: worker?.id }),
  };
}
