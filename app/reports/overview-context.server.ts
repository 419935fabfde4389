import { formatDate, formatMonthLong } from "~/dates";
import { getDb } from "~/db.server";
import { teamDataChanges } from "~/import/team-data-changes.server";
import { careBookReady, hasCareServices } from "~/care/care-book.server";
import { getEnv } from "~/platform/env-cache.server";
import { requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { listTeams } from "~/teams/teams.server";
import type { CsvAbout } from "./csv-export.server";
import { isPartMonth, lastFinishedMonth, partMonthNote } from "./part-month";
import { parseReportQuery } from "./report-query";
import { parseOverviewQuery, serviceOverview, sortOverview } from "./service-overview.server";
import { isCareFigure } from "./overview-figures";
import { explainBadAddress } from "./team-context.server";
import { clockToday } from "~/platform/clock.server";

/** The service overview for the signed-in user, shared by the page and its CSV. */
function teamsDataChanged(db: ReturnType<typeof getDb>, teams: readonly { id: number; name: string; slug: string }[]) {
  const changed = teamDataChanges(db);
  return teams
    .map((team) => ({ name: team.name, slug: team.slug, at: changed.get(team.id) ?? null }))
    .sort((a, b) => (b.at ?? "").localeCompare(a.at ?? "") || a.name.localeCompare(b.name));
}

export async function overviewContext(request: Request) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const report = explainBadAddress(() => parseReportQuery(url, clockToday()));
  const query = explainBadAddress(() => parseOverviewQuery(url));
  const db = getDb();
  await careBookReady(db);
  // The last finished month unless another is chosen: the month so far is not a month's figures yet.
  const month = query.month ?? lastFinishedMonth(report.asOf);
  const partMonth = isPartMonth(month, report.asOf);
  const teams = listTeams(db).filter((team) => can(user, "view", "team-figures", { teamId: team.id }));
  const settings = { timelinessTarget: getEnv().PRIMED_TIMELINESS_TARGET / 100, reviewedTarget: getEnv().PRIMED_REVIEWED_TARGET / 100 };
  const careTrend = query.view === "trends" && isCareFigure(query.trend);
  const all = explainBadAddress(() => serviceOverview(db, teams, month, report.asOf, settings, { careTrend }));
  const rows = sortOverview(all, query);
  const about: CsvAbout = [
    ["Service overview", `${formatMonthLong(month)}${partMonth ? " so far" : ""}`],
    ["Teams", query.exceptionsOnly ? "Only teams that need attention" : "Every team"],
    ["Data as of", formatDate(report.asOf)],
    ...(partMonth ? [["Part month", partMonthNote(month, report.asOf)!] as [string, string]] : []),
  ];
  return {
    user,
    report,
    query,
    month,
    /** True when the month shown is the month so far (./part-month.ts). */
    partMonth,
    /** Every team the user may see, as counted (shared between requests: never change it); `rows` are those shown, in order. */
    all,
    rows,
    teamCount: all.length,
    exceptionCount: all.filter((row) => row.exceptions.length > 0).length,
    timelinessTarget: settings.timelinessTarget,
    reviewedTarget: settings.reviewedTarget,
    /** Whether any services are loaded: without them the care columns would be all zeros. */
    hasCare: hasCareServices(db),
    /** When each team the user may see last had its data changed by a load, newest first; null when no load has recorded it. */
    dataChanged: teamsDataChanged(db, teams),
    canOpenItems: (teamId: number) => can(user, "view", "work-items", { teamId }),
    about,
  };
}
