/*
 * What a meeting pack holds, as plain JSON: the shape a draft is counted
 * into and an issued pack is stored as. A stored pack is parsed with this
 * schema when it is read, so a pack that no longer fits is an error, never
 * a page that shows half of it. Pages import the types only.
 */
import { z } from "zod";
import { assuranceWords, variationWords } from "~/interpretation/signal-words";
import type { AssuranceIcon, VariationIcon } from "~/interpretation/spc";

/** The months of the reports: the pack's month and the eleven before it. */
export const PACK_MONTHS = 12;
/** The months after it whose due work the pack shows, for planning. */
export const PACK_COMING_MONTHS = 3;

const variationIcons = Object.keys(variationWords) as [VariationIcon, ...VariationIcon[]];
const assuranceIcons = Object.keys(assuranceWords) as [AssuranceIcon, ...AssuranceIcon[]];

const objective = z.object({
  statement: z.string(),
  ownerName: z.string(),
  /** "April 2026 to March 2027" */
  period: z.string(),
  /** What it is judged by, and the target in force in the month in words. */
  measure: z.object({ label: z.string(), target: z.string().nullable() }).nullable(),
});

const count = z.number().int().nonnegative();

const action = z.object({
  id: z.number(),
  title: z.string(),
  ownerName: z.string(),
  teamName: z.string(),
  deadline: z.string(),
  stateText: z.string(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  statusLabel: z.string(),
});

export const packContentsSchema = z.object({
  version: z.literal(1),
  team: z.object({ name: z.string(), slug: z.string(), typeLabel: z.string() }),
  month: z.string(),
  /** The figures are as they stood on this day: the first day after the month. */
  asOf: z.string(),
  /** The day the pack was counted: actions are due or overdue as of it. */
  preparedOn: z.string(),
  /** The day data was last loaded when the pack was counted. */
  dataLoadedOn: z.string().nullable(),
  /** Data was loaded after the month ended, so its figures are whole. */
  figuresComplete: z.boolean(),
  purpose: z.object({
    service: z.array(objective),
    team: z.array(objective),
    groundRules: z.array(z.string()),
  }),
  /** The year of months ending with the pack's month, oldest first. */
  months: z.array(
    z.object({
      month: z.string(),
      allocated: count,
      awaitingAllocation: count,
      overdue: count,
      due: count,
      received: count,
      completed: count,
      completedOnTime: count,
      completedLate: count,
      medianDaysToComplete: z.number().nullable(),
    }),
  ),
  /**
   * Care and support, and what it costs (the fourth report), for the same months; empty when the service has no
   * services loaded. Packs issued before the fourth report have none.
   */
  care: z
    .array(
      z.object({
        month: z.string(),
        longTermPeople: z.object({ nursing: count, residential: count, community: count, prison: count }),
        weeklyCost: z.object({ longTerm: z.number(), shortTerm: z.number(), carer: z.number() }),
        costNotKnown: count,
        started: count,
        startedWeeklyCost: z.number(),
        oneOffCost: z.number(),
        ended: count,
        endedWeeklyCost: z.number(),
        admissions: z.object({ "18-64": count, "65+": count, unknown: count }),
        averagePlacementCost: z.object({ residential: z.number().nullable(), nursing: z.number().nullable() }),
        reviewsCosted: count,
        reviewsTooRecent: count,
        reviewCostChange: z.number(),
        reviewsReduced: count,
        reviewsIncreased: count,
        reviewsUnchanged: count,
        longTermClients: count,
        reviewedInLast12Months: count,
        reviewsOverdue: count,
      }),
    )
    .optional(),
  /** The work open at the month's end that falls due in each of the months after it. */
  comingUp: z.array(z.object({ month: z.string(), due: count })),
  /** The month's completed assessments: by outcome group (largest first, in the report's order), and by outcome. */
  outcomes: z.object({
    groups: z.array(z.object({ group: z.string(), count })),
    outcomes: z.array(z.object({ outcome: z.string(), group: z.string(), count, share: z.number() })),
  }),
  signals: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      unit: z.enum(["count", "percent", "pounds"]),
      latest: z.object({ month: z.string(), value: z.number(), mean: z.number() }).nullable(),
      target: z.number().nullable(),
      variationIcon: z.enum(variationIcons).nullable(),
      assuranceIcon: z.enum(assuranceIcons).nullable(),
      whyNoLimits: z.string().nullable(),
      /** The question the signal raises for the meeting, if it is a special cause. */
      prompt: z.string().nullable(),
    }),
  ),
  promptSheet: z
    .object({
      entries: z.array(z.object({ question: z.string(), answer: z.string() })),
      by: z.string(),
      at: z.string(),
    })
    .nullable(),
  actions: z.object({
    overdue: z.array(action),
    /** Open, with a deadline from the day the pack was counted to `dueBy`. */
    due: z.array(action),
    dueBy: z.string(),
  }),
  /** The meeting as it stood when the pack was counted, kept for the record: the pack shows the minutes as they stand (PackMinutes). */
  meeting: z
    .object({
      heldOn: z.string(),
      held: z.boolean(),
      keyMessages: z.string(),
      decisions: z.string(),
    })
    .nullable(),
});

export type PackContents = z.infer<typeof packContentsSchema>;

/**
 * The minutes of the month's meeting, as the pack ends with them: who came,
 * who sent apologies, the guests, what became of each action followed up,
 * the key messages, the decisions and the actions agreed. Not frozen with
 * the pack: the meeting is usually held after the pack is issued, so they
 * are read from the meeting's record (itself audited) whenever the pack is shown.
 */
export interface PackMinutes {
  heldOn: string;
  held: boolean;
  chair: string;
  present: string[];
  apologies: string[];
  guests: string[];
  followUps: { id: number; title: string; ownerName: string; outcome: "done" | "carried_forward" | "no_longer_needed" | null; outcomeText: string }[];
  keyMessages: string;
  decisions: string;
  agreed: { id: number; title: string; ownerName: string; deadline: string }[];
}
