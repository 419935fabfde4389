/*
 * The special-cause rules (docs/definitions.md#special-cause-rules). Each rule marks
 * points on their high side or their low side; what a side means (improvement
 * or concern) is decided later from the metric's direction. Comparisons are
 * strict throughout: a point on the mean or on a line has not crossed it.
 */
import type { SectionLimits } from "./spc-limits";
import type { SpcSettings } from "./spc-settings";

export const spcRules = ["single_point", "shift", "trend", "two_sigma"] as const;
export type SpcRule = (typeof spcRules)[number];

/** +1 above the mean, -1 below it, 0 on it. */
export type Side = 1 | -1 | 0;

export interface SideMarks {
  high: boolean[];
  low: boolean[];
}

export function sideOf(value: number, mean: number): Side {
  return value > mean ? 1 : value < mean ? -1 : 0;
}

function unmarked(count: number): boolean[] {
  return new Array<boolean>(count).fill(false);
}

/** Every point of a run of `runLength` or more consecutive points on one side of the mean (a shift). */
export function runsOnOneSide(sides: readonly Side[], runLength: number): SideMarks {
  const marksFor = (side: Side) => {
    const marks = unmarked(sides.length);
    let runStart = 0;
    for (let index = 0; index <= sides.length; index += 1) {
      if (index < sides.length && sides[index] === side) continue;
      if (index - runStart >= runLength) marks.fill(true, runStart, index);
      runStart = index + 1;
    }
    return marks;
  };
  return { high: marksFor(1), low: marksFor(-1) };
}

/**
 * Every point of a run of `runLength` or more points each strictly higher (or
 * lower) than the one before (a trend). A repeated value ends the run: the
 * series paused. A turning point belongs to the run into it and the run out.
 */
export function runsOfSteps(values: readonly number[], runLength: number): SideMarks {
  const marksFor = (step: 1 | -1) => {
    const marks = unmarked(values.length);
    let runStart = 0;
    for (let index = 1; index <= values.length; index += 1) {
      if (index < values.length && Math.sign(values[index]! - values[index - 1]!) === step) continue;
      if (index - runStart >= runLength) marks.fill(true, runStart, index);
      runStart = index;
    }
    return marks;
  };
  return { high: marksFor(1), low: marksFor(-1) };
}

/**
 * In any three consecutive points all on one side of the mean, two or more
 * beyond the two-sigma line on that side: those beyond it are marked.
 */
export function twoOfThreeBeyondTwoSigma(sides: readonly Side[], beyondTwoSigma: readonly boolean[]): SideMarks {
  const marks: SideMarks = { high: unmarked(sides.length), low: unmarked(sides.length) };
  for (let first = 0; first + 2 < sides.length; first += 1) {
    const side = sides[first];
    if (side === 0 || sides[first + 1] !== side || sides[first + 2] !== side) continue;
    const beyond = [first, first + 1, first + 2].filter((index) => beyondTwoSigma[index]);
    if (beyond.length < 2) continue;
    for (const index of beyond) (side === 1 ? marks.high : marks.low)[index] = true;
  }
  return marks;
}

export interface PointRules {
  high: SpcRule[];
  low: SpcRule[];
}

/** Copies a part's marks into the whole series' marks, from `offset`. */
function addMarks(rules: PointRules[], marks: SideMarks, rule: SpcRule, offset: number) {
  marks.high.forEach((marked, index) => marked && rules[offset + index]!.high.push(rule));
  marks.low.forEach((marked, index) => marked && rules[offset + index]!.low.push(rule));
}

/** The rules that fired on each point's high and low side, in the order of `spcRules`. */
export function findSpecialCauses(values: readonly number[], sections: readonly SectionLimits[], settings: SpcSettings): PointRules[] {
  const rules: PointRules[] = values.map(() => ({ high: [], low: [] }));
  for (const section of sections) {
    const part = values.slice(section.start, section.end + 1);
    const sides = part.map((value) => sideOf(value, section.mean));
    const outside = part.map((value) => value > section.upl || value < section.lpl);
    addMarks(rules, { high: part.map((value) => value > section.upl), low: part.map((value) => value < section.lpl) }, "single_point", section.start);
    addMarks(rules, runsOnOneSide(sides, settings.shiftPoints), "shift", section.start);
    if (!settings.trendCrossesRecalculation) addMarks(rules, runsOfSteps(part, settings.trendPoints), "trend", section.start);
    const beyondTwoSigma = part.map(
      (value, index) => (value > section.upperTwoSigma || value < section.lowerTwoSigma) && (settings.twoSigmaIncludesBeyondLimits || !outside[index]),
    );
    addMarks(rules, twoOfThreeBeyondTwoSigma(sides, beyondTwoSigma), "two_sigma", section.start);
  }
  // A trend ignores the mean, so MDC lets it run on across a recalculation.
  if (settings.trendCrossesRecalculation) addMarks(rules, runsOfSteps(values, settings.trendPoints), "trend", 0);
  for (const point of rules) {
    point.high.sort((a, b) => spcRules.indexOf(a) - spcRules.indexOf(b));
    point.low.sort((a, b) => spcRules.indexOf(a) - spcRules.indexOf(b));
  }
  return rules;
}
