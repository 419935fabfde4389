/*
 * Signal or noise on a team's (or one worker's) monthly series: the last
 * SIGNAL_MONTHS finished months counted by the one definitions module, read
 * by the statistics engine with the direction, target and recalculations
 * people have set. The month in progress is left out: half a month's
 * completions would look like a fall every time.
 */
import type { Db } from "../../db/connection";
import { addMonths, monthOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";
import type { MonthFigures } from "~/work-figures/month-figures";
import { remembered } from "~/work-figures/figures-cache.server";
import { figuresByTeam, monthlyFigures } from "~/work-figures/report.server";
import { outcomeGroupsSeen } from "~/reports/team-report";
import { careFigures, careFiguresByTeam } from "~/care/care-book.server";
import type { CareMonthRow } from "~/care/care-figures";
import { hasCareActivity, reportSeriesFor, reportSeriesOf, SIGNAL_MONTHS, type ReportSeries, type SeriesMonth } from "./report-series";
import { seriesSettingsOf, seriesSettingsVersion, type Recalculation, type SeriesSettings, type TargetInForce } from "./series-settings.server";
import { interpretSeries, SpcInputError, valuesByMonth, type SpcChart } from "./spc";
import type { ImprovementDirection } from "../../db/schema";
import type { SignalSummary } from "./signal-words";

export interface SeriesReading {
  series: Pick<ReportSeries, "key" | "label" | "measures" | "unit" | "defaultDirection">;
  direction: ImprovementDirection;
  target: TargetInForce | null;
  /** The months the chart's points stand for, oldest first. */
  months: IsoMonth[];
  chart: SpcChart | null;
  /** Why there is no chart at all, in words (no months with a value, a gap). */
  problem: string | null;
  recalculations: Recalculation[];
  /** Recalculations the chart could not show yet, and why. */
  recalculationNotes: string[];
}

export interface SignalScope {
  teamId: number;
  workerId?: number;
}

/** The finished months read for signals as of a date: the month before it and the SIGNAL_MONTHS - 1 before that. */
export function signalMonths(asOf: IsoDate): IsoMonth[] {
  const last = addMonths(monthOf(asOf), -1);
  return monthRange(addMonths(last, -(SIGNAL_MONTHS - 1)), last);
}

function readSeries(settings: SeriesSettings, series: ReportSeries, figures: readonly SeriesMonth[]): SeriesReading {
  const direction = settings.direction(series.key, series.defaultDirection);
  const recalculations = settings.recalculations(series.key);
  const described = { key: series.key, label: series.label, measures: series.measures, unit: series.unit, defaultDirection: series.defaultDirection };
  const base = { series: described, direction, recalculations, target: null, months: [], chart: null, recalculationNotes: [] };
  // A series starts at its first month with a value: a team set up last year has no figures before it.
  const pairs = figures.map((m) => ({ month: m.month, value: series.value(m) }));
  const first = pairs.findIndex((pair) => pair.value !== null);
  let lastIndex = pairs.length - 1;
  while (lastIndex >= 0 && pairs[lastIndex]!.value === null) lastIndex -= 1;
  if (first === -1) return { ...base, problem: `No month in the last ${SIGNAL_MONTHS} has a value to read.` };
  const present = pairs.slice(first, lastIndex + 1).filter((pair): pair is { month: IsoMonth; value: number } => pair.value !== null);
  try {
    const { values, firstMonth } = valuesByMonth(present);
    const months = monthRange(firstMonth!, present.at(-1)!.month);
    const recalculationNotes: string[] = [];
    const recalculateAt = recalculations.flatMap((r) => {
      const index = months.indexOf(r.month);
      if (index === months.length - 1) {
        recalculationNotes.push(`The limits start again from ${r.month}: they are drawn once a second month is in.`);
        return [];
      }
      return index > 0 ? [index] : [];
    });
    const target = settings.target(series.key, months.at(-1)!, series.unit === "percent");
    const chart = interpretSeries({ values, direction, target: target?.value ?? null, recalculateAt });
    return { ...base, target, months, chart, problem: null, recalculationNotes };
  } catch (error) {
    if (error instanceof SpcInputError) {
      return { ...base, problem: `Some months have no value, so limits cannot be drawn: ${error.message}.` };
    }
    throw error;
  }
}

/** The months read for signals when a report shows `month`: those ending with it, or with the last finished month before `asOf`. */
export function signalMonthsFor(month: IsoMonth, asOf: IsoDate): IsoMonth[] {
  const lastFinished = addMonths(monthOf(asOf), -1);
  const last = month < lastFinished ? month : lastFinished;
  return monthRange(addMonths(last, -(SIGNAL_MONTHS - 1)), last);
}

/** The work figures with each month's care figures beside them. */
function withCare(figures: MonthFigures[], care: readonly CareMonthRow[]): SeriesMonth[] {
  const byMonth = new Map(care.map((row) => [row.month, row]));
  return figures.map((m) => ({ ...m, care: byMonth.get(m.month) ?? null }));
}

function figuresFor(db: Db, scope: SignalScope, asOf: IsoDate): SeriesMonth[] {
  const months = signalMonths(asOf);
  const range = { from: months[0]!, to: months.at(-1)!, asOf };
  return withCare(monthlyFigures(db, scope, range), careFigures(db, { teamId: scope.teamId, workerId: scope.workerId }, range));
}

function readAll(settings: SeriesSettings, figures: SeriesMonth[]): SeriesReading[] {
  return reportSeriesFor(outcomeGroupsSeen(figures), hasCareActivity(figures)).map((series) => readSeries(settings, series, figures));
}

/** Every series of the team's (or worker's) report, read for signals. */
export function seriesReadings(db: Db, scope: SignalScope, asOf: IsoDate): SeriesReading[] {
  return remembered(db, `signals|${scope.teamId}|${scope.workerId ?? ""}|${asOf}|${seriesSettingsVersion(db)}`, () =>
    readAll(seriesSettingsOf(db, scope.teamId, scope.workerId), figuresFor(db, scope, asOf)),
  );
}

/** One series read for signals, or undefined when the key names no series this report has. */
export function seriesReading(db: Db, scope: SignalScope, asOf: IsoDate, key: string): SeriesReading | undefined {
  const figures = figuresFor(db, scope, asOf);
  const series =
    reportSeriesFor(outcomeGroupsSeen(figures), hasCareActivity(figures)).find((s) => s.key === key) ??
    (key.startsWith("care:") ? undefined : reportSeriesOf(key, outcomeGroupsSeen(figures)));
  return series && readSeries(seriesSettingsOf(db, scope.teamId, scope.workerId), series, figures);
}

/** Every team's series read for signals over the same months, from one read of every team's figures (the service overview). */
export function readingsByTeam(db: Db, teamIds: readonly number[], months: readonly IsoMonth[], asOf: IsoDate): Map<number, SeriesReading[]> {
  return remembered(db, `signals-by-team|${teamIds.join(",")}|${months.join(",")}|${asOf}|${seriesSettingsVersion(db)}`, () => {
    const byTeam = figuresByTeam(db, months, asOf);
    const careByTeam = careFiguresByTeam(db, teamIds, months, asOf);
    return new Map(teamIds.map((teamId) => [teamId, readAll(seriesSettingsOf(db, teamId), withCare(byTeam.get(teamId) ?? [], careByTeam.get(teamId) ?? []))]));
  });
}

const sideOf = (point: { value: number; mean: number }) => Math.sign(point.value - point.mean);

/** The latest point of a reading, for the report's summary and the prompt sheet; null without a chart. */
export function signalSummaryOf(reading: SeriesReading): SignalSummary | null {
  const { chart } = reading;
  const last = chart?.points.at(-1);
  if (!chart || !last) return null;
  let runLength = 1;
  while (
    runLength < chart.points.length &&
    last.classification !== "common_cause" &&
    chart.points[chart.points.length - 1 - runLength]!.classification === last.classification &&
    sideOf(chart.points[chart.points.length - 1 - runLength]!) === sideOf(last)
  ) {
    runLength += 1;
  }
  return {
    label: reading.series.label,
    unit: reading.series.unit,
    direction: reading.direction,
    month: reading.months.at(-1)!,
    value: last.value,
    mean: last.mean,
    variationIcon: chart.variationIcon,
    runLength,
    high: last.high,
    low: last.low,
  };
}
