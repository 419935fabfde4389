import type { CareMonthFigures, CareMonthRow } from "~/care/care-figures";
import { toPence } from "~/care/service-types";
import type { MonthKind } from "~/work-figures/definitions";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { admissionsTotal, reviewedShare } from "./care-report";
import type { ExceptionMonth } from "./exceptions";
import { comparableChange, isCountedOverTheMonth, isPartMonth } from "./part-month";

/** The figures the service overview can draw as each team's 12-month trend. */
export const trendFigures = [
  "overdue",
  "allocated",
  "awaitingAllocation",
  "completed",
  "onTime",
  "longTermCost",
  "residential",
  "nursing",
  "admissions",
  "reviewedShare",
  "reviewsOverdue",
] as const;
export type TrendFigure = (typeof trendFigures)[number];

export function trendValue(m: ExceptionMonth, figure: TrendFigure): number | null {
  return isCareFigure(figure) ? careValue(careHeadlineOf(m.care), figure) : headlineValue(m, figure);
}

/** The figures of a month the overview shows for a team: all a page needs, not the whole month. */
export type Headline = Pick<MonthFigures, "allocated" | "awaitingAllocation" | "overdue" | "due" | "completed" | "completedOnTime">;

export function headlineOf(m: MonthFigures): Headline {
  return {
    allocated: m.allocated,
    awaitingAllocation: m.awaitingAllocation,
    overdue: m.overdue,
    due: m.due,
    completed: m.completed,
    completedOnTime: m.completedOnTime,
  };
}

/** The overview's headline figures with their changes; on time is in percentage points. */
export const headlineFigures = ["allocated", "awaitingAllocation", "overdue", "due", "completed", "onTime"] as const;
export type HeadlineFigure = (typeof headlineFigures)[number];

/** A figure's change on the month before and on the same month a year before. */
export interface HeadlineChange {
  previous: number | null;
  lastYear: number | null;
  /** True when the month shown is a part month and the figure is counted over its days: not compared (./part-month.ts). */
  notCompared: boolean;
}

function headlineValue(m: MonthFigures, figure: HeadlineFigure): number | null {
  if (figure === "onTime") {
    const rate = timeliness(m);
    return rate === null ? null : Math.round(rate * 100);
  }
  return m[figure];
}

/** Each headline figure's changes, by the part-month rule: a part month's flows are not compared with whole months. */
export function headlineChanges(now: MonthFigures, previous: MonthFigures, lastYear: MonthFigures): Record<HeadlineFigure, HeadlineChange> {
  const value = (figure: HeadlineFigure) => ({ value: headlineValue(now, figure), kind: now.kind });
  return Object.fromEntries(
    headlineFigures.map((figure) => [
      figure,
      {
        previous: comparableChange(figure, value(figure), headlineValue(previous, figure)),
        lastYear: comparableChange(figure, value(figure), headlineValue(lastYear, figure)),
        notCompared: isPartMonth(now) && isCountedOverTheMonth(figure),
      },
    ]),
  ) as Record<HeadlineFigure, HeadlineChange>;
}

/**
 * The care figures the overview shows for a team (docs/definitions.md#care-and-support-and-what-it-costs):
 * the weekly cost of long-term support and the people in residential and in nursing care at the month's end,
 * admissions to either in the month, the share of long-term clients reviewed in the last 12 months and the reviews overdue.
 */
export const careHeadlineFigures = ["longTermCost", "residential", "nursing", "admissions", "reviewedShare", "reviewsOverdue"] as const;
export type CareHeadlineFigure = (typeof careHeadlineFigures)[number];

/** A month's care figures as the overview shows them: pounds a week, people, and the share reviewed from 0 to 1 (null with no long-term clients). */
export type CareHeadline = Record<CareHeadlineFigure, number | null>;

export function isCareFigure(figure: string): figure is CareHeadlineFigure {
  return (careHeadlineFigures as readonly string[]).includes(figure);
}

/** A month's care figures, or null without them (a month after the as-of month). */
export function careFiguresOf(row: CareMonthRow | undefined): CareMonthFigures | null {
  return row && row.longTermPeople !== null ? (row as CareMonthFigures) : null;
}

export function careHeadlineOf(row: CareMonthRow | undefined): CareHeadline {
  const m = careFiguresOf(row);
  return {
    longTermCost: m?.weeklyCost.longTerm ?? null,
    residential: m?.longTermPeople.residential ?? null,
    nursing: m?.longTermPeople.nursing ?? null,
    admissions: m ? admissionsTotal(m) : null,
    reviewedShare: m ? reviewedShare(m) : null,
    reviewsOverdue: m?.reviewsOverdue ?? null,
  };
}

/** A care figure as it is compared: the share reviewed in whole percentage points, as on time is. */
function careValue(h: CareHeadline, figure: CareHeadlineFigure): number | null {
  const value = h[figure];
  if (value === null) return null;
  return figure === "reviewedShare" ? Math.round(value * 100) : value;
}

/**
 * Each care figure's changes, by the part-month rule: people, money and reviews are taken on a day, so a
 * part month is compared; admissions are counted over the month, so a part month's are not. Money to the penny.
 */
export function careHeadlineChanges(now: CareHeadline, kind: MonthKind, previous: CareHeadline, lastYear: CareHeadline): Record<CareHeadlineFigure, HeadlineChange> {
  const changeOn = (figure: CareHeadlineFigure, then: CareHeadline) => {
    const change = comparableChange(figure, { value: careValue(now, figure), kind }, careValue(then, figure));
    return change === null ? null : toPence(change);
  };
  return Object.fromEntries(
    careHeadlineFigures.map((figure) => [
      figure,
      { previous: changeOn(figure, previous), lastYear: changeOn(figure, lastYear), notCompared: isPartMonth({ kind }) && isCountedOverTheMonth(figure) },
    ]),
  ) as Record<CareHeadlineFigure, HeadlineChange>;
}
