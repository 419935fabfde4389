/*
 * The team report's fourth section, "Care and support, and what it costs"
 * (docs/definitions.md#care-and-support): chart specs and sentences built from
 * the care figures of care-figures.ts. Money is in pounds, as a council writes it.
 */
import type { CareMonthFigures, CareMonthRow } from "~/care/care-figures";
import { formatPounds } from "~/care/service-types";
import { formatMonthLong, type IsoDate } from "~/dates";
import { colours, type ChartSeries, type ChartSpec } from "./chart-spec";
import type { CareFigureKey } from "~/care/care-lists";
import type { CareFigureLinker } from "./care-query";
import { monthLabel } from "./part-month";

/** A month of the care report: its figures and whether it is the month so far. */
export type CareReportMonth = CareMonthFigures & { kind: "past" | "current" };

/** The months that have care figures (none after the as-of month), each marked past or current. */
export function careReportMonths(rows: CareMonthRow[], asOfMonth: string): CareReportMonth[] {
  return rows.filter((r): r is CareMonthFigures => r.longTermPeople !== null).map((r) => ({ ...r, kind: r.month === asOfMonth ? "current" : "past" }));
}

function nothingIn(value: unknown): boolean {
  if (value === null || value === 0) return true;
  return typeof value === "object" && Object.values(value).every(nothingIn);
}

/**
 * Whether the months hold no care figure at all: no one in support, no cost,
 * nothing started or ended, no review done or due. A front door's people
 * usually have no services; four charts and five tables of zeros would tell
 * its manager nothing (and cost the page a third of its render), so the report
 * says so in a sentence instead.
 */
export function careReportIsEmpty(months: readonly CareReportMonth[]): boolean {
  return months.every(({ month: _month, kind: _kind, ...figures }) => nothingIn(figures));
}

export function longTermTotal(m: CareMonthFigures): number {
  return m.longTermPeople.nursing + m.longTermPeople.residential + m.longTermPeople.community + m.longTermPeople.prison;
}

export function weeklyTotal(m: CareMonthFigures): number {
  return m.weeklyCost.longTerm + m.weeklyCost.shortTerm + m.weeklyCost.carer;
}

export function admissionsTotal(m: CareMonthFigures): number {
  return m.admissions["18-64"] + m.admissions["65+"] + m.admissions.unknown;
}

/** The share of long-term clients reviewed in the last 12 months; null with no clients. */
export function reviewedShare(m: Pick<CareMonthFigures, "longTermClients" | "reviewedInLast12Months">): number | null {
  return m.longTermClients === 0 ? null : m.reviewedInLast12Months / m.longTermClients;
}

function series(months: CareReportMonth[], s: Omit<ChartSeries, "links">, figure: CareFigureKey | null, linkTo?: CareFigureLinker): ChartSeries {
  return { ...s, links: linkTo && figure ? months.map((m, i) => (s.data[i] ? linkTo({ figure, month: m.month }) : null)) : undefined };
}

export function longTermPeopleChart(months: CareReportMonth[], linkTo?: CareFigureLinker): ChartSpec {
  const last = months.at(-1);
  return {
    labels: months.map(monthLabel),
    yTitle: "People",
    summary: `People in long-term support at each month's end, by setting, for ${months.length} months${
      last
        ? `; in ${monthLabel(last)} ${longTermTotal(last)}: ${last.longTermPeople.nursing} in nursing care, ${last.longTermPeople.residential} in residential care and ${last.longTermPeople.community} in the community`
        : ""
    }.`,
    series: [
      series(months, { label: "Nursing care", data: months.map((m) => m.longTermPeople.nursing), colour: colours.darkBlue, stack: "people" }, "people-nursing", linkTo),
      series(months, { label: "Residential care", data: months.map((m) => m.longTermPeople.residential), colour: colours.purple, stack: "people" }, "people-residential", linkTo),
      series(months, { label: "Community", data: months.map((m) => m.longTermPeople.community), colour: colours.turquoise, stack: "people" }, "people-community", linkTo),
      series(months, { label: "Prison", data: months.map((m) => m.longTermPeople.prison), colour: colours.grey, stack: "people" }, "people-prison", linkTo),
    ],
  };
}

export function weeklyCostChart(months: CareReportMonth[], linkTo?: CareFigureLinker): ChartSpec {
  const last = months.at(-1);
  return {
    labels: months.map(monthLabel),
    yTitle: "Pounds a week",
    money: true,
    summary: `The weekly cost of the services active at each month's end, by group, for ${months.length} months${
      last
        ? `; in ${monthLabel(last)} ${formatPounds(weeklyTotal(last), { pence: false })} a week, of which long-term support ${formatPounds(last.weeklyCost.longTerm, { pence: false })}`
        : ""
    }.`,
    series: [
      series(months, { label: "Long-term support", data: months.map((m) => m.weeklyCost.longTerm), colour: colours.blue, stack: "cost" }, "cost-long-term", linkTo),
      series(months, { label: "Short-term support", data: months.map((m) => m.weeklyCost.shortTerm), colour: colours.green, stack: "cost" }, "cost-short-term", linkTo),
      series(months, { label: "Unpaid carer support", data: months.map((m) => m.weeklyCost.carer), colour: colours.orange, stack: "cost" }, "cost-carer", linkTo),
    ],
  };
}

export function admissionsChart(months: CareReportMonth[], linkTo?: CareFigureLinker): ChartSpec {
  const total = months.reduce((n, m) => n + admissionsTotal(m), 0);
  const older = months.reduce((n, m) => n + m.admissions["65+"], 0);
  return {
    labels: months.map(monthLabel),
    yTitle: "Admissions",
    summary: `Admissions to residential or nursing care each month, by age group: ${total} in ${months.length} months, ${older} of them aged 65 and over.`,
    series: [
      series(months, { label: "Aged 18 to 64", data: months.map((m) => m.admissions["18-64"]), colour: colours.purple, stack: "admissions" }, "admissions-18-64", linkTo),
      series(months, { label: "Aged 65 and over", data: months.map((m) => m.admissions["65+"]), colour: colours.darkBlue, stack: "admissions" }, "admissions-65-plus", linkTo),
      series(months, { label: "Age not known", data: months.map((m) => m.admissions.unknown), colour: colours.grey, stack: "admissions" }, "admissions-unknown", linkTo),
    ],
  };
}

export function reviewsChart(months: CareReportMonth[], linkTo?: CareFigureLinker): ChartSpec {
  const reduced = months.reduce((n, m) => n + m.reviewsReduced, 0);
  const costed = months.reduce((n, m) => n + m.reviewsCosted, 0);
  return {
    labels: months.map(monthLabel),
    yTitle: "Reviews",
    summary: `Reviews completed each month and what they changed in weekly cost: ${costed} costed in ${months.length} months, ${reduced} of them reduced it.`,
    series: [
      series(months, { label: "Reduced cost", data: months.map((m) => m.reviewsReduced), colour: colours.green, stack: "reviews" }, "reviews-reduced", linkTo),
      series(months, { label: "Unchanged", data: months.map((m) => m.reviewsUnchanged), colour: colours.grey, stack: "reviews" }, "reviews-unchanged", linkTo),
      series(months, { label: "Increased cost", data: months.map((m) => m.reviewsIncreased), colour: colours.orange, stack: "reviews" }, "reviews-increased", linkTo),
      series(months, { label: "Too recent to tell", data: months.map((m) => m.reviewsTooRecent), colour: colours.lightPurple, stack: "reviews" }, "reviews-too-recent", linkTo),
    ],
  };
}

function people(n: number): string {
  return `${n} ${n === 1 ? "person" : "people"}`;
}

/**
 * What the reviews of the latest month with costed reviews did to weekly costs, in words:
 * "Reviews completed in September 2026 reduced weekly costs by £2,340 across 14 people."
 */
export function reviewsSentence(months: CareReportMonth[]): string | null {
  const month = months.filter((m) => m.reviewsCosted > 0).at(-1);
  if (!month) return null;
  const when = formatMonthLong(month.month);
  const across = people(month.reviewsCosted);
  const change = month.reviewCostChange;
  const said =
    change < 0
      ? `reduced weekly costs by ${formatPounds(-change)} across ${across}`
      : change > 0
        ? `increased weekly costs by ${formatPounds(change)} across ${across}`
        : `left weekly costs unchanged across ${across}`;
  // The breakdown only when it adds something: "8 left unchanged" after "left weekly costs unchanged" does not.
  if (month.reviewsUnchanged === month.reviewsCosted) return `Reviews completed in ${when} ${said}.`;
  return `Reviews completed in ${when} ${said}: ${month.reviewsReduced} reduced, ${month.reviewsIncreased} increased and ${month.reviewsUnchanged} left unchanged.`;
}

/** The latest month's people and money in words, with the change on the month before. */
export function careHeadline(months: CareReportMonth[], asOf: IsoDate): string | null {
  const last = months.at(-1);
  if (!last) return null;
  const before = months.at(-2);
  const when = last.kind === "current" ? `On ${asOf.slice(8, 10).replace(/^0/, "")} ${formatMonthLong(last.month)}` : `At the end of ${formatMonthLong(last.month)}`;
  const cost = formatPounds(last.weeklyCost.longTerm, { pence: false });
  const change = before ? last.weeklyCost.longTerm - before.weeklyCost.longTerm : 0;
  const changed = !before
    ? ""
    : Math.round(change) === 0
      ? `, the same as a month before`
      : `, ${change > 0 ? "up" : "down"} ${formatPounds(Math.abs(change), { pence: false })} since the end of ${formatMonthLong(before.month)}`;
  return `${when}, ${people(longTermTotal(last))} had long-term support costing ${cost} a week${changed}; ${last.longTermPeople.residential} in residential and ${last.longTermPeople.nursing} in nursing care.`;
}

/** The care figures' columns in a report's CSV: money in pounds to the penny, empty after the as-of month. */
export const careCsvHeader = [
  "People in nursing care",
  "People in residential care",
  "People supported in the community",
  "People supported in prison",
  "Long-term support, weekly cost (£)",
  "Short-term support, weekly cost (£)",
  "Unpaid carer support, weekly cost (£)",
  "Services with no cost",
  "Services started",
  "Services started, weekly cost (£)",
  "One-off costs (£)",
  "Services ended",
  "Services ended, weekly cost (£)",
  "Admissions aged 18-64",
  "Admissions aged 65 and over",
  "Admissions, age not known",
  "Residential placement, average weekly cost (£)",
  "Nursing placement, average weekly cost (£)",
  "Reviews costed",
  "Reviews too recent to tell",
  "Change in weekly cost after reviews (£)",
  "Reviews that reduced cost",
  "Reviews that increased cost",
  "Reviews that left cost unchanged",
  "Long-term clients",
  "Long-term clients reviewed in the last 12 months",
  "Reviews overdue",
];

export function careCsvCells(row: CareMonthRow | undefined): (number | null)[] {
  if (!row || row.longTermPeople === null) return careCsvHeader.map(() => null);
  const m = row as CareMonthFigures;
  return [
    m.longTermPeople.nursing,
    m.longTermPeople.residential,
    m.longTermPeople.community,
    m.longTermPeople.prison,
    m.weeklyCost.longTerm,
    m.weeklyCost.shortTerm,
    m.weeklyCost.carer,
    m.costNotKnown,
    m.started,
    m.startedWeeklyCost,
    m.oneOffCost,
    m.ended,
    m.endedWeeklyCost,
    m.admissions["18-64"],
    m.admissions["65+"],
    m.admissions.unknown,
    m.averagePlacementCost.residential,
    m.averagePlacementCost.nursing,
    m.reviewsCosted,
    m.reviewsTooRecent,
    m.reviewCostChange,
    m.reviewsReduced,
    m.reviewsIncreased,
    m.reviewsUnchanged,
    m.longTermClients,
    m.reviewedInLast12Months,
    m.reviewsOverdue,
  ];
}
