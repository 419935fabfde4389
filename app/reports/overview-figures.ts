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
