/*
 * The measures a counted Primed Metric can be: every monthly series of the team
 * reports and the care report, each read from the month's figures that those
 * reports show (app/work-figures, app/care), so a counted metric and the report
 * always agree. Pure: the server gathers the figures, this picks the number.
 */
import type { CareMonthFiguresByAge } from "~/care/care-figures";
import type { AgeGroup } from "~/care/population";
import type { CareFigureKey } from "~/care/care-lists";
import { figureValue, timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { figures as workFigures, type FigureKey } from "~/work-figures/definitions";
import { cldOutcomes, outcomeGroupOf } from "~/reference-data/reference-data";
import type { ImprovementDirection, MetricMeasure } from "../../db/schema";

interface MeasureBase {
  key: string;
  /** What the measure is, as the list and the metric's page name it. */
  label: string;
  /** The group it is listed under. */
  group: string;
  /** The unit a new metric takes unless its maker writes another. */
  unit: string;
  measure: MetricMeasure;
  /** Which way is usually better, offered when the metric is made. */
  direction: ImprovementDirection;
  /** Where each month's value comes from, in a manager's words. */
  source: string;
}

export interface CareMeasure extends MeasureBase {
  from: "care";
  /** The lists of a team's care report behind a month's value, opened from the metric's page. */
  lists: readonly CareFigureKey[];
  /** The age group whose adults a per-100,000 figure is counted against. */
  perHundredThousand?: AgeGroup;
  /** The month's count (before any per-100,000 division). */
  value(month: CareMonthFiguresByAge): number | null;
}

export interface WorkMeasure extends MeasureBase {
  from: "work";
  /** The figure whose work items a month's value opens (the team report's drill-down). */
  figure: FigureKey | null;
  /** The month's value from the figures of the teams in scope, added together. */
  value(month: MonthFigures): number | null;
}

export type CountedMeasure = CareMeasure | WorkMeasure;

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

const CARE = "Care and what it costs";
const WORK = "Work";
const OUTCOMES = "What assessments led to";

const careMeasures: CareMeasure[] = [
  {
    key: "care.in-residential-nursing",
    label: "People in residential and nursing care at the month's end",
    group: CARE,
    unit: "people",
    measure: "level",
    direction: "down",
    from: "care",
    lists: ["people-residential", "people-nursing"],
    source: "People whose long-term support on the month's last day is a residential or nursing placement (each person once).",
    value: (m) => m.longTermPeople.residential + m.longTermPeople.nursing,
  },
  {
    key: "care.in-residential-nursing.18-64",
    label: "People aged 18 to 64 in residential and nursing care at the month's end",
    group: CARE,
    unit: "people",
    measure: "level",
    direction: "down",
    from: "care",
    lists: ["people-residential", "people-nursing"],
    source: "People in residential or nursing care on the month's last day who were 18 to 64 when that placement began.",
    value: (m) => m.peopleInCareByAge["18-64"],
  },
  {
    key: "care.in-residential-nursing.65+",
    label: "People aged 65 and over in residential and nursing care at the month's end",
    group: CARE,
    unit: "people",
    measure: "level",
    direction: "down",
    from: "care",
    lists: ["people-residential", "people-nursing"],
    source: "People in residential or nursing care on the month's last day who were 65 or over when that placement began.",
    value: (m) => m.peopleInCareByAge["65+"],
  },
  {
    key: "care.admissions.18-64",
    label: "Admissions to residential and nursing care, aged 18 to 64",
    group: CARE,
    unit: "admissions",
    measure: "flow",
    direction: "down",
    from: "care",
    lists: ["admissions-18-64"],
    source: "People aged 18 to 64 admitted to long-term residential or nursing care in the month (each person once a month).",
    value: (m) => m.admissions["18-64"],
  },
  {
    key: "care.admissions.65+",
    label: "Admissions to residential and nursing care, aged 65 and over",
    group: CARE,
    unit: "admissions",
    measure: "flow",
    direction: "down",
    from: "care",
    lists: ["admissions-65-plus"],
    source: "People aged 65 and over admitted to long-term residential or nursing care in the month (each person once a month).",
    value: (m) => m.admissions["65+"],
  },
  {
    key: "care.admissions-per-100k.18-64",
    label: "Admissions to residential and nursing care per 100,000 adults aged 18 to 64 (ASCOF 2B)",
    group: CARE,
    unit: "admissions per 100,000 adults",
    measure: "flow",
    direction: "down",
    from: "care",
    lists: ["admissions-18-64"],
    perHundredThousand: "18-64",
    source: "Admissions aged 18 to 64 in the month, per 100,000 adults aged 18 to 64 in the population recorded for the month's year.",
    value: (m) => m.admissions["18-64"],
  },
  {
    key: "care.admissions-per-100k.65+",
    label: "Admissions to residential and nursing care per 100,000 adults aged 65 and over (ASCOF 2C)",
    group: CARE,
    unit: "admissions per 100,000 adults",
    measure: "flow",
    direction: "down",
    from: "care",
    lists: ["admissions-65-plus"],
    perHundredThousand: "65+",
    source: "Admissions aged 65 and over in the month, per 100,000 adults aged 65 and over in the population recorded for the month's year.",
    value: (m) => m.admissions["65+"],
  },
  {
    key: "care.weekly-cost.long-term",
    label: "Weekly cost of long-term support at the month's end",
    group: CARE,
    unit: "£ a week",
    measure: "level",
    direction: "down",
    from: "care",
    lists: ["cost-long-term"],
    source: "The weekly cost of every long-term service active on the month's last day, added up.",
    value: (m) => m.weeklyCost.longTerm,
  },
  {
    key: "care.placement-cost.residential",
    label: "Average weekly cost of a residential placement",
    group: CARE,
    unit: "£ a week",
    measure: "level",
    direction: "down",
    from: "care",
    lists: ["placements-residential"],
    source: "The average weekly cost of the residential placements active on the month's last day whose cost is known.",
    value: (m) => m.averagePlacementCost.residential,
  },
  {
    key: "care.placement-cost.nursing",
    label: "Average weekly cost of a nursing placement",
    group: CARE,
    unit: "£ a week",
    measure: "level",
    direction: "down",
    from: "care",
    lists: ["placements-nursing"],
    source: "The average weekly cost of the nursing placements active on the month's last day whose cost is known.",
    value: (m) => m.averagePlacementCost.nursing,
  },
  {
    key: "care.review-cost-change",
    label: "Change in weekly cost after reviews",
    group: CARE,
    unit: "£ a week",
    measure: "flow",
    direction: "down",
    from: "care",
    lists: ["reviews-costed"],
    source:
      "For reviews completed in the month (and at least 28 days ago): the weekly cost of the person's long-term support 28 days after the review, less the cost when it was asked for, added up.",
    value: (m) => m.reviewCostChange,
  },
  {
    key: "care.reviewed-in-12-months",
    label: "Long-term clients reviewed in the last 12 months",
    group: CARE,
    unit: "%",
    measure: "level",
    direction: "up",
    from: "care",
    lists: ["reviewed-in-last-12-months", "long-term-clients"],
    source: "Of the people in long-term support on the month's last day, the percentage with a review completed in the 12 months before it.",
    value: (m) => percent(m.reviewedInLast12Months, m.longTermClients),
  },
  {
    key: "care.reviews-overdue",
    label: "Reviews overdue at the month's end",
    group: CARE,
    unit: "people",
    measure: "level",
    direction: "down",
    from: "care",
    lists: ["reviews-overdue"],
    source: "People in long-term support on the month's last day whose review was due before it (8 weeks after support began, then every 12 months).",
    value: (m) => m.reviewsOverdue,
  },
];

const workFigure = (figure: FigureKey, unit: string, measure: MetricMeasure, direction: ImprovementDirection): WorkMeasure => ({
  key: `work.${figure}`,
  label: workFigures[figure].label,
  group: WORK,
  unit,
  measure,
  direction,
  from: "work",
  figure,
  source: workFigures[figure].definition,
  value: (m) => figureValue(m, figure),
});

const workMeasures: WorkMeasure[] = [
  workFigure("requestsReceived", "requests", "flow", "neither"),
  workFigure("requestsCompleted", "requests", "flow", "up"),
  workFigure("assessmentsCompleted", "assessments", "flow", "up"),
  workFigure("received", "work items", "flow", "neither"),
  workFigure("completed", "work items", "flow", "up"),
  workFigure("completedOnTime", "work items", "flow", "up"),
  workFigure("allocated", "work items", "level", "neither"),
  workFigure("awaitingAllocation", "work items", "level", "down"),
  workFigure("overdue", "work items", "level", "down"),
  {
    key: "work.timeliness",
    label: "Work completed on time",
    group: WORK,
    unit: "%",
    measure: "flow",
    direction: "up",
    from: "work",
    figure: "completed",
    source: "Work completed in the month on or before its due date, as a percentage of all work completed in the month.",
    value: (m) => {
      const share = timeliness(m);
      return share === null ? null : Math.round(share * 1000) / 10;
    },
  },
];

/** The outcome groups of CLD's assessment outcomes, in CLD's order: one share each. */
const outcomeGroups = [...new Set(cldOutcomes.map(outcomeGroupOf))];

const outcomeMeasures: WorkMeasure[] = outcomeGroups.map((group) => ({
  key: `work.outcome-share.${group}`,
  label: `Assessments that led to: ${group}`,
  group: OUTCOMES,
  unit: "%",
  measure: "flow",
  direction: "neither",
  from: "work",
  figure: "assessmentsCompleted",
  source: `Assessments completed in the month whose outcome is in the group "${group}", as a percentage of all assessments completed in the month.`,
  value: (m) => {
    if (!m.assessmentOutcomeGroups) return null;
    const all = Object.values(m.assessmentOutcomeGroups).reduce((n, v) => n + v, 0);
    return percent(m.assessmentOutcomeGroups[group] ?? 0, all);
  },
}));

export const countedMeasures: readonly CountedMeasure[] = [...careMeasures, ...workMeasures, ...outcomeMeasures];

const byKey = new Map(countedMeasures.map((m) => [m.key, m]));

export function countedMeasureOf(key: string | null | undefined): CountedMeasure | undefined {
  return key ? byKey.get(key) : undefined;
}

/** The measures by group, in the list's order, for the form's grouped choice. */
export function countedMeasureGroups(): { group: string; measures: CountedMeasure[] }[] {
  const groups = new Map<string, CountedMeasure[]>();
  for (const measure of countedMeasures) groups.set(measure.group, [...(groups.get(measure.group) ?? []), measure]);
  return [...groups].map(([group, measures]) => ({ group, measures }));
}

/** "the whole service", "South Locality", "South Locality and North Locality". */
export function scopeInWords(teamNames: readonly string[]): string {
  if (teamNames.length === 0) return "the whole service";
  if (teamNames.length === 1) return teamNames[0]!;
  return `${teamNames.slice(0, -1).join(", ")} and ${teamNames.at(-1)}`;
}
