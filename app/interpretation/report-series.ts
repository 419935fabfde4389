/*
 * The monthly series of a team report that are read for signals, with the
 * words and the direction people expect of each. A series is named by a key
 * that the address, the stored targets and the recalculations share:
 * "overdue", or "outcomeShare:<outcome group>" for the share of assessments.
 */
import type { ImprovementDirection } from "../../db/schema";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import type { CareMonthFigures, CareMonthRow } from "~/care/care-figures";

export type SeriesUnit = "count" | "percent" | "pounds";

/** A month as the series read it: the work figures, and the care figures beside them where the service has services. */
export type SeriesMonth = MonthFigures & { care?: CareMonthRow | null };

export interface ReportSeries {
  key: string;
  label: string;
  /** What one point is, in words, for the chart's axis and the prompts. */
  measures: string;
  unit: SeriesUnit;
  /** Which way is better when nobody has said otherwise for the team or the service. */
  defaultDirection: ImprovementDirection;
  value(month: SeriesMonth): number | null;
}

/** Finished months read for signals: two years gives the limits enough points, and a year either side of a change. */
export const SIGNAL_MONTHS = 24;

const OUTCOME_SHARE = "outcomeShare:";

const percentOf = (part: number | null | undefined, whole: number | null | undefined) => (whole ? ((part ?? 0) / whole) * 100 : null);

const fixedSeries: ReportSeries[] = [
  {
    key: "received",
    label: "Work received",
    measures: "work items received in the month",
    unit: "count",
    // More referrals are neither good nor bad in themselves: demand to understand, not a score.
    defaultDirection: "neither",
    value: (m) => m.received,
  },
  {
    key: "completed",
    label: "Work completed",
    measures: "work items completed in the month",
    unit: "count",
    defaultDirection: "up",
    value: (m) => m.completed,
  },
  {
    key: "onTimeRate",
    label: "Completed on time",
    measures: "% of the month's completed work done by its due date",
    unit: "percent",
    defaultDirection: "up",
    value: (m) => {
      const rate = timeliness(m);
      return rate === null ? null : rate * 100;
    },
  },
  {
    key: "overdue",
    label: "Overdue",
    measures: "open work items past their due date at the month's end",
    unit: "count",
    defaultDirection: "down",
    value: (m) => m.overdue,
  },
  {
    key: "awaitingAllocation",
    label: "Awaiting allocation",
    measures: "work items waiting for a worker at the month's end",
    unit: "count",
    defaultDirection: "down",
    value: (m) => m.awaitingAllocation,
  },
];

/** The care figures of a month, or null when it has none (a month to come, or no services loaded). */
function careOf(m: SeriesMonth): CareMonthFigures | null {
  return m.care && m.care.longTermPeople !== null ? (m.care as CareMonthFigures) : null;
}

const CARE = "care:";

/** The care report's monthly series (docs/definitions.md#care-and-support): read like the work figures, with the same engine. */
const careSeries: ReportSeries[] = [
  {
    key: `${CARE}longTermCost`,
    label: "Weekly cost of long-term support",
    measures: "pounds a week of the long-term services active at the month's end",
    unit: "pounds",
    // Spending less for the same people is the result the approach is judged by (Ealing); a manager can say otherwise.
    defaultDirection: "down",
    value: (m) => careOf(m)?.weeklyCost.longTerm ?? null,
  },
  {
    key: `${CARE}inResidentialOrNursing`,
    label: "People in residential or nursing care",
    measures: "people in residential or nursing care at the month's end",
    unit: "count",
    defaultDirection: "down",
    value: (m) => {
      const care = careOf(m);
      return care ? care.longTermPeople.residential + care.longTermPeople.nursing : null;
    },
  },
  {
    key: `${CARE}admissions`,
    label: "Admissions to residential or nursing care",
    measures: "people admitted to residential or nursing care in the month",
    unit: "count",
    defaultDirection: "down",
    value: (m) => {
      const care = careOf(m);
      return care ? care.admissions["18-64"] + care.admissions["65+"] + care.admissions.unknown : null;
    },
  },
  {
    key: `${CARE}reviewCostChange`,
    label: "Change in weekly cost after reviews",
    measures: "pounds a week that the month's costed reviews changed long-term support by",
    unit: "pounds",
    defaultDirection: "down",
    value: (m) => careOf(m)?.reviewCostChange ?? null,
  },
  {
    key: `${CARE}reviewedShare`,
    label: "Long-term clients reviewed in the last 12 months",
    measures: "% of long-term clients at the month's end with a review in the 12 months before",
    unit: "percent",
    defaultDirection: "up",
    value: (m) => {
      const care = careOf(m);
      return care ? percentOf(care.reviewedInLast12Months, care.longTermClients) : null;
    },
  },
  {
    key: `${CARE}reviewsOverdue`,
    label: "Reviews overdue",
    measures: "long-term clients whose review was past due at the month's end",
    unit: "count",
    defaultDirection: "down",
    value: (m) => careOf(m)?.reviewsOverdue ?? null,
  },
];

/** Whether a team's months carry any care and support: a team without services reads no care series. */
export function hasCareActivity(months: readonly SeriesMonth[]): boolean {
  return months.some((m) => {
    const care = careOf(m);
    return care !== null && (care.longTermClients > 0 || care.started > 0 || care.weeklyCost.shortTerm > 0 || care.weeklyCost.carer > 0);
  });
}

function outcomeShareSeries(group: string): ReportSeries {
  return {
    key: `${OUTCOME_SHARE}${group}`,
    // The group's own words, as the outcome tables show them ("Progress to reablement/ST-Max").
    label: `${group} (share of assessments)`,
    measures: `% of the month's completed assessments with the outcome "${group}"`,
    unit: "percent",
    // Whether more long-term support is better depends on the team's purpose: its manager says.
    defaultDirection: "neither",
    value: (m) => {
      const groups = m.assessmentOutcomeGroups;
      if (!groups) return null;
      return percentOf(
        groups[group],
        Object.values(groups).reduce((n, v) => n + v, 0),
      );
    },
  };
}

/** Every series a report reads: the outcome shares for the groups seen in its months, and the care series when it has care. */
export function reportSeriesFor(outcomeGroups: readonly string[], withCare = false): ReportSeries[] {
  return [...fixedSeries, ...outcomeGroups.map(outcomeShareSeries), ...(withCare ? careSeries : [])];
}

/** The series a key names, or undefined for a key Primed does not know. */
export function reportSeriesOf(key: string, outcomeGroups: readonly string[]): ReportSeries | undefined {
  if (key.startsWith(OUTCOME_SHARE)) {
    const group = key.slice(OUTCOME_SHARE.length);
    return outcomeGroups.includes(group) ? outcomeShareSeries(group) : undefined;
  }
  return [...fixedSeries, ...careSeries].find((series) => series.key === key);
}

// Made once: building a number format costs more than a page's other work on a figure.
const wholeNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

export function formatSeriesValue(value: number, unit: SeriesUnit): string {
  if (unit === "percent") return `${value.toFixed(value < 10 ? 1 : 0)}%`;
  if (unit === "pounds") return `${value < 0 ? "−" : ""}£${wholeNumber.format(Math.abs(value))}`;
  return (Number.isInteger(value) ? wholeNumber : oneDecimal).format(value);
}
