import { z } from "zod";
import type { Db } from "../../db/connection";
import { isIsoDate, isIsoMonth, monthOf } from "~/dates";
import { monthlyFigures } from "~/work-figures/report.server";
import { findTeam, findTeamWorker } from "~/teams/teams.server";
import { CliError } from "./cli-error";
import { clockToday } from "~/platform/clock.server";

export const reportOptionsSchema = z
  .object({
    team: z.string({ message: "--team is required: a team's name or slug" }).trim().min(1, "--team is required: a team's name or slug"),
    from: z.string({ message: "--from is required, as YYYY-MM" }).refine(isIsoMonth, "--from must be a month as YYYY-MM, for example 2026-03"),
    to: z.string({ message: "--to is required, as YYYY-MM" }).refine(isIsoMonth, "--to must be a month as YYYY-MM, for example 2026-03"),
    worker: z.string().trim().min(1, "--worker must name a worker").optional(),
    "as-of": z.string().refine(isIsoDate, "--as-of must be a real date as YYYY-MM-DD, for example 2026-03-31").optional(),
    json: z.boolean().optional(),
  })
  .refine((o) => !isIsoMonth(o.from) || !isIsoMonth(o.to) || o.from <= o.to, {
    message: "--from must not be after --to",
    path: ["from"],
  });

export type ReportOptions = z.infer<typeof reportOptionsSchema>;

/** The `report` command's JSON: the same figures the team page shows. */
export function runReport(db: Db, options: ReportOptions, today = clockToday()) {
  const team = findTeam(db, options.team);
  if (!team) throw new CliError(`No team is called "${options.team}". Run "npm run primed -- teams" to list them.`);
  const worker = options.worker ? findTeamWorker(db, team.id, options.worker) : undefined;
  if (options.worker && !worker) {
    throw new CliError(`${team.name} has no worker called "${options.worker}".`);
  }
  const asOf = options["as-of"] ?? today;
  const months = monthlyFigures(db, { teamId: team.id, workerId: worker?.id }, { from: options.from, to: options.to, asOf });
  return {
    team: team.name,
    worker: worker?.name ?? null,
    asOf,
    months: months.map((m) => ({
      month: m.month,
      received: m.received,
      allocated: m.allocated,
      awaitingAllocation: m.awaitingAllocation,
      overdue: m.overdue,
      due: m.due,
      completed: m.completed,
      completedOnTime: m.completedOnTime,
      completedLate: m.completedLate,
      medianDaysToComplete: m.medianDaysToComplete,
      assessmentOutcomes: m.assessmentOutcomes,
    })),
  };
}

/** A human-readable table of the same report, for a terminal. */
export function formatReport(report: ReturnType<typeof runReport>): string {
  const header = ["month", "received", "allocated", "awaiting", "overdue", "due", "completed", "on time", "late", "median days"];
  const rows = report.months.map((m) =>
    [m.month, m.received, m.allocated, m.awaitingAllocation, m.overdue, m.due, m.completed, m.completedOnTime, m.completedLate, m.medianDaysToComplete].map((v) =>
      v === null ? "-" : String(v),
    ),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] as number)).join("  ");
  const title = `${report.team}${report.worker ? ` / ${report.worker}` : ""}, as of ${report.asOf} (month ${monthOf(report.asOf)} is current)`;
  return [title, line(header), ...rows.map(line)].join("\n");
}
