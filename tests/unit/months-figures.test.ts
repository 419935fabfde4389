/*
 * computeMonthsFigures only skips items a month cannot count: its figures
 * must equal each month computed over every item, whatever the items and the
 * as-of date. Checked on random items, including contradictory ones (due
 * before received) that an import refuses but the definitions still cover.
 */
import { describe, expect, it } from "vitest";
import { addDays, addMonths, monthRange, type IsoDate } from "~/dates";
import type { MetricItem } from "~/work-figures/definitions";
import { computeMonthFigures, computeMonthsFigures } from "~/work-figures/month-figures";

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

function randomItems(seed: number, count: number): MetricItem[] {
  const pick = random(seed);
  const categories = ["request", "assessment", "review", "safeguarding"] as const;
  return Array.from({ length: count }, (_, id) => {
    const receivedOn = addDays("2025-01-01", pick(700)) as IsoDate;
    const dueOn = addDays(receivedOn, pick(60) - (pick(20) === 0 ? 30 : 0));
    const completedOn = pick(4) === 0 ? null : addDays(receivedOn, pick(120));
    const allocated = pick(3) !== 0;
    const outcome = completedOn && pick(2) === 0 ? ["NFA: Other", "Progress to reablement/ST-Max"][pick(2)]! : null;
    return {
      id,
      receivedOn,
      allocatedOn: allocated ? addDays(receivedOn, pick(10)) : null,
      workerId: allocated ? 1 + pick(5) : null,
      dueOn,
      completedOn,
      category: categories[pick(4)]!,
      outcome,
      outcomeGroup: outcome ? (outcome.startsWith("NFA") ? "No further action" : outcome) : null,
      routeOfAccess: [null, "Community / Other route", "Discharge from hospital"][pick(3)]!,
    };
  });
}

describe("the figures of a run of months", () => {
  it.each([1, 2, 3, 4, 5])("equal each month counted over every item (seed %i)", (seed) => {
    const items = randomItems(seed, 3_000);
    const pick = random(seed * 7);
    for (let trial = 0; trial < 4; trial += 1) {
      const asOf = addDays("2025-03-01", pick(800));
      const from = addMonths(asOf.slice(0, 7), -(1 + pick(14)));
      const months = monthRange(from, addMonths(asOf.slice(0, 7), pick(4)));
      expect(computeMonthsFigures(items, months, asOf)).toEqual(months.map((month) => computeMonthFigures(items, month, asOf)));
    }
  });
});
