import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { comparableChange, isCountedOverTheMonth, isPartMonth } from "./part-month";

/** The figures the service overview can draw as each team's 12-month trend. */
export const trendFigures = ["overdue", "allocated", "awaitingAllocation", "completed", "onTime"] as const;
export type TrendFigure = (typeof trendFigures)[number];

export function trendValue(m: MonthFigures, figure: TrendFigure): number | null {
  return headlineValue(m, figure);
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
