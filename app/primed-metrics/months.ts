import type { IsoMonth } from "~/dates";

/** Months since year 0: the difference of two is the number of months between them. */
export function monthNumber(month: IsoMonth): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthsBetween(from: IsoMonth, to: IsoMonth): number {
  return monthNumber(to) - monthNumber(from);
}
