import { z } from "zod";
import type { Db } from "../../db/connection";
import { addMonths, isIsoMonth, monthOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";
import { timeliness } from "~/work-figures/month-figures";
import { figuresByTeam } from "~/work-figures/report.server";
import { teamTypeLabels } from "~/reference-data/reference-data";
import type { Team } from "~/teams/teams.server";
import { careFiguresByTeam } from "~/care/care-book.server";
import { admissionsTotal, reviewedShare } from "./care-report";
import { careFiguresOf, trendFigures, type TrendFigure } from "./overview-figures";
import { signalExceptions } from "~/interpretation/signal-exceptions";
import { readingsByTeam, signalMonthsFor } from "~/interpretation/team-signals.server";
import { seriesSettingsVersion } from "~/interpretation/series-settings.server";
import { remembered } from "~/work-figures/figures-cache.server";
import { exceptionsFor, type ExceptionMonth, type ExceptionSettings, type FiredException } from "./exceptions";
import { presentParams, ReportQueryError } from "./report-query";

export const overviewSortKeys = [
  "team",
  "allocated",
  "awaitingAllocation",
  "overdue",
  "due",
  "completed",
  "onTime",
  "exceptions",
  "longTermCost",
  "residential",
  "nursing",
  "admissions",
  "reviewedShare",
  "reviewsOverdue",
] as const;
export type OverviewSortKey = (typeof overviewSortKeys)[number];

const overviewSchema = z.object({
  month: z.string().trim().refine(isIsoMonth, "The month must be written as YYYY-MM, for example 2026-03.").optional(),
  sort: z.enum(overviewSortKeys, { message: "The overview cannot be sorted by that column." }).optional(),
  dir: z.enum(["asc", "desc"], { message: "The sort order must be asc or desc." }).optional(),
  exceptions: z.enum(["only"], { message: 'The exceptions filter must be "only" or left out.' }).optional(),
  trend: z.enum(trendFigures, { message: "The trend must be one of the headline or care figures." }).optional(),
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

/** A team's month on the overview: its work figures and its care figures (docs/definitions.md#care-and-support-and-what-it-costs). */
export type OverviewMonth = ExceptionMonth;

export interface OverviewRow {
  team: { id: number; name: string; slug: string; typeLabel: string };
  now: OverviewMonth;
  previous: OverviewMonth;
  lastYear: OverviewMonth;
  /** The 12 months ending with the month shown. */
  trend: OverviewMonth[];
  exceptions: FiredException[];
}

/** Every team the user may see, side by side for one month, with the month before, a year before and the 12-month trend. */
export function serviceOverview(
  db: Db,
  teams: readonly Team[],
  month: IsoMonth,
  asOf: IsoDate,
  settings: ExceptionSettings,
  options: {
    /** Whether the page shows a care figure's 12 months (the trends view): else only the care months the table and the exceptions read. */
    careTrend?: boolean;
  } = {},
): OverviewRow[] {
  if (month > monthOf(asOf)) {
    throw new ReportQueryError(`The month ${month} is after the as-of date (${asOf}): choose ${monthOf(asOf)} or earlier.`);
  }
  // Counted once per data version, series settings, teams as named now, month, date and targets: the exception sentences of
  // 120 teams took about 6 ms of every overview (profiled, issue 18). The rows are shared between requests: never changed.
  const key = [
    teams.map((team) => `${team.id}:${team.slug}:${team.type}:${team.name}`).join(","),
    month,
    asOf,
    settings.timelinessTarget,
    settings.reviewedTarget,
    options.careTrend === true,
    seriesSettingsVersion(db),
  ].join("|");
  return remembered(db, `service-overview|${key}`, () => countServiceOverview(db, teams, month, asOf, settings, options));
}

function countServiceOverview(db: Db, teams: readonly Team[], month: IsoMonth, asOf: IsoDate, settings: ExceptionSettings, options: { careTrend?: boolean }): OverviewRow[] {
  const months = monthRange(addMonths(month, -12), month);
  const byTeam = figuresByTeam(db, months, asOf);
  const teamIds = teams.map((team) => team.id);
  // Every team's care months in one pass over the care book, counted once per data version (the overview's speed). Counting
  // a month of care for every team costs more than its work figures (about 0.3 s at the large council's scale on a busy
  // machine), so without a care trend only the months read are counted: a year before, and the last four for the exceptions.
  const careMonths = options.careTrend ? months : [months[0]!, ...months.slice(-4)];
  const careByTeam = careFiguresByTeam(db, teamIds, careMonths, asOf);
  const signals = readingsByTeam(db, teamIds, signalMonthsFor(month, asOf), asOf);
  return teams.map((team) => {
    const care = new Map((careByTeam.get(team.id) ?? []).map((row) => [row.month, row]));
    // New objects: the month figures are shared between requests (cached), never changed.
    const figures: OverviewMonth[] = byTeam.get(team.id)!.map((m) => ({ ...m, care: care.get(m.month) }));
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
  longTermCost: (row) => careFiguresOf(row.now.care)?.weeklyCost.longTerm ?? 0,
  residential: (row) => careFiguresOf(row.now.care)?.longTermPeople.residential ?? 0,
  nursing: (row) => careFiguresOf(row.now.care)?.longTermPeople.nursing ?? 0,
  admissions: (row) => {
    const care = careFiguresOf(row.now.care);
    return care ? admissionsTotal(care) : 0;
  },
  // As on time: a team with no long-term clients (no share) sorts below every share.
  reviewedShare: (row) => {
    const care = careFiguresOf(row.now.care);
    return (care ? reviewedShare(care) : null) ?? -1;
  },
  reviewsOverdue: (row) => careFiguresOf(row.now.care)?.reviewsOverdue ?? 0,
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
