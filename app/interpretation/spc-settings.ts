/*
 * How a series is read for signals (docs/definitions.md#signal-or-noise). The defaults are
 * the Making Data Count (MDC) tools' own; the other values exist so the same
 * engine can be checked against NHSRplotthedots, whose defaults differ.
 */
import { z } from "zod";

export type Direction = "up" | "down" | "neither";
export type ConflictShownAs = "improvement" | "concern";

// MDC allows runs of 6, 7 or 8 points; shorter runs happen by chance too often.
const runLength = (name: string) =>
  z
    .number({ error: "must be a whole number from 6 to 8" })
    .int(`must be a whole number from 6 to 8`)
    .min(6, `must be a whole number from 6 to 8 (${name} of fewer points happen by chance too often)`)
    .max(8, "must be a whole number from 6 to 8");

const yesOrNo = z.boolean({ error: "must be true or false" });

export const spcSettingsSchema = z.strictObject({
  shiftPoints: runLength("shifts").default(6),
  trendPoints: runLength("trends").default(6),
  /** Drop moving ranges of 3.267 x their mean or more before the limits are set (NHSRplotthedots does by default). */
  screenOutliers: yesOrNo.default(false),
  /** MDC counts points beyond a process limit towards "two of three beyond two sigma"; NHSRplotthedots does not. */
  twoSigmaIncludesBeyondLimits: yesOrNo.default(true),
  /** MDC lets a trend run on across a recalculation (a trend ignores the mean); NHSRplotthedots stops every rule there. */
  trendCrossesRecalculation: yesOrNo.default(true),
  /** What a point that is both an improvement and a concern is shown as. */
  conflict: z.enum(["improvement", "concern"], { error: 'must be "improvement" or "concern"' }).default("improvement"),
  /** Fewer points than this give a run chart: limits from so few points mislead. 2 means no minimum. */
  minimumPoints: z
    .number({ error: "must be a whole number of points" })
    .int("must be a whole number of points")
    .min(2, "must be at least 2 (limits need one moving range)")
    .default(13),
});

export type SpcSettings = z.output<typeof spcSettingsSchema>;

export const defaultSpcSettings: SpcSettings = Object.freeze(spcSettingsSchema.parse({}));
