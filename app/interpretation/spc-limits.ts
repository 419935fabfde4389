/*
 * The centre line and process limits of each section of an XmR chart
 * (docs/definitions.md#limits). 2.66 turns the mean moving range into three sigma for
 * individual values (3 / 1.128); 3.267 is the upper limit of a moving range.
 */

const THREE_SIGMA_PER_MOVING_RANGE = 2.66;
const TWO_SIGMA_PER_MOVING_RANGE = (2 * THREE_SIGMA_PER_MOVING_RANGE) / 3;
const LARGEST_ORDINARY_MOVING_RANGE = 3.267;

/** The points from `start` to `end` (0-based, inclusive) that share one set of limits. */
export interface Section {
  start: number;
  end: number;
}

export interface SectionLimits extends Section {
  mean: number;
  movingRangeMean: number;
  upl: number;
  lpl: number;
  upperTwoSigma: number;
  lowerTwoSigma: number;
  /** Before any screening: tells "the values never move" from "screening left nothing". */
  movingRangeMeanUnscreened: number;
}

/** Sections start at 0 and at each recalculation point. */
export function sectionsOf(pointCount: number, recalculateAt: readonly number[]): Section[] {
  const starts = [0, ...recalculateAt];
  return starts.map((start, position) => ({ start, end: (starts[position + 1] ?? pointCount) - 1 }));
}

function average(numbers: readonly number[]): number {
  if (numbers.length === 0) return 0;
  let total = 0;
  for (const number of numbers) total += number;
  return total / numbers.length;
}

/**
 * The limits of one section, counted from its points up to `basisEnd` (a
 * baseline's last point, or the section's own end) and extended to the rest.
 */
export function limitsOf(values: readonly number[], section: Section, basisEnd: number, screenOutliers: boolean): SectionLimits {
  const basis = values.slice(section.start, basisEnd + 1);
  const mean = average(basis);
  // A section's first point has no moving range: the step into it crosses the recalculation.
  const movingRanges = basis.slice(1).map((value, index) => Math.abs(value - basis[index]!));
  const movingRangeMeanUnscreened = average(movingRanges);
  const movingRangeMean = screenOutliers
    ? // Screened once, as NHSRplotthedots does; the mean of the values is kept.
      average(movingRanges.filter((range) => range < LARGEST_ORDINARY_MOVING_RANGE * movingRangeMeanUnscreened))
    : movingRangeMeanUnscreened;
  return {
    ...section,
    mean,
    movingRangeMean,
    movingRangeMeanUnscreened,
    upl: mean + THREE_SIGMA_PER_MOVING_RANGE * movingRangeMean,
    lpl: mean - THREE_SIGMA_PER_MOVING_RANGE * movingRangeMean,
    upperTwoSigma: mean + TWO_SIGMA_PER_MOVING_RANGE * movingRangeMean,
    lowerTwoSigma: mean - TWO_SIGMA_PER_MOVING_RANGE * movingRangeMean,
  };
}
