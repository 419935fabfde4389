/*
 * What a chart is asked for, checked before any arithmetic: a bad index or a
 * missing value would not fail loudly later, it would quietly give wrong limits.
 */
import { z } from "zod";
import { spcSettingsSchema } from "./spc-settings";

/** A request the engine refuses, with a message that says what is wrong and where. */
export class SpcInputError extends Error {
  override name = "SpcInputError";
}

export const finiteNumber = z.number({
  error: (issue) => (issue.input === undefined ? "is required" : typeof issue.input === "number" ? "must be a finite number" : "must be a number"),
});

const pointIndex = z.number({ error: "must be a point's index (0 is the first point)" }).int("must be a point's index (0 is the first point), a whole number");

const requestFields = z.strictObject(
  {
    values: z
      .array(finiteNumber, {
        error: (issue) => (issue.input === undefined ? "is required: a list of numbers, one per month, oldest first" : "must be a list of numbers"),
      })
      .min(1, "must hold at least one number"),
    direction: z
      .enum(["up", "down", "neither"], { error: 'must be "up", "down" or "neither"' })
      // Without a stated direction no change can be called good or bad.
      .default("neither"),
    target: finiteNumber.nullable().default(null),
    recalculateAt: z.array(pointIndex, { error: "must be a list of point indexes" }).default([]),
    baselineEnd: pointIndex.nullable().default(null),
    settings: spcSettingsSchema.prefault({}),
  },
  { error: 'must be an object such as {"values": [12, 15, 11]}' },
);

export const spcInputSchema = requestFields.superRefine(({ values, recalculateAt, baselineEnd }, context) => {
  const count = values.length;
  const refuse = (path: (string | number)[], message: string) => context.addIssue({ code: "custom", path, message });
  recalculateAt.forEach((index, position) => {
    const path = ["recalculateAt", position];
    if (index === 0) refuse(path, "must not be 0: the first section always starts at the first point");
    else if (index < 0 || index >= count) refuse(path, `is ${index}, outside the series of ${count} points (indexes 0 to ${count - 1})`);
    else if (position > 0 && index <= recalculateAt[position - 1]!) {
      refuse(path, `is ${index}, not after the one before it (${recalculateAt[position - 1]}): list recalculations in order, once each`);
    } else if (index === count - 1 || recalculateAt[position + 1] === index + 1) {
      // A one-point section has no moving range, so no limits of its own.
      refuse(path, `is ${index}, which starts a section of one point: a section needs at least 2 points`);
    }
  });
  if (baselineEnd !== null) {
    if (baselineEnd < 1 || baselineEnd >= count) {
      refuse(["baselineEnd"], `is ${baselineEnd}: a baseline needs at least 2 points, so it ends at index 1 or later, within the series of ${count} points`);
    } else if (recalculateAt.length > 0 && baselineEnd >= recalculateAt[0]!) {
      refuse(["baselineEnd"], `is ${baselineEnd}, not before the first recalculation (${recalculateAt[0]}): a baseline belongs to the first section`);
    }
  }
});

export type SpcRequest = z.input<typeof spcInputSchema>;
export type SpcInput = z.output<typeof spcInputSchema>;

function fieldsAt(where: string): string[] {
  if (where === "") return Object.keys(requestFields.shape);
  if (where === "settings") return Object.keys(spcSettingsSchema.shape);
  return [];
}

function whereOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((where, part) => (typeof part === "number" ? `${where}[${part}]` : where ? `${where}.${String(part)}` : String(part)), "");
}

/** Zod's issues as sentences naming the field, e.g. `values[3] must be a number`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = whereOf(issue.path);
      if (issue.code === "unrecognized_keys") {
        const names = issue.keys.map((key) => (where ? `${where}.${key}` : key));
        const known = fieldsAt(where);
        return (
          `${names.join(", ")} ${names.length === 1 ? "is not a field" : "are not fields"} this accepts` +
          (known.length > 0 ? ` (the fields${where ? ` of ${where}` : ""} are ${known.join(", ")})` : "")
        );
      }
      return `${where || "the input"} ${issue.message}`;
    })
    .join("; ");
}

/** The request with its defaults filled in, or an SpcInputError naming every problem. */
export function readSpcInput(request: unknown): SpcInput {
  const parsed = spcInputSchema.safeParse(request);
  if (!parsed.success) throw new SpcInputError(describeIssues(parsed.error.issues));
  return parsed.data;
}
