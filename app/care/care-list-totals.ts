/*
 * What a care list adds up to, said above it: how many people, services or
 * reviews it has and, for a list behind a figure of money, that money. Worked
 * out from the list's own rows, so the page shows what its rows add up to;
 * the tests check that this is the report's figure, to the penny.
 */
import type { CareFigureKey, CareList } from "./care-lists";
import { toPence } from "./service-types";

export interface CareListTotals {
  count: number;
  /** "14 people", "1 service", "5 reviews". */
  countText: string;
  /** The money the figure gives, in pounds to the penny; null for a list of people or counts only. */
  money: { label: string; pounds: number } | null;
}

/** Lists whose rows are people (one service or client row each), not services. */
const peopleLists: ReadonlySet<CareFigureKey> = new Set([
  "people-nursing",
  "people-residential",
  "people-community",
  "people-prison",
  "admissions-18-64",
  "admissions-65-plus",
  "admissions-unknown",
]);

const moneyLabels: Partial<Record<CareFigureKey, string>> = {
  "cost-long-term": "Weekly cost",
  "cost-short-term": "Weekly cost",
  "cost-carer": "Weekly cost",
  started: "Their weekly cost",
  ended: "Their weekly cost",
  "one-off": "One-off costs",
  "placements-residential": "Average weekly cost of a placement",
  "placements-nursing": "Average weekly cost of a placement",
  "reviews-costed": "Change in weekly cost",
  "reviews-reduced": "Change in weekly cost",
  "reviews-increased": "Change in weekly cost",
  "reviews-unchanged": "Change in weekly cost",
};

function counted(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}

function moneyOf(figure: CareFigureKey, list: CareList): number | null {
  // Summed exactly and rounded once, as the figure is: rounding each row first could be pennies out.
  let sum = 0;
  if (list.kind === "services") {
    if (figure === "one-off") for (const row of list.rows) sum += row.oneOffCost ?? 0;
    else for (const row of list.rows) sum += row.weeklyCost;
    if (figure === "placements-residential" || figure === "placements-nursing") return list.rows.length === 0 ? null : toPence(sum / list.rows.length);
    return toPence(sum);
  }
  if (list.kind === "reviews") {
    for (const row of list.rows) sum += row.change ?? 0;
    return toPence(sum);
  }
  return null;
}

export function careListTotals(figure: CareFigureKey, list: CareList): CareListTotals {
  const count = list.rows.length;
  const countText =
    list.kind === "services" && !peopleLists.has(figure)
      ? counted(count, "service", "services")
      : list.kind === "reviews"
        ? counted(count, "review", "reviews")
        : counted(count, "person", "people");
  const label = moneyLabels[figure];
  const pounds = label ? moneyOf(figure, list) : null;
  return { count, countText, money: label && pounds !== null ? { label, pounds } : null };
}
