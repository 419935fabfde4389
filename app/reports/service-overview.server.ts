import { z } from "zod";
import type { Db } from "../../db/connection";
import { addMonths, isIsoMonth, monthOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { figuresByTeam } from "~/work-figures/report.server";
import { teamTypeLabels } from "~/reference-data/reference-data";
import type { Team } from "~/teams/teams.server";
import { trendFigures, type TrendFigure } from "./overview-figures";
import { signalExceptions } from "~/interpretation/signal-exceptions";
import { readingsByTeam, signalMonthsFor } from "~/interpretation/team-signals.server";
import { exceptionsFor, type ExceptionSettings, type FiredException } from "./exceptions";
import { presentParams, ReportQueryError } from "./report-query";

export const overviewSortKeys = ["team", "allocated", "awaitingAllocation", "overdue", "due", "completed", "onTime", "exceptions"] as const;
export type OverviewSortKey = (typeof overviewSortKeys)[number];

const overviewSchema = z.object({
  month: z.string().trim().refine(isIsoMonth, "The month must be written as YYYY-MM, for example 2026-03.").optional(),
  sort: z.enum(overviewSortKeys, { message: "The overview cannot be sorted by that column." }).optional(),
  dir: z.enum(["asc", "desc"], { message: "The sort order must be asc or desc." }).optional(),
  exceptions: z.enum(["only"], { message: 'The exceptions filter must be "only" or left out.' }).optional(),
  trend: z.enum(trendFigures, { message: "The trend must be one of the headline figures." }).optional(),
  view: z.enum(["table", "trends"], { message: 'The view must be "table" or "trends".' }).optional(),
});

export interface OverviewQuery {
  month?: IsoMonth;
  sort: OverviewSortKey;
  dir: "asc" | "desc";
  exceptionsOnly: boolean;
  trend: TrendFigure;
  /** Every team's figures side by side, or every team's 12-month trend as small multiples. */
  view: "table" | "trends";
}

export function parseOverviewQuery(url: URL): OverviewQuery {
  const parsed = overviewSchema.safeParse(presentParams(url, ["month", "sort", "dir", "exceptions", "trend", "view"]));
  if (!parsed.success) throw new ReportQueryError(parsed.error.issues[0]?.message ?? "The address is not valid.");
  const { month, sort = "team", dir = sort === "team" ? "asc" : "desc", exceptions, trend = "overdue", view = "table" } = parsed.data;
  return { month, sort, dir, exceptionsOnly: exceptions === "only", trend, view };
}

export interface OverviewRow {
  team: { id: number; name: string; slug: string; typeLabel: string };
  now: MonthFigures;
  previous: MonthFigures;
  lastYear: MonthFigures;
  /** The 12 months ending with the month shown. */
  trend: MonthFigures[];
  exceptions: FiredException[];
}

/** Every team the user may see, side by side for one month, with the month before, a year before and the 12-month trend. */
export function serviceOverview(db: Db, teams: readonly Team[], month: IsoMonth, asOf: IsoDate, settings: ExceptionSettings): OverviewRow[] {
  if (month > monthOf(asOf)) {
    throw new ReportQueryError(`The month ${month} is after the as-of date (${asOf}): choose ${monthOf(asOf)} or earlier.`);
  }
  const months = monthRange(addMonths(month, -12), month);
  const byTeam = figuresByTeam(db, months, asOf);
  const signals = readingsByTeam(
    db,
    teams.map((team) => team.id),
    signalMonthsFor(month, asOf),
    asOf,
  );
  return teams.map((team) => {
    const figures = byTeam.get(team.id)!;
    const trend = figures.slice(1);
    return {
      team: { id: team.id, name: team.name, slug: team.slug, typeLabel: teamTypeLabels[team.type] },
      now: figures.at(-1)!,
      previous: figures.at(-2)!,
      lastYear: figures[0]!,
      trend,
      exceptions: [...exceptionsFor(trend, settings), ...signalExceptions(signals.get(team.id) ?? [])],
    };
  });
}

const sortValue: Record<OverviewSortKey, (row: OverviewRow) => string | number> = {
  team: (row) => row.team.name,
  allocated: (row) => row.now.allocated ?? 0,
  awaitingAllocation: (row) => row.now.awaitingAllocation ?? 0,
  overdue: (row) => row.now.overdue ?? 0,
  due: (row) => row.now.due,
  completed: (row) => row.now.completed ?? 0,
  onTime: (row) => timeliness(row.now) ?? -1,
  exceptions: (row) => row.exceptions.length,
};

export function sortOverview(rows: OverviewRow[], query: Pick<OverviewQuery, "sort" | "dir" | "exceptionsOnly">): OverviewRow[] {
  const value = sortValue[query.sort];
  const sign = query.dir === "asc" ? 1 : -1;
  return rows
    .filter((row) => !query.exceptionsOnly || row.exceptions.length > 0)
    .sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const by = typeof x === "number" ? x - (y as number) : x.localeCompare(y as string);
      return sign * by || a.team.name.localeCompare(b.team.name);
    });
}
