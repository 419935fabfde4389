/*
 * Properties of the SPC engine that hold for any series, checked on random
 * ones. Values are whole numbers so that exact arithmetic questions (is this
 * point on the mean?) have exact answers; scaling uses powers of two, which
 * floating point multiplies without rounding, so "the same rules" can be
 * asserted exactly rather than "nearly the same rules".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { interpretSeries, type Direction, type SpcChart, type SpcRequest, type SpcSettings } from "~/interpretation/spc";

const direction = fc.constantFrom<Direction>("up", "down", "neither");
const settings: fc.Arbitrary<Partial<SpcSettings>> = fc.record({
  shiftPoints: fc.integer({ min: 6, max: 8 }),
  trendPoints: fc.integer({ min: 6, max: 8 }),
  screenOutliers: fc.boolean(),
  twoSigmaIncludesBeyondLimits: fc.boolean(),
  trendCrossesRecalculation: fc.boolean(),
  conflict: fc.constantFrom("improvement" as const, "concern" as const),
});

const length = { minLength: 13, maxLength: 40 };
/** Noise alone rarely fires a rule, so drifting series (trends, shifts, conflicts) and small counts (ties, points on the mean) too. */
const series = fc.oneof(
  fc.array(fc.integer({ min: -500, max: 500 }), length),
  fc.array(fc.integer({ min: -20, max: 30 }), length).map((steps) => steps.map((_, index) => steps.slice(0, index + 1).reduce((a, b) => a + b, 0))),
  fc.array(fc.integer({ min: 0, max: 4 }), length),
);

/** A series long enough for limits, sometimes recalculated once, with a direction and a target. */
const request: fc.Arbitrary<SpcRequest & { values: number[] }> = series.chain((values) =>
  fc.record({
    values: fc.constant(values),
    direction,
    target: fc.option(fc.integer({ min: -800, max: 800 }), { nil: null }),
    recalculateAt: fc.option(fc.integer({ min: 2, max: values.length - 2 }), { nil: null }).map((at) => (at === null ? [] : [at])),
    settings,
  }),
);

const rulesOf = (chart: SpcChart) => chart.points.map(({ high, low }) => ({ high, low }));
const classificationsOf = (chart: SpcChart) => chart.points.map((point) => point.classification);
const closeTo = (actual: number, expected: number) => Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

describe("SPC engine properties", () => {
  it("always gives a chart that survives JSON (no NaN or Infinity)", () => {
    fc.assert(
      fc.property(request, (asked) => {
        const chart = interpretSeries(asked);
        expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
        expect(chart.points).toHaveLength(asked.values.length);
      }),
    );
  });

  it("puts the limits and two-sigma lines symmetrically about the mean", () => {
    fc.assert(
      fc.property(request, (asked) => {
        const chart = interpretSeries(asked);
        for (const section of chart.sections) {
          expect(closeTo(section.upl - section.mean, section.mean - section.lpl)).toBe(true);
          expect(section.upl).toBeGreaterThanOrEqual(section.mean);
        }
        for (const point of chart.points.filter((point) => point.upl !== null)) {
          expect(closeTo(point.upperTwoSigma! - point.mean, point.mean - point.lowerTwoSigma!)).toBe(true);
          expect(closeTo((point.upperTwoSigma! - point.mean) * 3, (point.upl! - point.mean) * 2)).toBe(true);
        }
      }),
    );
  });

  it("scales the mean and limits with the values and keeps every rule (exactly, for powers of two)", () => {
    fc.assert(
      fc.property(request, fc.integer({ min: -3, max: 3 }), (asked, power) => {
        const factor = 2 ** power;
        const original = interpretSeries(asked);
        const scaled = interpretSeries({ ...asked, values: asked.values.map((value) => value * factor), target: asked.target == null ? null : asked.target * factor });
        expect(scaled.sections).toEqual(
          original.sections.map((section) => ({
            ...section,
            mean: section.mean * factor,
            movingRangeMean: section.movingRangeMean * factor,
            upl: section.upl * factor,
            lpl: section.lpl * factor,
          })),
        );
        expect(rulesOf(scaled)).toEqual(rulesOf(original));
        expect(classificationsOf(scaled)).toEqual(classificationsOf(original));
        expect([scaled.limitsShown, scaled.variationIcon, scaled.assuranceIcon]).toEqual([original.limitsShown, original.variationIcon, original.assuranceIcon]);
      }),
    );
  });

  it("scales the mean and limits with any positive factor, to rounding", () => {
    fc.assert(
      fc.property(request, fc.double({ min: 0.001, max: 1000, noNaN: true }), (asked, factor) => {
        const original = interpretSeries(asked);
        const scaled = interpretSeries({ ...asked, values: asked.values.map((value) => value * factor) });
        original.sections.forEach((section, index) => {
          const after = scaled.sections[index]!;
          for (const line of ["mean", "movingRangeMean", "upl", "lpl"] as const) {
            expect(Math.abs(after[line] - section[line] * factor)).toBeLessThanOrEqual(1e-9 * factor * (Math.abs(section[line]) + 500));
          }
        });
      }),
    );
  });

  it("moves the mean and limits with a constant added and keeps every rule", () => {
    fc.assert(
      fc.property(request, fc.integer({ min: -10_000, max: 10_000 }), (asked, shift) => {
        const original = interpretSeries(asked);
        // A point within rounding of a limit could honestly fall either side of it once shifted.
        fc.pre(
          original.points.every((point) => [point.upl, point.lpl, point.upperTwoSigma, point.lowerTwoSigma].every((line) => line === null || Math.abs(point.value - line) > 1e-6)),
        );
        const moved = interpretSeries({ ...asked, values: asked.values.map((value) => value + shift), target: asked.target == null ? null : asked.target + shift });
        original.sections.forEach((section, index) => {
          const after = moved.sections[index]!;
          expect(after.movingRangeMean).toBe(section.movingRangeMean);
          for (const line of ["mean", "upl", "lpl"] as const) expect(Math.abs(after[line] - (section[line] + shift))).toBeLessThanOrEqual(1e-9);
        });
        expect(rulesOf(moved)).toEqual(rulesOf(original));
        expect(classificationsOf(moved)).toEqual(classificationsOf(original));
        expect([moved.limitsShown, moved.variationIcon]).toEqual([original.limitsShown, original.variationIcon]);
      }),
    );
  });

  it("swaps improvement and concern when the direction is reversed (and the conflict setting with it)", () => {
    const swapped = { improvement: "concern", concern: "improvement", neither: "neither", common_cause: "common_cause" } as const;
    const swappedIcon = (icon: string | null) => icon?.replace(/^(improvement|concern)/, (word) => (word === "improvement" ? "concern" : "improvement")) ?? null;
    const swappedAssurance = { pass: "fail", fail: "pass", hit_or_miss: "hit_or_miss" } as const;
    fc.assert(
      fc.property(request, fc.constantFrom<Direction>("up", "down"), (asked, way) => {
        const conflict = asked.settings?.conflict ?? "improvement";
        const reversed = interpretSeries({
          ...asked,
          direction: way === "up" ? "down" : "up",
          // Without this a point that is both would stay "improvement" both ways round.
          settings: { ...asked.settings, conflict: conflict === "improvement" ? "concern" : "improvement" },
        });
        const original = interpretSeries({ ...asked, direction: way });
        expect(rulesOf(reversed)).toEqual(rulesOf(original));
        expect(classificationsOf(reversed)).toEqual(classificationsOf(original).map((classification) => swapped[classification]));
        expect(reversed.variationIcon).toBe(swappedIcon(original.variationIcon));
        expect(reversed.assuranceIcon).toBe(original.assuranceIcon === null ? null : swappedAssurance[original.assuranceIcon]);
      }),
    );
  });

  it("reads a mirrored series with the opposite direction the same way, high and low swapped", () => {
    fc.assert(
      fc.property(request, (asked) => {
        const opposite = { up: "down", down: "up", neither: "neither" } as const;
        const original = interpretSeries(asked);
        const mirrored = interpretSeries({
          ...asked,
          values: asked.values.map((value) => -value),
          direction: opposite[asked.direction ?? "neither"],
          target: asked.target == null ? null : -asked.target,
        });
        expect(mirrored.points.map(({ high, low }) => ({ high: low, low: high }))).toEqual(rulesOf(original));
        expect(classificationsOf(mirrored)).toEqual(classificationsOf(original));
        expect(mirrored.assuranceIcon).toBe(original.assuranceIcon);
      }),
    );
  });

  it("gives a run chart without limits, rules or icons below the minimum number of points", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 12 }), direction, fc.integer(), (values, way, target) => {
        const chart = interpretSeries({ values, direction: way, target });
        expect(chart.limitsShown).toBe(false);
        expect(chart.whyNoLimits).toBe("fewer than 13 points: a run chart (limits from so few points would mislead)");
        expect(chart.points.every((point) => point.upl === null && point.upperTwoSigma === null && point.classification === "common_cause")).toBe(true);
        expect(chart.points.every((point) => point.high.length === 0 && point.low.length === 0 && point.mean === chart.sections[0]!.mean)).toBe(true);
        expect([chart.variationIcon, chart.assuranceIcon]).toEqual([null, null]);
      }),
    );
  });

  it("gives no limits for a flat series, and says the values do not vary", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 13, max: 60 }), direction, (value, count, way) => {
        const chart = interpretSeries({ values: new Array<number>(count).fill(value), direction: way, target: 0 });
        expect(chart.limitsShown).toBe(false);
        expect(chart.whyNoLimits).toMatch(/the values do not vary \(every moving range is 0\)/);
        expect(chart.points.every((point) => point.upl === null && point.high.length === 0 && point.low.length === 0)).toBe(true);
        expect([chart.variationIcon, chart.assuranceIcon]).toEqual([null, null]);
      }),
    );
  });
});
