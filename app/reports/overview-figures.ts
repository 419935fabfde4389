import { timeliness, type MonthFigures } from "~/metrics/month-figures";

/** The figures the service overview can draw as each team's 12-month trend. */
export const trendFigures = ["overdue", "allocated", "awaitingAllocation", "completed", "onTime"] as const;
export type TrendFigure = (typeof trendFigures)[number];

export function trendValue(m: MonthFigures, figure: TrendFigure): number | null {
  if (figure === "onTime") {
    const rate = timeliness(m);
    return rate === null ? null : Math.round(rate * 100);
  }
  return m[figure];
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
