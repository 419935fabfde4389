/*
 * Signal or noise: a monthly series read the Making Data Count way
 * (docs/definitions.md#signal-or-noise is the specification). Pure: numbers in, chart out.
 */
import { assuranceIconOf, classify, variationIconOf, type AssuranceIcon, type Classification, type VariationIcon } from "./spc-icons";
import { readSpcInput, type SpcRequest } from "./spc-input";
import { limitsOf, sectionsOf } from "./spc-limits";
import { findSpecialCauses, type SpcRule } from "./spc-rules";

export { defaultSpcSettings, spcSettingsSchema, type Direction, type SpcSettings } from "./spc-settings";
export { describeIssues, readSpcInput, spcInputSchema, SpcInputError, type SpcInput, type SpcRequest } from "./spc-input";
export { valuesByMonth, type MonthValue } from "./spc-months";
export { spcRules, type SpcRule } from "./spc-rules";
export type { AssuranceIcon, Classification, VariationIcon } from "./spc-icons";

export interface SpcSection {
  start: number;
  end: number;
  mean: number;
  movingRangeMean: number;
  upl: number;
  lpl: number;
}

export interface SpcPoint {
  value: number;
  mean: number;
  upl: number | null;
  lpl: number | null;
  upperTwoSigma: number | null;
  lowerTwoSigma: number | null;
  high: SpcRule[];
  low: SpcRule[];
  classification: Classification;
}

export interface SpcChart {
  limitsShown: boolean;
  /** Every section's figures, even when the limits are not shown, so the run chart can still show its mean. */
  sections: SpcSection[];
  points: SpcPoint[];
  variationIcon: VariationIcon | null;
  assuranceIcon: AssuranceIcon | null;
  /** Why there are no limits, in plain words for the page; null when they are shown. */
  whyNoLimits: string | null;
}

function whyNoLimitsFor(pointCount: number, minimumPoints: number, sections: readonly { movingRangeMean: number; movingRangeMeanUnscreened: number }[]): string | null {
  if (pointCount < minimumPoints) {
    return `fewer than ${minimumPoints} points: a run chart (limits from so few points would mislead)`;
  }
  const flat = sections.find((section) => section.movingRangeMean === 0);
  if (!flat) return null;
  return flat.movingRangeMeanUnscreened === 0
    ? "the values do not vary (every moving range is 0): limits would not mean anything"
    : "once the unusually large moving ranges are screened out the rest are all 0: limits would not mean anything";
}

/**
 * The chart for a series: limits per section, the rules each point triggers,
 * what they mean for the metric, and the two summary icons. Throws
 * SpcInputError, naming the field, for a request it cannot answer honestly.
 */
export function interpretSeries(request: SpcRequest): SpcChart {
  const { values, direction, target, recalculateAt, baselineEnd, settings } = readSpcInput(request);
  const sections = sectionsOf(values.length, recalculateAt).map((section, position) =>
    limitsOf(values, section, position === 0 && baselineEnd !== null ? baselineEnd : section.end, settings.screenOutliers),
  );
  const sectionOfPoint = values.map((_, index) => sections.find((section) => index <= section.end)!);
  const whyNoLimits = whyNoLimitsFor(values.length, settings.minimumPoints, sections);
  const publicSections = sections.map(({ start, end, mean, movingRangeMean, upl, lpl }) => ({ start, end, mean, movingRangeMean, upl, lpl }));

  if (whyNoLimits !== null) {
    return {
      limitsShown: false,
      sections: publicSections,
      points: values.map((value, index) => ({
        value,
        mean: sectionOfPoint[index]!.mean,
        upl: null,
        lpl: null,
        upperTwoSigma: null,
        lowerTwoSigma: null,
        high: [],
        low: [],
        classification: "common_cause",
      })),
      variationIcon: null,
      assuranceIcon: null,
      whyNoLimits,
    };
  }

  const rules = findSpecialCauses(values, sections, settings);
  const points: SpcPoint[] = values.map((value, index) => {
    const section = sectionOfPoint[index]!;
    return {
      value,
      mean: section.mean,
      upl: section.upl,
      lpl: section.lpl,
      upperTwoSigma: section.upperTwoSigma,
      lowerTwoSigma: section.lowerTwoSigma,
      high: rules[index]!.high,
      low: rules[index]!.low,
      classification: classify(rules[index]!, direction, settings.conflict),
    };
  });
  const latest = points.length - 1;
  return {
    limitsShown: true,
    sections: publicSections,
    points,
    variationIcon: variationIconOf(rules[latest]!, points[latest]!.classification, direction),
    assuranceIcon: assuranceIconOf(target, direction, sections[sections.length - 1]!),
    whyNoLimits: null,
  };
}
