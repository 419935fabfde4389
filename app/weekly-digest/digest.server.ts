/*
 * The weekly digest, queued on Mondays for each team manager (their teams)
 * and head of service (every team): per team, the exceptions the service
 * overview shows, the actions overdue and escalated as the action tracker
 * counts them, and the reviews overdue from the care figures. Every figure
 * comes from the module that owns it; none is counted again here.
 * (A folder of its own: it reads actions/, which queues mail through reminders/.)
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { users } from "../../db/schema";
import { actionTracker } from "~/actions/tracker.server";
import { careBookReady } from "~/care/care-book.server";
import { dayOfWeek, formatDate, formatMonthLong, type IsoDate } from "~/dates";
import { can } from "~/people/permissions";
import { loadSignedInUser } from "~/people/users.server";
import { getEnv } from "~/platform/env-cache.server";
import { careHeadlineOf } from "~/reports/overview-figures";
import { lastFinishedMonth } from "~/reports/part-month";
import { serviceOverview } from "~/reports/service-overview.server";
import type { MailSettings } from "~/reminders/mail-settings";
import { queueMail, queuedAlready } from "~/reminders/outbox.server";
import { listTeams } from "~/teams/teams.server";

export interface DigestTeam {
  name: string;
  slug: string;
  /** The overview's exceptions for the last finished month, each in its own sentence. */
  exceptions: string[];
  actionsOverdue: number;
  actionsEscalated: number;
  /** Null when no care services are loaded for the team. */
  reviewsOverdue: number | null;
}

/** Every team's lines of the digest as of a day, in the overview's order (by name). */
export async function digestTeams(db: Db, today: IsoDate): Promise<DigestTeam[]> {
  await careBookReady(db);
  const teams = listTeams(db);
  const env = getEnv();
  const month = lastFinishedMonth(today);
  const overview = serviceOverview(db, teams, month, today, { timelinessTarget: env.PRIMED_TIMELINESS_TARGET / 100, reviewedTarget: env.PRIMED_REVIEWED_TARGET / 100 });
  const tracker = new Map(actionTracker(db, { show: "open" }, today).teams.map((t) => [t.slug, t.counts]));
  return overview
    .map((row) => ({
      name: row.team.name,
      slug: row.team.slug,
      exceptions: row.exceptions.map((e) => e.reason),
      actionsOverdue: tracker.get(row.team.slug)?.overdue ?? 0,
      actionsEscalated: tracker.get(row.team.slug)?.escalated ?? 0,
      reviewsOverdue: careHeadlineOf(row.now.care).reviewsOverdue,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The digest's words for one person: team names, counts, exception names and links; no case detail. */
export function digestLetter(publicUrl: string, today: IsoDate, teams: readonly DigestTeam[]) {
  const month = formatMonthLong(lastFinishedMonth(today));
  const lines = teams.map((team) =>
    [
      `${team.name}`,
      `  Exceptions (${month}): ${team.exceptions.length === 0 ? "none" : team.exceptions.map((e) => `\n  - ${e}`).join("")}`,
      `  Actions overdue: ${team.actionsOverdue}, escalated: ${team.actionsEscalated}`,
      `  Reviews overdue: ${team.reviewsOverdue ?? "no care services loaded"}`,
      `  ${publicUrl}/teams/${team.slug}`,
    ].join("\n"),
  );
  const needing = teams.filter((t) => t.exceptions.length > 0 || t.actionsOverdue > 0 || t.actionsEscalated > 0).length;
  return {
    subject: `Primed: your weekly digest, ${formatDate(today)}`,
    bodyText: `This week ${needing} of your ${plural(teams.length, "team", "teams")} ${needing === 1 ? "needs" : "need"} attention.\n\n${lines.join("\n\n")}\n\nThe service overview: ${publicUrl}/teams\nThe action tracker: ${publicUrl}/actions\n\n--\nPrimed. You can choose which reminders you get on your account page: ${publicUrl}/account/reminders`,
  };
}

/** On a Monday, queues the digest for every active team manager and head of service (once each that Monday); returns how many were new. */
export async function queueWeeklyDigests(db: Db, settings: MailSettings, today: IsoDate, now = new Date()): Promise<number> {
  if (dayOfWeek(today) !== 1) return 0;
  const people = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["team_manager", "head_of_service"])))
    .all();
  // Counted only when someone is still owed this Monday's digest: a restart or a second tick counts nothing.
  const key = (userId: number) => `digest:user:${userId}:${today}`;
  let all: DigestTeam[] | null = null;
  let added = 0;
  const teamIds = new Map(listTeams(db).map((t) => [t.slug, t.id]));
  for (const person of people) {
    const user = loadSignedInUser(db, person.id);
    if (!user) continue;
    if (queuedAlready(db, key(person.id))) continue;
    all ??= await digestTeams(db, today);
    const theirs = all.filter((team) => can(user, "view", "team-figures", { teamId: teamIds.get(team.slug)! }));
    if (theirs.length === 0) continue;
    if (queueMail(db, { kind: "weekly_digest", dedupeKey: key(person.id), userId: person.id, ...digestLetter(settings.publicUrl, today, theirs) }, now)) added += 1;
  }
  return added;
}
