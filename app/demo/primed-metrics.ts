/*
 * The demo council's Primed Metrics. Two are counted from the demo's own
 * services, as a council's would be (people in residential and nursing care,
 * and the weekly cost of a residential placement); two are entered, because
 * the data does not carry them (reablement 91 days on, and a staff survey),
 * with 36 finished months of generated values. A practice change nine months
 * ago (the month South Locality began strengths-based conversations) bends the
 * entered ones away from their baseline; the counted ones show what the
 * services show. The baseline is the 24 months before the change, and the
 * trajectory plans the 12 months from it: the baseline's own projection, bent
 * by what the change is expected to do. Seeded, so the same seed and date give
 * the same figures.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import {
  primedMetrics,
  primedMetricTeams,
  primedMetricTrajectory,
  primedMetricValues,
  users,
  type ImprovementDirection,
  type MetricKind,
  type MetricMeasure,
} from "../../db/schema";
import { addMonths, firstDayOf, monthOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";
import { fitBaseline, lineAt, type MonthValue } from "~/primed-metrics/projection";
import { DemoRandom } from "./random";

/** Finished months of values. */
export const DEMO_METRIC_MONTHS = 36;
/** The practice change began this many months before the current one. */
export const DEMO_CHANGE_MONTHS_AGO = 9;
export const DEMO_BASELINE_MONTHS = 24;
export const DEMO_TRAJECTORY_MONTHS = 12;

export interface DemoMetric {
  name: string;
  description: string;
  unit: string;
  measure: MetricMeasure;
  direction: ImprovementDirection;
  ownerEmail: string;
  baselineFrom: IsoMonth;
  baselineTo: IsoMonth;
  kind: MetricKind;
  countedMeasure: string | null;
  /** Entered: the values stored. Counted: the values counted from the data, from which the trajectory is drawn (never stored). */
  values: MonthValue[];
  trajectory: MonthValue[];
}

/** A counted measure's values for the whole service over the months, as of the demo's today. */
export type CountMeasure = (measureKey: string, months: readonly IsoMonth[]) => MonthValue[];

interface Plan {
  name: string;
  description: string;
  unit: string;
  direction: ImprovementDirection;
  ownerEmail: string;
  decimals: number;
  /** Counted from the data by this measure (app/primed-metrics/counted-measures.ts), not generated. */
  counted?: string;
  /** The value without the change, `i` months after the first month. */
  base: (i: number) => number;
  noise: number;
  /** What the change adds, `m` months after it began (0 in its first month). */
  effect: (m: number) => number;
  /** What the plan expects the change to add. */
  planned: (m: number) => number;
  min?: number;
  max?: number;
}

const plans: Plan[] = [
  {
    name: "People in residential and nursing care",
    description: "Adults whose long-term support is a council-funded residential or nursing home placement, counted on the last day of the month.",
    unit: "people in residential and nursing care",
    counted: "care.in-residential-nursing",
    direction: "down",
    ownerEmail: "head@northbrook.example",
    decimals: 0,
    base: (i) => 412 + 0.45 * i,
    noise: 3.5,
    effect: (m) => -3.4 * (m + 1),
    planned: (m) => -3 * (m + 1),
  },
  {
    name: "Average weekly cost of a residential placement",
    description: "The average weekly cost to the council of a residential care placement, across every placement open at the month's end whose cost is known.",
    unit: "£ a week",
    counted: "care.placement-cost.residential",
    direction: "down",
    ownerEmail: "admin@northbrook.example",
    decimals: 2,
    // About 5% a year of care inflation.
    base: (i) => 945 * 1.004 ** i,
    noise: 5,
    effect: (m) => -2 * (m + 1),
    planned: (m) => -1.4 * (m + 1),
  },
  {
    name: "Reablement: still at home after 91 days",
    description: "Of the older people who left hospital into reablement, the percentage still at home 91 days after discharge (by the month of discharge).",
    unit: "%",
    direction: "up",
    ownerEmail: "manager@northbrook.example",
    decimals: 1,
    base: () => 80,
    noise: 1.6,
    effect: (m) => Math.min(4, 0.5 * (m + 1)),
    planned: (m) => Math.min(5, 0.45 * (m + 1)),
    min: 0,
    max: 100,
  },
  {
    name: "Staff pulse survey score",
    description: 'The average answer, from 1 to 10, to the monthly pulse question "How well supported do you feel in your work?" across adult social care staff.',
    unit: "points",
    direction: "up",
    ownerEmail: "head@northbrook.example",
    decimals: 1,
    base: (i) => 6.5 + 0.004 * i,
    noise: 0.16,
    effect: (m) => Math.min(0.6, 0.07 * (m + 1)),
    planned: (m) => Math.min(0.7, 0.06 * (m + 1)),
    min: 1,
    max: 10,
  },
];

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/**
 * The four metrics with their values and trajectories, for the seed and date. `count` gives a counted metric's
 * values from the data; without it (no data), a counted metric's values are generated like an entered one's.
 */
export function generateDemoPrimedMetrics(seed: number, today: IsoDate, count?: CountMeasure): DemoMetric[] {
  // A random stream of its own, so adding metrics never changes the council's work items.
  const random = new DemoRandom(seed * 7919 + 61);
  const current = monthOf(today);
  const months = monthRange(addMonths(current, -DEMO_METRIC_MONTHS), addMonths(current, -1));
  const change = addMonths(current, -DEMO_CHANGE_MONTHS_AGO);
  const baselineFrom = addMonths(change, -DEMO_BASELINE_MONTHS);
  const baselineTo = addMonths(change, -1);
  return plans.map((plan) => {
    const clamp = (v: number) => Math.min(plan.max ?? Infinity, Math.max(plan.min ?? -Infinity, v));
    const generated = months.map((month, i) => {
      const sinceChange = months.indexOf(change) >= 0 && month >= change ? i - months.indexOf(change) : -1;
      const value = plan.base(i) + (sinceChange >= 0 ? plan.effect(sinceChange) : 0) + plan.noise * random.normal();
      return { month, value: round(clamp(value), plan.decimals) };
    });
    const values = plan.counted && count ? count(plan.counted, months) : generated;
    // The plan: the baseline's own projection, bent by what the change is expected to do.
    const fitted = fitBaseline(values, baselineFrom, baselineTo);
    const trajectory = monthRange(change, addMonths(change, DEMO_TRAJECTORY_MONTHS - 1)).map((month, m) => ({
      month,
      value: round(clamp((fitted.ok ? lineAt(fitted.fit, month) : plan.base(0)) + plan.planned(m)), plan.decimals),
    }));
    return {
      name: plan.name,
      description: plan.description,
      unit: plan.unit,
      measure: "level",
      direction: plan.direction,
      ownerEmail: plan.ownerEmail,
      baselineFrom,
      baselineTo,
      kind: plan.counted ? "counted" : "entered",
      countedMeasure: plan.counted ?? null,
      values,
      trajectory,
    };
  });
}

/** Removes every Primed Metric, its values and trajectory (before the demo replaces the users who own them). */
export function clearPrimedMetrics(db: Db) {
  db.delete(primedMetricValues).run();
  db.delete(primedMetricTeams).run();
  db.delete(primedMetricTrajectory).run();
  db.delete(primedMetrics).run();
}

/**
 * Stores the demo's metrics, owned by the demo sign-ins; call it inside the
 * demo load's transaction, after the users exist.
 */
export function seedDemoPrimedMetrics(db: Db, seed: number, today: IsoDate, count: CountMeasure) {
  clearPrimedMetrics(db);
  const createdAt = `${firstDayOf(addMonths(monthOf(today), -DEMO_CHANGE_MONTHS_AGO))}T09:00:00.000Z`;
  for (const metric of generateDemoPrimedMetrics(seed, today, count)) {
    const owner = db.select({ id: users.id }).from(users).where(eq(users.email, metric.ownerEmail)).get();
    if (!owner) throw new Error(`The demo has no user ${metric.ownerEmail} to own "${metric.name}"`);
    const { values, trajectory, ownerEmail: _email, ...fields } = metric;
    const row = db
      .insert(primedMetrics)
      .values({ ...fields, ownerUserId: owner.id, createdAt })
      .returning({ id: primedMetrics.id })
      .get();
    // A counted metric's values are counted whenever they are read: only an entered one's are stored.
    for (const v of metric.kind === "entered" ? values : []) {
      // Entered early in the following month, as a monthly return would be.
      const enteredAt = `${firstDayOf(addMonths(v.month, 1)).slice(0, 8)}05T09:00:00.000Z`;
      db.insert(primedMetricValues).values({ metricId: row.id, month: v.month, value: v.value, enteredByUserId: owner.id, enteredAt }).run();
    }
    for (const t of trajectory) db.insert(primedMetricTrajectory).values({ metricId: row.id, month: t.month, value: t.value }).run();
  }
}
