import { data } from "@remix-run/node";
import { getDb } from "../db.server";
import { myWork } from "./my-work.server";
import { requireAllowed, requireUser } from "../people/guard.server";
import { parseReportQuery } from "../reports/report-query";
import { explainBadAddress } from "../reports/team-context.server";
import { findTeamById } from "../teams/teams.server";
import { clockToday } from "~/platform/clock.server";

/** The signed-in worker's own work as of the address's date, for My work and its CSV. */
export async function myWorkOfSignedIn(request: Request) {
  const user = await requireUser(request);
  requireAllowed(user, "view", "my-work");
  const team = user.ownTeamId === null ? undefined : findTeamById(getDb(), user.ownTeamId);
  if (user.workerId === null || !team) {
    throw data("Your sign-in is not linked to a worker in a team, so Primed has no work of yours to show. Ask your Primed administrator to link it.", { status: 404 });
  }
  const { asOf, asOfChosen } = explainBadAddress(() => parseReportQuery(new URL(request.url), clockToday()));
  return {
    userId: user.id,
    name: user.name,
    workerId: user.workerId,
    team: { name: team.name, slug: team.slug },
    asOfChosen,
    work: myWork(getDb(), { id: user.workerId, teamId: team.id }, asOf),
  };
}
