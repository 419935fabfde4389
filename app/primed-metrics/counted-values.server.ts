/*
 * A counted Primed Metric's values, counted from the loaded data each time
 * they are read: never typed and never stored, so they cannot be older than
 * the data. Care measures read the care book's figures for the metric's teams
 * (each person once across them); work measures add up the teams' month
 * figures, the same ones the team reports show.
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { primedMetricTeams, teams, type MetricKind } from "../../db/schema";
import { addMonths, formatMonthLong, monthOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";
import { careBookReady, careFiguresByAge, careFiguresByAgeReady } from "~/care/care-book.server";
import { careMonthFiguresByAge, careMonthsCounted, type CareBook } from "~/care/care-figures";
import { adultsIn, perHundredThousand, populationOfMonth } from "~/care/population";
import { listPopulation } from "~/care/population.server";
import { figuresByTeam } from "~/work-figures/report.server";
import type { MonthFigures, RouteFigures } from "~/work-figures/month-figures";
import { countedMeasureOf, type CountedMeasure } from "./counted-measures";
import type { MonthValue } from "./projection";
import { metricValues } from "./metrics.server";

export interface ScopeTeam {
  id: number;
  name: string;
  slug: string;
}

export interface CountedValues {
  measure: CountedMeasure;
  /** The teams counted; empty for the whole service. */
  teams: ScopeTeam[];
  values: MonthValue[];
  /** The months counted: from the baseline's first month to the last whole month before today. */
  from: IsoMonth;
  through: IsoMonth;
  /** Why some months have no value (a year without a population), in words. */
  gaps: string[];
}

/** The teams a counted metric counts, by name; none means the whole service. */
export function metricTeams(db: Db, metricId: number): ScopeTeam[] {
  return db
    .select({ id: teams.id, name: teams.name, slug: teams.slug })
    .from(primedMetricTeams)
    .innerJoin(teams, eq(teams.id, primedMetricTeams.teamId))
    .where(eq(primedMetricTeams.metricId, metricId))
    .orderBy(asc(teams.name))
    .all();
}

/** Every counted metric's teams at once (the list of metrics). */
export function teamsOfMetrics(db: Db, metricIds: readonly number[]): Map<number, ScopeTeam[]> {
  const byMetric = new Map<number, ScopeTeam[]>(metricIds.map((id) => [id, []]));
  if (metricIds.length === 0) return byMetric;
  const rows = db
    .select({ metricId: primedMetricTeams.metricId, id: teams.id, name: teams.name, slug: teams.slug })
    .from(primedMetricTeams)
    .innerJoin(teams, eq(teams.id, primedMetricTeams.teamId))
    .where(inArray(primedMetricTeams.metricId, [...metricIds]))
    .orderBy(asc(teams.name))
    .all();
  for (const { metricId, ...team } of rows) byMetric.get(metricId)?.push(team);
  return byMetric;
}

/** The months a counted metric shows: its baseline's first month to the last month that has ended. */
export function countedMonths(baselineFrom: IsoMonth, today: IsoDate): { from: IsoMonth; through: IsoMonth } {
  return { from: baselineFrom, through: addMonths(monthOf(today), -1) };
}

function addRoutes(into: Record<string, RouteFigures>, from: Record<string, RouteFigures>) {
  for (const [route, figures] of Object.entries(from)) {
    const sum = (into[route] ??= { received: 0, completed: 0, completedOnTime: 0, ledTo: {} });
    sum.received += figures.received;
    sum.completed += figures.completed;
    sum.completedOnTime += figures.completedOnTime;
    for (const [ledTo, n] of Object.entries(figures.ledTo)) sum.ledTo[ledTo] = (sum.ledTo[ledTo] ?? 0) + n;
  }
}

function addCounts(into: Record<string, number>, from: Record<string, number>) {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

const plus = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/**
 * Several teams' figures for one month, added up: every count adds, as each work item belongs to one team. The
 * median does not add, so it is left out (no counted measure reads it).
 */
export function addMonthFigures(month: IsoMonth, each: readonly MonthFigures[]): MonthFigures {
  const sum: MonthFigures = {
    month,
    kind: each[0]?.kind ?? "past",
    received: 0,
    allocated: 0,
    awaitingAllocation: 0,
    overdue: 0,
    due: 0,
    completed: 0,
    completedOnTime: 0,
    completedLate: 0,
    medianDaysToComplete: null,
    assessmentOutcomes: {},
    assessmentOutcomeGroups: {},
    requestsByRoute: {},
  };
  for (const f of each) {
    sum.received = plus(sum.received, f.received);
    sum.allocated = plus(sum.allocated, f.allocated);
    sum.awaitingAllocation = plus(sum.awaitingAllocation, f.awaitingAllocation);
    sum.overdue = plus(sum.overdue, f.overdue);
    sum.due += f.due;
    sum.completed = plus(sum.completed, f.completed);
    sum.completedOnTime = plus(sum.completedOnTime, f.completedOnTime);
    sum.completedLate = plus(sum.completedLate, f.completedLate);
    if (f.assessmentOutcomes && sum.assessmentOutcomes) addCounts(sum.assessmentOutcomes, f.assessmentOutcomes);
    else sum.assessmentOutcomes = null;
    if (f.assessmentOutcomeGroups && sum.assessmentOutcomeGroups) addCounts(sum.assessmentOutcomeGroups, f.assessmentOutcomeGroups);
    else sum.assessmentOutcomeGroups = null;
    if (f.requestsByRoute && sum.requestsByRoute) addRoutes(sum.requestsByRoute, f.requestsByRoute);
    else sum.requestsByRoute = null;
  }
  return sum;
}

function workValues(db: Db, measure: CountedMeasure & { from: "work" }, teamIds: readonly number[], months: IsoMonth[], asOf: IsoDate): (number | null)[] {
  const byTeam = figuresByTeam(db, months, asOf);
  const counted = teamIds.length === 0 ? [...byTeam.values()] : teamIds.map((id) => byTeam.get(id) ?? []);
  return months.map((month, i) => measure.value(addMonthFigures(month, counted.map((teamMonths) => teamMonths[i]!).filter(Boolean))));
}

/**
 * Counts the care figures of these metrics' counted care measures between requests (the care book read first, then
 * a month at a time): a page awaits this before reading their values, so it never holds the process for seconds.
 */
export async function countedValuesReady(
  db: Db,
  metrics: readonly { id: number; kind: MetricKind; countedMeasure: string | null; baselineFrom: IsoMonth }[],
  today: IsoDate,
): Promise<void> {
  const care = metrics.filter((m) => m.kind === "counted" && countedMeasureOf(m.countedMeasure)?.from === "care");
  if (care.length === 0) return;
  await careBookReady(db);
  for (const metric of care) {
    const { from, through } = countedMonths(metric.baselineFrom, today);
    if (from > through) continue;
    await careFiguresByAgeReady(
      db,
      metricTeams(db, metric.id).map((t) => t.id),
      { from, to: through, asOf: today },
    );
  }
}

/**
 * A counted metric's values, month by month, as of `today`. A month without a value (no placements to average, no
 * population for a per-100,000 figure) is left out, and `gaps` says why.
 */
export function countedValues(db: Db, metric: { id: number; countedMeasure: string | null; baselineFrom: IsoMonth }, today: IsoDate): CountedValues | null {
  const measure = countedMeasureOf(metric.countedMeasure);
  if (!measure) return null;
  const scopeTeams = metricTeams(db, metric.id);
  const teamIds = scopeTeams.map((t) => t.id);
  const { from, through } = countedMonths(metric.baselineFrom, today);
  const months = from <= through ? monthRange(from, through) : [];
  const gaps: string[] = [];
  let counts: (number | null)[];
  if (months.length === 0) counts = [];
  else if (measure.from === "work") counts = workValues(db, measure, teamIds, months, today);
  else {
    const figures = careFiguresByAge(db, teamIds, { from: months[0]!, to: months.at(-1)!, asOf: today });
    counts = figures.map((f) => (f ? measure.value(f) : null));
    const group = measure.perHundredThousand;
    if (group) {
      const population = listPopulation(db);
      const missingYears = new Set<number>();
      counts = counts.map((count, i) => {
        if (count === null) return null;
        const year = populationOfMonth(population, months[i]!);
        if (!year.ok) {
          missingYears.add(year.year);
          return null;
        }
        return perHundredThousand(count, adultsIn(year.population, group));
      });
      for (const year of missingYears)
        gaps.push(`No adult population is recorded for ${year}, so its months have no value. An administrator adds it under Administration, Population.`);
    }
  }
  const values = months.flatMap((month, i) => (counts[i] === null || counts[i] === undefined ? [] : [{ month, value: counts[i]! }]));
  if (months.length === 0) gaps.push(`The baseline starts in ${formatMonthLong(from)}, which has not ended yet: values appear once it has.`);
  return { measure, teams: scopeTeams, values, from, through, gaps };
}

/** A care measure's values for the whole service from a given book (the demo's, before its load commits). */
export function careMeasureValues(book: CareBook, measureKey: string, months: readonly IsoMonth[], asOf: IsoDate): MonthValue[] {
  const measure = countedMeasureOf(measureKey);
  if (measure?.from !== "care" || measure.perHundredThousand) throw new Error(`${measureKey} is not a care measure counted without a population`);
  const counts = careMonthsCounted(book, {}, months, asOf, careMonthFiguresByAge).map((f) => (f ? measure.value(f) : null));
  return months.flatMap((month, i) => (counts[i] === null || counts[i] === undefined ? [] : [{ month, value: counts[i]! }]));
}

/** A metric's values: counted from the data, or as people entered them. */
export function valuesOfMetric(db: Db, metric: { id: number; kind: MetricKind; countedMeasure: string | null; baselineFrom: IsoMonth }, today: IsoDate): MonthValue[] {
  if (metric.kind === "counted") return countedValues(db, metric, today)?.values ?? [];
  return metricValues(db, metric.id);
}
