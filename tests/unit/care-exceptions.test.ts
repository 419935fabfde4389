/*
 * The service overview's two care exceptions (app/reports/exceptions.ts):
 * admissions to residential or nursing care up three months running (counted
 * over the month: silent on a part month), and the share of long-term clients
 * reviewed in the last 12 months below PRIMED_REVIEWED_TARGET (taken on a day:
 * "so far" on a part month; never for a team with no long-term clients).
 */
import { describe, expect, it } from "vitest";
import type { CareMonthFigures } from "~/care/care-figures";
import { emptyCareMonth } from "~/care/care-figures";
import { monthRange, type IsoDate, type IsoMonth } from "~/dates";
import { exceptionsFor, type ExceptionMonth } from "~/reports/exceptions";
import { computeMonthFigures } from "~/work-figures/month-figures";

const settings = { timelinessTarget: 0.8, reviewedTarget: 0.9 };

function care(month: IsoMonth, figures: Partial<Omit<CareMonthFigures, "month">> = {}): CareMonthFigures {
  return {
    month,
    longTermPeople: { nursing: 0, residential: 0, community: 0, prison: 0 },
    weeklyCost: { longTerm: 0, shortTerm: 0, carer: 0 },
    costNotKnown: 0,
    started: 0,
    startedWeeklyCost: 0,
    oneOffCost: 0,
    ended: 0,
    endedWeeklyCost: 0,
    admissions: { "18-64": 0, "65+": 0, unknown: 0 },
    averagePlacementCost: { residential: null, nursing: null },
    reviewsCosted: 0,
    reviewsTooRecent: 0,
    reviewCostChange: 0,
    reviewsReduced: 0,
    reviewsIncreased: 0,
    reviewsUnchanged: 0,
    longTermClients: 0,
    reviewedInLast12Months: 0,
    reviewsOverdue: 0,
    ...figures,
  };
}

/** A team's months from `from` to `to` as of `asOf`, with no work and the care figures `careOf` gives each. */
function months(from: IsoMonth, to: IsoMonth, asOf: IsoDate, careOf: (month: IsoMonth, i: number) => CareMonthFigures): ExceptionMonth[] {
  return monthRange(from, to).map((month, i) => ({ ...computeMonthFigures([], month, asOf), care: careOf(month, i) }));
}

const admitted = (counts: number[]) => (month: IsoMonth, i: number) => care(month, { admissions: { "18-64": 0, "65+": counts[i] ?? 0, unknown: 0 } });
const keys = (ms: ExceptionMonth[]) => exceptionsFor(ms, settings).map((e) => e.key);

describe("admissions rising", () => {
  it("fires when admissions to residential or nursing care rose three months running, and says the months", () => {
    const ms = months("2026-02", "2026-05", "2026-06-30", (month, i) =>
      care(month, { admissions: { "18-64": i === 3 ? 1 : 0, "65+": [0, 1, 1, 2][i]!, unknown: i === 2 ? 1 : 0 } }),
    );
    const fired = exceptionsFor(ms, settings).find((e) => e.key === "admissions-rising");
    expect(fired).toEqual({
      key: "admissions-rising",
      label: "Admissions rising",
      reason: "Admissions to residential or nursing care rose three months running: Feb 2026 0, Mar 2026 1, Apr 2026 2, May 2026 3.",
    });
  });

  it("does not fire when a month held steady or fell, or with fewer than four months", () => {
    expect(keys(months("2026-02", "2026-05", "2026-06-30", admitted([1, 2, 2, 3])))).not.toContain("admissions-rising");
    expect(keys(months("2026-02", "2026-05", "2026-06-30", admitted([1, 2, 3, 1])))).not.toContain("admissions-rising");
    expect(keys(months("2026-03", "2026-05", "2026-06-30", admitted([1, 2, 3])))).not.toContain("admissions-rising");
  });

  it("does not fire without care figures", () => {
    const ms = months("2026-02", "2026-05", "2026-06-30", (month) => emptyCareMonth(month) as CareMonthFigures);
    expect(keys(ms)).not.toContain("admissions-rising");
    expect(keys(monthRange("2026-02", "2026-05").map((month) => computeMonthFigures([], month, "2026-06-30")))).toEqual([]);
  });

  it("is silent on a part month: a few days' admissions are not a month's", () => {
    // June is the month so far (as of 10 June): rising all the same, but not judged.
    const ms = months("2026-03", "2026-06", "2026-06-10", admitted([0, 1, 2, 3]));
    expect(ms.at(-1)!.kind).toBe("current");
    expect(keys(ms)).not.toContain("admissions-rising");
    // The same figures as a whole month fire.
    expect(keys(months("2026-03", "2026-06", "2026-07-10", admitted([0, 1, 2, 3])))).toContain("admissions-rising");
  });
});

describe("reviews below target", () => {
  const reviewed = (clients: number, reviewedInLast12Months: number) => (month: IsoMonth) => care(month, { longTermClients: clients, reviewedInLast12Months });

  it("fires when the share of long-term clients reviewed in the last 12 months is below the target, with the share and the target", () => {
    const fired = exceptionsFor(months("2026-03", "2026-05", "2026-06-30", reviewed(3, 1)), settings).find((e) => e.key === "reviewed-below-target");
    expect(fired).toEqual({
      key: "reviewed-below-target",
      label: "Reviews below target",
      reason: "33% of long-term clients reviewed in the last 12 months in May 2026, below the target of 90%.",
    });
  });

  it("does not fire at or above the target, and follows the target set", () => {
    expect(keys(months("2026-03", "2026-05", "2026-06-30", reviewed(10, 9)))).not.toContain("reviewed-below-target");
    expect(keys(months("2026-03", "2026-05", "2026-06-30", reviewed(10, 10)))).not.toContain("reviewed-below-target");
    const ms = months("2026-03", "2026-05", "2026-06-30", reviewed(10, 7));
    expect(exceptionsFor(ms, { ...settings, reviewedTarget: 0.7 }).map((e) => e.key)).not.toContain("reviewed-below-target");
    expect(exceptionsFor(ms, { ...settings, reviewedTarget: 0.75 }).map((e) => e.key)).toContain("reviewed-below-target");
  });

  it("never says a share below the target is the target: 89.6% is not '90%, below the target of 90%'", () => {
    const fired = exceptionsFor(months("2026-03", "2026-05", "2026-06-30", reviewed(1000, 896)), settings).find((e) => e.key === "reviewed-below-target");
    expect(fired?.reason).toBe("89.6% of long-term clients reviewed in the last 12 months in May 2026, below the target of 90%.");
  });

  it("never fires for a team with no long-term clients", () => {
    expect(keys(months("2026-03", "2026-05", "2026-06-30", reviewed(0, 0)))).not.toContain("reviewed-below-target");
    expect(exceptionsFor(months("2026-03", "2026-05", "2026-06-30", reviewed(0, 0)), { ...settings, reviewedTarget: 1 })).toEqual([]);
  });

  it("judges a part month on the as-of date, and says it is so far", () => {
    const fired = exceptionsFor(months("2026-04", "2026-06", "2026-06-10", reviewed(4, 1)), settings).find((e) => e.key === "reviewed-below-target");
    expect(fired).toEqual({
      key: "reviewed-below-target",
      label: "Reviews below target (so far)",
      reason: "25% of long-term clients reviewed in the last 12 months in Jun 2026 so far, below the target of 90%.",
    });
  });
});

describe("on time below target (the same rounding)", () => {
  it("never says a rate below the target is the target", () => {
    const ms: ExceptionMonth[] = monthRange("2026-03", "2026-05").map((month) => ({ ...computeMonthFigures([], month, "2026-06-30"), completed: 1000, completedOnTime: 796 }));
    expect(exceptionsFor(ms, settings).find((e) => e.key === "timeliness-below-target")?.reason).toBe("79.6% completed on time in May 2026, below the target of 80%.");
    const lower = ms.map((m) => ({ ...m, completedOnTime: 780 }));
    expect(exceptionsFor(lower, settings).find((e) => e.key === "timeliness-below-target")?.reason).toBe("78% completed on time in May 2026, below the target of 80%.");
  });
});
