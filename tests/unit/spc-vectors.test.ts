/*
 * Every vector in tests/fixtures/spc-reference-vectors.json (each names its
 * source repository, path and commit) through the
 * engine. The file is iterated, not picked from: a vector, a computed result,
 * a published statement or a rule helper added later fails here until the
 * test knows how to run it.
 *
 * MDC vectors run with the defaults. NHSRplotthedots ("ptd") vectors run with
 * the settings that package assumes; its one-label-per-point presentation is
 * rebuilt from our per-side rule sets by its priority (outside limits > trend
 * > two in three > shift), which is a difference of display, not of rules.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultSpcSettings, interpretSeries, type Direction, type SpcChart, type SpcSettings } from "~/interpretation/spc";
import { findSpecialCauses, runsOfSteps, runsOnOneSide, twoOfThreeBeyondTwoSigma, type Side, type SideMarks } from "~/interpretation/spc-rules";
import { valuesByMonth } from "~/interpretation/spc-months";

/* eslint-disable @typescript-eslint/no-explicit-any -- the fixture is free-form JSON, read field by field */
type Json = any;

const file: Json = JSON.parse(readFileSync(new URL("../fixtures/spc-reference-vectors.json", import.meta.url), "utf8"));
const vectors: Json[] = [...file.primary_vectors, ...file.supplementary_vectors_computed_only];

/** NHSRplotthedots 0.2.2's defaults in our settings. It has no minimum number of points (it only warns). */
function ptdSettings(screenOutliers: boolean): Partial<SpcSettings> {
  return { shiftPoints: 7, trendPoints: 7, screenOutliers, twoSigmaIncludesBeyondLimits: false, trendCrossesRecalculation: false, minimumPoints: 2 };
}

/** Where the reference and docs/definitions.md#signal-or-noise disagree: the test asserts the definitions and says why. */
const methodDisagreements: Record<string, string> = {
  "V5_limits_and_degenerate_case/degenerate_ptd":
    "NHSRplotthedots screens out the only non-zero moving range of [1,1,1,1,2], leaving limits of zero width (mean = LPL = UPL = 1.2), " +
    "then flags every point as outside them. docs/definitions.md#limits: a mean moving range of 0 means the limits are not meaningful; " +
    "show the run chart, no rules and no icons, and say why.",
};

const near = (actual: number | null | undefined, expected: number, places = 6) => expect(actual).toBeCloseTo(expected, places);
/** Published figures are rounded to 2 d.p.: allow half a unit in the last place. */
const nearPublished = (actual: number | null | undefined, expected: number) => expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(0.005 + 1e-9);

function directionFor(vector: Json, key: string): Direction {
  if (/(^|_)Up$/.test(key) || /increase/.test(key)) return "up";
  if (/(^|_)Down$/.test(key) || /decrease/.test(key)) return "down";
  if (/(^|_)Neither$/.test(key)) return "neither";
  const stated = vector.input.improvement ?? vector.input.improvement_direction;
  if (stated === "Up" || stated === "increase") return "up";
  if (stated === "Down" || stated === "decrease") return "down";
  if (stated === "Neither") return "neither";
  if (stated === undefined) return "neither"; // e.g. V7: only limits and run-chart behaviour, which no direction changes
  throw new Error(`${vector.id}/${key}: improvement direction "${stated}" not understood`);
}

function valuesFor(vector: Json, key: string, expectedCount: number, expectedMean: number): number[] {
  const input = vector.input;
  if (Array.isArray(input.values)) return input.values;
  if (Array.isArray(input[`values_${key}`])) return input[`values_${key}`];
  if (input.values_12_vs_13?.[key]) return input.values_12_vs_13[key];
  // V5 lists several series; the computed one is the series with its count and mean.
  const matching = (input.cases ?? []).find(
    (series: number[]) => series.length === expectedCount && Math.abs(series.reduce((a, b) => a + b, 0) / series.length - expectedMean) < 1e-9,
  );
  if (matching) return matching;
  throw new Error(`${vector.id}/${key}: cannot tell which values this result was computed from`);
}

function settingsFor(key: string, style: "mdc" | "ptd"): Partial<SpcSettings> {
  if (style === "mdc") return {};
  return ptdSettings(!/screen_outliers=FALSE|screen_false/i.test(key));
}

/** "Improvement (High)" -> "improvement_high"; "Common Cause" -> "common_cause". */
function iconName(display: string | null): string | null {
  return display === null ? null : display.toLowerCase().replace(/[()]/g, "").trim().replace(/\s+/g, "_");
}

/** NHSRplotthedots' one label per point, from our rule sets, by its priority. */
function ptdLabels(chart: SpcChart, settings: Partial<SpcSettings>): string[] {
  return chart.points.map((point, index) => {
    const fired = (side: "high" | "low", rule: string) => (point[side] as string[]).includes(rule);
    if (fired("high", "single_point")) return "Above UCL";
    if (fired("low", "single_point")) return "Below LCL";
    if (fired("high", "trend") || fired("low", "trend")) {
      // A turning point is in both trends; the package names the one it starts ("use right side").
      const next = chart.points[index + 1];
      const increasing = fired("high", "trend") && fired("low", "trend") ? next !== undefined && next.value > point.value : fired("high", "trend");
      return `${settings.trendPoints} Point Trend (${increasing ? "Increasing" : "Decreasing"})`;
    }
    if (fired("high", "two_sigma")) return "2 in 3 Above CL";
    if (fired("low", "two_sigma")) return "2 in 3 Below CL";
    if (fired("high", "shift")) return `${settings.shiftPoints} Points Above CL`;
    if (fired("low", "shift")) return `${settings.shiftPoints} Points Below CL`;
    return "Common Cause";
  });
}

function ptdPointType(label: string, direction: Direction): string {
  const towards = /Above|Increasing/.test(label) ? 1 : /Below|Decreasing/.test(label) ? -1 : 0;
  const oriented = towards * (direction === "up" ? 1 : -1);
  return oriented > 0 ? "special_cause_improvement" : oriented < 0 ? "special_cause_concern" : "common_cause";
}

function ptdVariationIcon(lastPointType: string, direction: Direction): string {
  if (lastPointType === "special_cause_improvement") return direction === "up" ? "improvement_high" : "improvement_low";
  if (lastPointType === "special_cause_concern") return direction === "up" ? "concern_low" : "concern_high";
  return "common_cause";
}

function assertMethodOnFlatLimits(chart: SpcChart) {
  expect(chart.limitsShown).toBe(false);
  expect(chart.whyNoLimits).toMatch(/limits would not mean anything/);
  for (const point of chart.points) {
    expect(point).toMatchObject({ upl: null, lpl: null, high: [], low: [], classification: "common_cause" });
  }
  expect(chart.variationIcon).toBeNull();
  expect(chart.assuranceIcon).toBeNull();
}

function checkMdcResult(chart: SpcChart, expected: Json) {
  for (const [field, value] of Object.entries<Json>(expected)) {
    switch (field) {
      case "partitions":
        expect(Object.keys(value)).toHaveLength(chart.sections.length);
        Object.values<Json>(value).forEach((partition, index) => {
          const section = chart.sections[index]!;
          expect(section.end - section.start + 1).toBe(partition.n);
          near(section.mean, partition.mean);
          near(section.movingRangeMean, partition.mean_moving_range);
          near(section.upl, partition.upl);
          near(section.lpl, partition.lpl);
        });
        break;
      case "limits_and_icons_shown":
        expect(chart.limitsShown).toBe(value);
        break;
      case "classification":
        expect(chart.points.map((point) => point.classification)).toEqual(value);
        break;
      case "rules_high":
        expect(chart.points.map((point) => point.high)).toEqual(value);
        break;
      case "rules_low":
        expect(chart.points.map((point) => point.low)).toEqual(value);
        break;
      case "variation_icon":
        expect(chart.variationIcon).toBe(iconName(value));
        break;
      case "assurance_icon":
        expect(chart.assuranceIcon).toBe(value);
        break;
      default:
        throw new Error(`unknown MDC result field "${field}": teach the test to check it`);
    }
  }
}

function checkPtdResult(chart: SpcChart, expected: Json, settings: Partial<SpcSettings>, direction: Direction, disagreement: string | undefined) {
  for (const [field, value] of Object.entries<Json>(expected)) {
    switch (field) {
      case "groups":
        expect(value).toHaveLength(chart.sections.length);
        value.forEach((group: Json, index: number) => {
          const section = chart.sections[index]!;
          expect(group.rebase_group).toBe(index);
          expect(section.end - section.start + 1).toBe(group.n);
          near(section.mean, group.mean);
          near(section.movingRangeMean, group.mean_moving_range_used);
          near(section.upl, group.upl);
          near(section.lpl, group.lpl);
        });
        break;
      case "special_cause_type":
        if (disagreement) assertMethodOnFlatLimits(chart);
        else expect(ptdLabels(chart, settings)).toEqual(value);
        break;
      case "point_type":
        if (disagreement) assertMethodOnFlatLimits(chart);
        else expect(ptdLabels(chart, settings).map((label) => ptdPointType(label, direction))).toEqual(value);
        break;
      case "variation_icon": {
        if (disagreement) {
          expect(chart.variationIcon).toBeNull();
          break;
        }
        const labels = ptdLabels(chart, settings);
        expect(ptdVariationIcon(ptdPointType(labels[labels.length - 1]!, direction), direction)).toBe(value);
        break;
      }
      case "assurance_type":
        // No vector has a target, so neither tool gives an assurance icon.
        expect(value).toBeNull();
        expect(chart.assuranceIcon).toBeNull();
        break;
      default:
        throw new Error(`unknown NHSRplotthedots result field "${field}": teach the test to check it`);
    }
  }
}

describe("computed results in the reference vectors", () => {
  const cases = vectors.flatMap((vector) => Object.keys(vector.computed ?? {}).map((key) => [`${vector.id}/${key}`, vector, key] as const));

  it("covers every vector", () => {
    expect(new Set(cases.map(([, vector]) => vector.id))).toEqual(new Set(vectors.map((vector) => vector.id)));
    for (const name of Object.keys(methodDisagreements)) expect(cases.map(([caseName]) => caseName)).toContain(name);
  });

  it.each(cases)("%s", (name, vector, key) => {
    const expected = vector.computed[key];
    const style = expected.partitions ? "mdc" : expected.groups ? "ptd" : null;
    if (!style) throw new Error(`${name}: neither an MDC nor an NHSRplotthedots result: teach the test to run it`);
    const first = style === "mdc" ? Object.values<Json>(expected.partitions)[0] : expected.groups[0];
    const direction = directionFor(vector, key);
    const settings = settingsFor(key, style);
    const values = valuesFor(vector, key, first.n, first.mean);
    const chart = interpretSeries({ values, direction, settings });
    if (style === "mdc") checkMdcResult(chart, expected);
    else checkPtdResult(chart, expected, { ...defaultSpcSettings, ...settings }, direction, methodDisagreements[name]);
  });
});

describe("published expectations in the reference vectors", () => {
  const up = (values: number[], settings: Partial<SpcSettings> = {}) => interpretSeries({ values, direction: "up", settings });
  const pointsWhere = (chart: SpcChart, test: (point: SpcChart["points"][number]) => boolean) => chart.points.flatMap((point, index) => (test(point) ? [index + 1] : []));
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

  /** One check per published statement, keyed "vector id/statement". */
  const checks: Record<string, (vector: Json, expected: Json) => void> = {
    "V1_ptd_screen_outliers_vignette/screen_outliers=TRUE": (vector, expected) => {
      const chart = up(vector.input.values, ptdSettings(true));
      nearPublished(chart.sections[0]!.upl, expected.upl);
      nearPublished(chart.sections[0]!.mean, expected.mean);
      nearPublished(chart.sections[0]!.lpl, expected.lpl);
    },
    "V1_ptd_screen_outliers_vignette/screen_outliers=FALSE (replicates MDC Excel)": (vector, expected) => {
      // Stated to replicate the MDC tool, so our defaults must give it too.
      for (const settings of [ptdSettings(false), {}]) {
        const chart = up(vector.input.values, settings);
        nearPublished(chart.sections[0]!.upl, expected.upl);
        nearPublished(chart.sections[0]!.mean, expected.mean);
        nearPublished(chart.sections[0]!.lpl, expected.lpl);
      }
    },
    "V1_ptd_screen_outliers_vignette/points": (vector) => {
      // "4 common cause, point 5 special cause improvement (blue), 13 common cause"
      for (const settings of [ptdSettings(true), ptdSettings(false), {}]) {
        const chart = up(vector.input.values, settings);
        expect(pointsWhere(chart, (point) => point.classification === "improvement")).toEqual([5]);
        expect(pointsWhere(chart, (point) => point.classification === "common_cause")).toEqual([...range(1, 4), ...range(6, 18)]);
      }
    },
    "V5_limits_and_degenerate_case/limits": (_vector, expected) => {
      for (const {
        values,
        mean_lpl_upl_near_lpl_near_upl: [mean, lpl, upl, nearLpl, nearUpl],
      } of expected) {
        const chart = up(values, ptdSettings(true));
        near(chart.sections[0]!.mean, mean, 9);
        near(chart.sections[0]!.lpl, lpl, 9);
        near(chart.sections[0]!.upl, upl, 9);
        if (chart.limitsShown) {
          near(chart.points[0]!.lowerTwoSigma, nearLpl, 9);
          near(chart.points[0]!.upperTwoSigma, nearUpl, 9);
        } else {
          // The degenerate series: zero-width limits, which docs/definitions.md#limits does not show (see methodDisagreements).
          expect([lpl, upl, nearLpl, nearUpl].every((line) => line === mean)).toBe(true);
          assertMethodOnFlatLimits(chart);
        }
      }
    },
    "V5_limits_and_degenerate_case/degenerate [1,1,1,1,2]": () => {
      // Published: "all 5 points outside_limits and special_cause_flag TRUE". docs/definitions.md#limits refuses the limits instead.
      const chart = up([1, 1, 1, 1, 2], ptdSettings(true));
      assertMethodOnFlatLimits(chart);
      expect(chart.whyNoLimits).toMatch(/screened out/);
      expect(chart.sections[0]).toMatchObject({ mean: 1.2, movingRangeMean: 0, upl: 1.2, lpl: 1.2 });
    },
    "V6_mdc_conflict_and_6_point_rules/Up": (vector) => {
      // "p1-p2 above UPL, p3-p4 beyond upper two-sigma and p8-p14 in an increasing trend are blue;
      //  ONLY p5-p7 are orange (p1-p8 decreasing trend, p6-p11 shift below mean)"
      const chart = up(vector.input.values);
      expect(pointsWhere(chart, (point) => point.high.includes("single_point"))).toEqual([1, 2]);
      for (const index of [3, 4]) expect(chart.points[index - 1]!.value).toBeGreaterThan(chart.points[index - 1]!.upperTwoSigma!);
      expect(pointsWhere(chart, (point) => point.high.includes("two_sigma"))).toEqual(range(1, 4));
      expect(pointsWhere(chart, (point) => point.high.includes("trend"))).toEqual(range(8, 14));
      expect(pointsWhere(chart, (point) => point.low.includes("trend"))).toEqual(range(1, 8));
      expect(pointsWhere(chart, (point) => point.low.includes("shift"))).toEqual(range(6, 11));
      expect(pointsWhere(chart, (point) => point.classification === "improvement")).toEqual([...range(1, 4), ...range(8, 14)]);
      expect(pointsWhere(chart, (point) => point.classification === "concern")).toEqual([5, 6, 7]);
    },
    "V6_mdc_conflict_and_6_point_rules/Down": (vector) => {
      // "ONLY p12-p14 are orange (p8-p14 increasing trend; p6-p11 shift below the mean wins the conflict as improvement)"
      const chart = interpretSeries({ values: vector.input.values, direction: "down" });
      expect(pointsWhere(chart, (point) => point.classification === "concern")).toEqual([12, 13, 14]);
      expect(pointsWhere(chart, (point) => point.high.includes("trend"))).toEqual(range(8, 14));
      expect(pointsWhere(chart, (point) => point.low.includes("shift"))).toEqual(range(6, 11));
      for (const index of range(6, 11)) expect(chart.points[index - 1]!.classification).toBe("improvement");
    },
    "V6_mdc_conflict_and_6_point_rules/conflict_rule": (vector) => {
      // "Excel shows blue (improvement) where a point triggers both improvement and concern rules"; the setting turns it round.
      for (const direction of ["up", "down"] as const) {
        const shown = interpretSeries({ values: vector.input.values, direction });
        const asConcern = interpretSeries({ values: vector.input.values, direction, settings: { conflict: "concern" } });
        const conflicts = pointsWhere(shown, (point) => point.high.length > 0 && point.low.length > 0);
        expect(conflicts.length).toBeGreaterThan(0);
        for (const index of conflicts) {
          expect(shown.points[index - 1]!.classification).toBe("improvement");
          expect(asConcern.points[index - 1]!.classification).toBe("concern");
        }
      }
    },
    "V7_mdc_process_limits_and_minimum_points/15 points": (vector, expected) => {
      const chart = up(vector.input.values_15);
      const section = chart.sections[0]!;
      expect(section.end - section.start).toBe(expected.moving_ranges);
      nearPublished(section.movingRangeMean, expected.mean_moving_range);
      nearPublished((section.upl - section.mean) / 3, expected.sigma);
      nearPublished(section.upl - section.mean, expected.three_sigma);
      nearPublished(section.mean, expected.mean);
      nearPublished(section.upl, expected.upl);
      nearPublished(section.lpl, expected.lpl);
      expect(chart.limitsShown).toBe(true);
    },
    "V7_mdc_process_limits_and_minimum_points/10 points": (vector, expected) => {
      const chart = up(vector.input.values_10);
      nearPublished(chart.sections[0]!.mean, expected.mean);
      expect(chart.limitsShown).toBe(expected.limits_shown);
      expect(chart.whyNoLimits).toMatch(/fewer than 13 points: a run chart/);
    },
    "V7_mdc_process_limits_and_minimum_points/12 vs 13 points": (vector) => {
      // "limits and summary icons NOT shown with 12 points; shown with 13 (mean and target always shown)"
      const twelve = interpretSeries({ values: vector.input.values_12_vs_13["12"], direction: "up", target: 20 });
      const thirteen = interpretSeries({ values: vector.input.values_12_vs_13["13"], direction: "up", target: 20 });
      expect(twelve).toMatchObject({ limitsShown: false, variationIcon: null, assuranceIcon: null });
      expect(twelve.points.every((point) => point.upl === null && point.lpl === null && Number.isFinite(point.mean))).toBe(true);
      expect(thirteen.limitsShown).toBe(true);
      expect(thirteen.variationIcon).not.toBeNull();
      expect(thirteen.assuranceIcon).not.toBeNull();
      expect(thirteen.points.every((point) => point.upl !== null && Number.isFinite(point.mean))).toBe(true);
    },
  };

  const statements = vectors.flatMap((vector) =>
    Object.keys(vector.published_expectation ?? {}).map((key) => [`${vector.id}/${key}`, vector, vector.published_expectation[key]] as const),
  );

  it.each(statements)("%s", (name, vector, expected) => {
    const check = checks[name];
    if (!check) throw new Error(`${name}: a published expectation with no check: teach the test to assert it`);
    check(vector, expected);
  });

  it("has no check for a statement the file does not hold", () => {
    expect(Object.keys(checks).sort()).toEqual(statements.map(([name]) => name).sort());
  });
});

describe("NHSRplotthedots rule helpers, through our rules", () => {
  const run = file.rule_unit_vectors;
  const sevenPoints = 7;
  const asFlags = (numbers: number[]) => numbers.map((number) => number !== 0);
  /** The package marks the last point of a run; every point of the run is the marked one and the six before it. */
  const runsEndingAt = (markers: number[], sign: 1 | -1) => markers.map((_, index) => markers.slice(index, index + sevenPoints).some((marker) => Math.sign(marker) === sign));
  const either = (marks: SideMarks) => marks.high.map((high, index) => high || marks.low[index]!);

  const helpers: Record<string, (example: Json) => void> = {
    ptd_seven_point_one_side_mean: ({ in: sides, out }) => {
      const marks = runsOnOneSide(sides as Side[], sevenPoints);
      expect(marks.high).toEqual(runsEndingAt(out, 1));
      expect(marks.low).toEqual(runsEndingAt(out, -1));
    },
    ptd_part_of_seven_trend: ({ in: markers, out }) => {
      // A series of sides holding exactly the marked runs: our shift marks must cover what the package's expansion does.
      const sides: Side[] = markers.map(() => 0);
      markers.forEach((marker: number, end: number) => {
        if (marker !== 0) for (let index = end - sevenPoints + 1; index <= end; index += 1) sides[index] = Math.sign(marker) as Side;
      });
      expect(either(runsOnOneSide(sides, sevenPoints))).toEqual(asFlags(out));
    },
    ptd_seven_point_trend: ({ in: values, out, note }) => {
      const marks = runsOfSteps(values, sevenPoints);
      expect(marks.high, note).toEqual(runsEndingAt(out, 1));
      expect(marks.low, note).toEqual(runsEndingAt(out, -1));
    },
    // The package finds the windows, then keeps only the points beyond two sigma in them; we do both at once.
    "ptd_two_in_three(close, relative_to_mean)": ({ close, rtm, out }) => {
      const inWindow = asFlags(out);
      expect(either(twoOfThreeBeyondTwoSigma(rtm as Side[], asFlags(close)))).toEqual(inWindow.map((flag, index) => flag && close[index] === 1));
    },
    ptd_part_of_two_in_three: ({ close, rtm, out }) => {
      expect(either(twoOfThreeBeyondTwoSigma(rtm as Side[], asFlags(close)))).toEqual(asFlags(out));
    },
  };

  const examples = Object.entries<Json>(run).flatMap(([helper, list]) =>
    Array.isArray(list) ? list.map((example: Json, index: number) => [`${helper} #${index + 1}`, helper, example] as const) : [],
  );

  it("covers every helper in the file", () => {
    const listed = Object.entries<Json>(run)
      .filter(([, list]) => Array.isArray(list))
      .map(([helper]) => helper);
    expect(listed.sort()).toEqual(Object.keys(helpers).sort());
  });

  it.each(examples)("%s", (_name, helper, example) => {
    helpers[helper]!(example);
  });
});

describe("the definitions where the references would go wrong", () => {
  it("refuses a series with missing months, naming them", () => {
    const months = (pairs: [string, number][]) => pairs.map(([month, value]) => ({ month, value }));
    expect(() =>
      valuesByMonth(
        months([
          ["2026-01", 4],
          ["2026-02", 5],
          ["2026-05", 6],
        ]),
      ),
    ).toThrow(/^2026-03 and 2026-04 are missing: fill or remove them/);
    expect(() =>
      valuesByMonth(
        months([
          ["2025-11", 4],
          ["2026-01", 5],
        ]),
      ),
    ).toThrow(/^2025-12 is missing: fill or remove it/);
    expect(() =>
      valuesByMonth(
        months([
          ["2026-01", 4],
          ["2026-05", 5],
        ]),
      ),
    ).toThrow(/^2026-02, 2026-03 and 2026-04 are missing/);
    expect(() =>
      valuesByMonth(
        months([
          ["2026-01", 4],
          ["2026-01", 5],
        ]),
      ),
    ).toThrow(/2026-01 has more than one value/);
    expect(() => valuesByMonth(months([["2026-13", 4]]))).toThrow(/months\[0\]\.month must be a month as "YYYY-MM"/);
    expect(() => valuesByMonth(months([["2026-01", Number.NaN]]))).toThrow(/months\[0\]\.value must be a finite number/);
    // Out of order is fine: the months say where each value goes.
    expect(
      valuesByMonth(
        months([
          ["2026-02", 5],
          ["2026-01", 4],
        ]),
      ),
    ).toEqual({ firstMonth: "2026-01", values: [4, 5] });
  });

  it("refuses values that are not finite numbers", () => {
    expect(() => interpretSeries({ values: [1, 2, Number.POSITIVE_INFINITY] })).toThrow(/values\[2\] must be a finite number/);
    expect(() => interpretSeries({ values: [1, Number.NaN] })).toThrow(/values\[1\] must be a finite number/);
    expect(() => interpretSeries({ values: [] })).toThrow(/values must hold at least one number/);
  });

  it("refuses recalculation points out of range, out of order, at 0 or leaving a one-point section", () => {
    const values = Array.from({ length: 20 }, (_, index) => index % 5);
    expect(() => interpretSeries({ values, recalculateAt: [0] })).toThrow(/recalculateAt\[0\] must not be 0/);
    expect(() => interpretSeries({ values, recalculateAt: [20] })).toThrow(/recalculateAt\[0\] is 20, outside the series of 20 points/);
    expect(() => interpretSeries({ values, recalculateAt: [-3] })).toThrow(/recalculateAt\[0\] is -3, outside/);
    expect(() => interpretSeries({ values, recalculateAt: [10, 5] })).toThrow(/recalculateAt\[1\] is 5, not after the one before it \(10\)/);
    expect(() => interpretSeries({ values, recalculateAt: [10, 10] })).toThrow(/recalculateAt\[1\] is 10, not after/);
    expect(() => interpretSeries({ values, recalculateAt: [19] })).toThrow(/starts a section of one point/);
    expect(() => interpretSeries({ values, recalculateAt: [8, 9] })).toThrow(/recalculateAt\[0\] is 8, which starts a section of one point/);
    expect(() => interpretSeries({ values, recalculateAt: [2.5] })).toThrow(/recalculateAt\[0\] must be a point's index/);
  });

  it("refuses a baseline outside the series or past the first recalculation", () => {
    const values = Array.from({ length: 20 }, (_, index) => index % 5);
    expect(() => interpretSeries({ values, baselineEnd: 0 })).toThrow(/baselineEnd is 0: a baseline needs at least 2 points/);
    expect(() => interpretSeries({ values, baselineEnd: 20 })).toThrow(/baselineEnd is 20/);
    expect(() => interpretSeries({ values, baselineEnd: 12, recalculateAt: [10] })).toThrow(/baselineEnd is 12, not before the first recalculation \(10\)/);
  });
});

describe("the definitions' cases the file has no vector for", () => {
  const steady = [20, 24, 20, 26, 22, 16, 18, 16, 31, 28, 34, 26, 30, 19, 18];

  it("gives each section its own mean and limits; a section's first point has no moving range", () => {
    const values = [...steady, ...steady.map((value) => value + 40)];
    const chart = interpretSeries({ values, direction: "up", recalculateAt: [15] });
    expect(chart.sections).toHaveLength(2);
    const [before, after] = chart.sections;
    near(before!.mean, 23.2);
    near(after!.mean, 63.2);
    // The jump of 40 into the second section is not a moving range of either.
    near(before!.movingRangeMean, after!.movingRangeMean);
    near(after!.upl - after!.mean, before!.upl - before!.mean);
    expect(chart.points[15]).toMatchObject({ mean: after!.mean, upl: after!.upl });
    // Without the recalculation the step is a run above the mean.
    const unbroken = interpretSeries({ values, direction: "up" });
    expect(unbroken.points.slice(15).every((point) => point.high.includes("shift"))).toBe(true);
    expect(chart.points.some((point) => point.high.includes("shift"))).toBe(false);
  });

  it("lets a trend run across a recalculation but not a shift; NHSRplotthedots stops both", () => {
    const values = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 1, 2, 3, 4, 5, 6, 7, 3, 5, 3, 5, 3];
    // Indexes 11..17 rise without a break; the recalculation at 14 cuts that run into 3 + 4 points.
    const mdc = interpretSeries({ values, direction: "up", recalculateAt: [14] });
    expect(mdc.points.slice(11, 18).every((point) => point.high.includes("trend"))).toBe(true);
    const ptd = interpretSeries({ values, direction: "up", recalculateAt: [14], settings: { trendCrossesRecalculation: false } });
    expect(ptd.points.some((point) => point.high.includes("trend"))).toBe(false);
  });

  it("takes the mean and limits from the baseline and extends them to the later points", () => {
    const values = [...steady, 40, 41, 42, 43, 44];
    const chart = interpretSeries({ values, direction: "up", baselineEnd: 14 });
    near(chart.sections[0]!.mean, 23.2);
    near(chart.sections[0]!.upl, 37.64);
    expect(chart.sections[0]).toMatchObject({ start: 0, end: 19 });
    expect(chart.points.slice(15).every((point) => point.upl === chart.sections[0]!.upl && point.high.includes("single_point"))).toBe(true);
    expect(chart.variationIcon).toBe("improvement_high");
  });

  it("gives assurance from the latest limits, a target on a limit counting as beyond it", () => {
    const at = (target: number, direction: Direction) => interpretSeries({ values: steady, direction, target }).assuranceIcon;
    const { upl, lpl } = interpretSeries({ values: steady }).sections[0]!;
    expect([at(lpl, "up"), at(5, "up"), at(upl, "up"), at(40, "up"), at(25, "up")]).toEqual(["pass", "pass", "fail", "fail", "hit_or_miss"]);
    expect([at(upl, "down"), at(lpl, "down"), at(25, "down")]).toEqual(["pass", "fail", "hit_or_miss"]);
    expect(at(40, "neither")).toBeNull();
    expect(interpretSeries({ values: steady, direction: "up" }).assuranceIcon).toBeNull();
  });

  it("treats a point on the mean as on neither side", () => {
    // Mean 10: the six points exactly on it are no shift either way.
    const values = [9, 10, 11, 10, 10, 10, 10, 10, 10, 9, 11, 10, 10];
    const chart = interpretSeries({ values, direction: "up" });
    expect(chart.points.every((point) => point.high.length === 0 && point.low.length === 0)).toBe(true);
  });

  it("treats a point on a limit or on a two-sigma line as inside it", () => {
    const section = { start: 0, end: 2, mean: 0, movingRangeMean: 3, movingRangeMeanUnscreened: 3, upl: 9, lpl: -9, upperTwoSigma: 6, lowerTwoSigma: -6 };
    const rulesFor = (values: number[]) => findSpecialCauses(values, [section], defaultSpcSettings);
    expect(rulesFor([9, 6, 6])).toEqual([
      { high: [], low: [] },
      { high: [], low: [] },
      { high: [], low: [] },
    ]);
    expect(rulesFor([-9, -6, -6]).every((point) => point.low.length === 0)).toBe(true);
    expect(rulesFor([9.5, 6.5, 6])).toEqual([
      { high: ["single_point", "two_sigma"], low: [] },
      { high: ["two_sigma"], low: [] },
      { high: [], low: [] },
    ]);
  });

  it("counts a point beyond a process limit towards two-of-three beyond two sigma, unless told not to (NHSRplotthedots)", () => {
    // The file's note on S_two_sigma_2 (NHSRplotthedots issue #194) describes this case; that vector is not in the file.
    const section = { start: 0, end: 2, mean: 0, movingRangeMean: 3, movingRangeMeanUnscreened: 3, upl: 9, lpl: -9, upperTwoSigma: 6, lowerTwoSigma: -6 };
    const values = [-1, -6.5, -9.5];
    expect(findSpecialCauses(values, [section], defaultSpcSettings).map((point) => point.low)).toEqual([[], ["two_sigma"], ["single_point", "two_sigma"]]);
    const ptd = { ...defaultSpcSettings, twoSigmaIncludesBeyondLimits: false };
    expect(findSpecialCauses(values, [section], ptd).map((point) => point.low)).toEqual([[], [], ["single_point"]]);
  });

  it("shows a flat series as a run chart and says why", () => {
    const chart = interpretSeries({ values: new Array(15).fill(3), direction: "up", target: 2 });
    assertMethodOnFlatLimits(chart);
    expect(chart.whyNoLimits).toBe("the values do not vary (every moving range is 0): limits would not mean anything");
    expect(chart.points[0]!.mean).toBe(3);
  });
});
