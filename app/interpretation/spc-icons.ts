/*
 * What the rules mean for a metric (docs/definitions.md#what-a-signal-means-and-the-icons): which
 * side is good depends on the metric's direction, and the summary icons read
 * the latest point and the latest limits only.
 */
import type { SectionLimits } from "./spc-limits";
import type { PointRules } from "./spc-rules";
import type { ConflictShownAs, Direction } from "./spc-settings";

export type Classification = "improvement" | "concern" | "neither" | "common_cause";
export type VariationIcon = "improvement_high" | "improvement_low" | "concern_high" | "concern_low" | "neither_high" | "neither_low" | "common_cause";
export type AssuranceIcon = "pass" | "fail" | "hit_or_miss";

export function classify({ high, low }: PointRules, direction: Direction, conflict: ConflictShownAs): Classification {
  if (high.length === 0 && low.length === 0) return "common_cause";
  if (direction === "neither") return "neither";
  const [goodSide, badSide] = direction === "up" ? [high, low] : [low, high];
  if (goodSide.length > 0 && badSide.length > 0) return conflict;
  return goodSide.length > 0 ? "improvement" : "concern";
}

/**
 * The icon for the latest point. For an improvement or a concern the side
 * follows from the direction, so that a conflict shown as a concern on an
 * "up" metric reads "concern, low" even if a high-side rule fired as well.
 */
export function variationIconOf(rules: PointRules, classification: Classification, direction: Direction): VariationIcon {
  switch (classification) {
    case "common_cause":
      return "common_cause";
    case "neither":
      return rules.high.length > 0 ? "neither_high" : "neither_low";
    case "improvement":
      return direction === "up" ? "improvement_high" : "improvement_low";
    case "concern":
      return direction === "up" ? "concern_low" : "concern_high";
  }
}

/**
 * Whether the process as it runs now will meet the target: only a target
 * outside the limits is met (or missed) every month. A target on a limit
 * counts as outside it, as in the MDC tools.
 */
export function assuranceIconOf(target: number | null, direction: Direction, latest: SectionLimits): AssuranceIcon | null {
  if (target === null || direction === "neither") return null;
  const [passes, fails] = direction === "up" ? [target <= latest.lpl, target >= latest.upl] : [target >= latest.upl, target <= latest.lpl];
  return passes ? "pass" : fails ? "fail" : "hit_or_miss";
}
