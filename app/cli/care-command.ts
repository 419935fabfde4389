/*
 * `npm run primed -- care`: a team's (or one worker's) care and cost, month by
 * month, as the team page's fourth report shows them. Its options and their
 * errors are the `report` command's.
 */
import type { Db } from "../../db/connection";
import { monthOf } from "~/dates";
import { careFigures } from "~/care/care-book.server";
import type { CareMonthRow } from "~/care/care-figures";
import { clockToday } from "~/platform/clock.server";
import { findTeam, findTeamWorker } from "~/teams/teams.server";
import { CliError } from "./cli-error";
import type { ReportOptions } from "./report-command";

export interface CareReport {
  team: string;
  worker: string | null;
  asOf: string;
  months: CareMonthRow[];
}

/** The `care` command's JSON: money in pounds rounded to pence, every figure null after the as-of month. */
export function runCare(db: Db, options: ReportOptions, today = clockToday()): CareReport {
  const team = findTeam(db, options.team);
  if (!team) throw new CliError(`No team is called "${options.team}". Run "npm run primed -- teams" to list them.`);
  const worker = options.worker ? findTeamWorker(db, team.id, options.worker) : undefined;
  if (options.worker && !worker) throw new CliError(`${team.name} has no worker called "${options.worker}".`);
  const asOf = options["as-of"] ?? today;
  return { team: team.name, worker: worker?.name ?? null, asOf, months: careFigures(db, { teamId: team.id, workerId: worker?.id }, { from: options.from, to: options.to, asOf }) };
}

const money = (pounds: number | null) => (pounds === null ? "-" : Math.round(pounds).toLocaleString("en-GB"));

/** A readable table of the same figures, for a terminal: whole pounds a week. */
export function formatCare(report: CareReport): string {
  const header = [
    "month",
    "nursing",
    "resid.",
    "commun.",
    "prison",
    "LT £/wk",
    "ST £/wk",
    "carer £/wk",
    "started",
    "ended",
    "admitted",
    "reviews costed",
    "review £ change",
    "clients",
    "reviewed",
    "overdue",
  ];
  const rows = report.months.map((m) => {
    if (m.longTermPeople === null) return [m.month, ...header.slice(1).map(() => "-")];
    const f = m as Exclude<CareMonthRow, { longTermPeople: null }>;
    const admitted = f.admissions["18-64"] + f.admissions["65+"] + f.admissions.unknown;
    return [
      f.month,
      ...[f.longTermPeople.nursing, f.longTermPeople.residential, f.longTermPeople.community, f.longTermPeople.prison].map(String),
      money(f.weeklyCost.longTerm),
      money(f.weeklyCost.shortTerm),
      money(f.weeklyCost.carer),
      String(f.started),
      String(f.ended),
      String(admitted),
      String(f.reviewsCosted),
      money(f.reviewCostChange),
      String(f.longTermClients),
      String(f.reviewedInLast12Months),
      String(f.reviewsOverdue),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  const title = `Care and support, ${report.team}${report.worker ? ` / ${report.worker}` : ""}, as of ${report.asOf} (month ${monthOf(report.asOf)} is current); people at the month's end, money in pounds a week`;
  return [title, line(header), ...rows.map(line)].join("\n");
}
