/*
 * The lists behind each care figure (docs/definitions.md#care-and-support): the
 * services, reviews or long-term clients a figure counts, read from the same
 * month detail as the figure itself, so a list always has exactly as many rows
 * as its figure says (and its weekly costs add up to the figure's money).
 */
import type { IsoDate, IsoMonth } from "~/dates";
import { careMonthDetail, careWindow, oneOffsStarted, placementsWithKnownCost, type CareBook, type CareMonthDetail, type CareScope, type CareService } from "./care-figures";
import { careSettingLabels, groupOf, serviceGroupLabels, serviceTypes, settingOf, toPence, type AgeGroup, type CareSetting, type ServiceGroup } from "./service-types";

/** Every figure of the care report that opens a list, as the address names it. */
export const careFigureKeys = [
  "people-nursing",
  "people-residential",
  "people-community",
  "people-prison",
  "cost-long-term",
  "cost-short-term",
  "cost-carer",
  "cost-not-known",
  "started",
  "ended",
  "one-off",
  "admissions",
  "admissions-18-64",
  "admissions-65-plus",
  "admissions-unknown",
  "placements-residential",
  "placements-nursing",
  "reviews-costed",
  "reviews-reduced",
  "reviews-increased",
  "reviews-unchanged",
  "reviews-too-recent",
  "long-term-clients",
  "reviewed-in-last-12-months",
  "reviews-overdue",
] as const;
export type CareFigureKey = (typeof careFigureKeys)[number];

export type CareListKind = "services" | "reviews" | "clients";

/** What a list is called, what kind of rows it has, and the figure's definition in a manager's words. */
export const careFigureLabels: Record<CareFigureKey, { title: string; kind: CareListKind; definition: string }> = {
  "people-nursing": {
    title: "People in nursing care",
    kind: "services",
    definition: "People with a long-term nursing care service at the month's end (in the current month, the as-of date).",
  },
  "people-residential": {
    title: "People in residential care",
    kind: "services",
    definition: "People with a long-term residential care service at the month's end, and no nursing care.",
  },
  "people-community": {
    title: "People supported in the community",
    kind: "services",
    definition: "People with long-term support in the community at the month's end, and no residential or nursing care.",
  },
  "people-prison": {
    title: "People supported in prison",
    kind: "services",
    definition: "People with long-term support in prison at the month's end, and no other long-term setting.",
  },
  "cost-long-term": { title: "Long-term support: weekly cost", kind: "services", definition: "The weekly cost of every long-term service active at the month's end." },
  "cost-short-term": { title: "Short-term support: weekly cost", kind: "services", definition: "The weekly cost of every short-term service active at the month's end." },
  "cost-carer": { title: "Unpaid carer support: weekly cost", kind: "services", definition: "The weekly cost of every service for unpaid carers active at the month's end." },
  "cost-not-known": {
    title: "Services whose cost is not known",
    kind: "services",
    definition: "Services active at the month's end with no unit cost in the extract: they count as nothing in the weekly cost.",
  },
  started: { title: "Services started", kind: "services", definition: "Services that started in the month (in the current month, up to the as-of date)." },
  ended: { title: "Services ended", kind: "services", definition: "Services whose last day fell in the month (in the current month, up to the as-of date)." },
  "one-off": { title: "One-off costs", kind: "services", definition: "One-off services that started in the month: their unit cost is paid once." },
  admissions: {
    title: "Admissions to residential or nursing care",
    kind: "services",
    definition: "People who started residential or nursing care in the month, not having been in either (in any team) the day before; each person once a month, at any age.",
  },
  "admissions-18-64": {
    title: "Admissions to residential or nursing care, aged 18 to 64",
    kind: "services",
    definition: "People aged 18 to 64 who started residential or nursing care in the month, not having been in either (in any team) the day before.",
  },
  "admissions-65-plus": {
    title: "Admissions to residential or nursing care, aged 65 and over",
    kind: "services",
    definition: "People aged 65 and over who started residential or nursing care in the month, not having been in either (in any team) the day before.",
  },
  "admissions-unknown": {
    title: "Admissions to residential or nursing care, age not known",
    kind: "services",
    definition: "People with no date of birth in the extract who started residential or nursing care in the month, not having been in either the day before.",
  },
  "placements-residential": {
    title: "Residential placements with a known cost",
    kind: "services",
    definition: "Long-term residential care services active at the month's end with a unit cost: their average weekly cost is the placement cost.",
  },
  "placements-nursing": {
    title: "Nursing placements with a known cost",
    kind: "services",
    definition: "Long-term nursing care services active at the month's end with a unit cost: their average weekly cost is the placement cost.",
  },
  "reviews-costed": {
    title: "Reviews and what they changed in weekly cost",
    kind: "reviews",
    definition:
      "Reviews completed in the month at least 28 days before the as-of date: the person's long-term weekly cost (in any team) when the review started, and 28 days after it was completed.",
  },
  "reviews-reduced": { title: "Reviews that reduced weekly cost", kind: "reviews", definition: "Costed reviews after which the person's long-term support cost less a week." },
  "reviews-increased": { title: "Reviews that increased weekly cost", kind: "reviews", definition: "Costed reviews after which the person's long-term support cost more a week." },
  "reviews-unchanged": {
    title: "Reviews that left weekly cost unchanged",
    kind: "reviews",
    definition: "Costed reviews after which the person's long-term support cost the same.",
  },
  "reviews-too-recent": {
    title: "Reviews too recent to tell",
    kind: "reviews",
    definition: "Reviews completed in the month less than 28 days before the as-of date: their effect on cost is not known yet.",
  },
  "long-term-clients": { title: "Long-term clients", kind: "clients", definition: "People with an active long-term service at the month's end." },
  "reviewed-in-last-12-months": {
    title: "Long-term clients reviewed in the last 12 months",
    kind: "clients",
    definition: "Long-term clients with a review (in any team) completed in the 12 months to the month's end (CQC's measure).",
  },
  "reviews-overdue": {
    title: "Reviews overdue",
    kind: "clients",
    definition:
      "Long-term clients whose next review is past due: a year after their last review since their support started, or, with none, 8 weeks after their support started. Most overdue first.",
  },
};

export interface CareServiceRow {
  id: number;
  reference: string;
  person: string;
  service: string;
  setting: string;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  /**
   * Pounds a week, exact (rounded only for display, as the definitions say): the
   * figure is the rounded sum of these, and a sum of rows rounded one by one
   * could be pennies out. For a one-off, its one-off cost is in `oneOffCost`.
   */
  weeklyCost: number;
  oneOffCost: number | null;
  costKnown: boolean;
  workerId: number | null;
}

export interface CareReviewRow {
  id: number;
  reference: string;
  person: string;
  receivedOn: IsoDate;
  completedOn: IsoDate;
  /** Pounds a week, exact (rounded only for display, as `weeklyCost` above); null for a review too recent to tell. */
  before: number | null;
  after: number | null;
  change: number | null;
  workerId: number | null;
}

export interface CareClientRow {
  person: string;
  supportStart: IsoDate;
  lastReview: IsoDate | null;
  reviewDue: IsoDate;
  daysOverdue: number;
  workerId: number | null;
}

export type CareList = { kind: "services"; rows: CareServiceRow[] } | { kind: "reviews"; rows: CareReviewRow[] } | { kind: "clients"; rows: CareClientRow[] };

function settingLabel(service: CareService): string {
  const setting = settingOf(service.type);
  return setting ? careSettingLabels[setting] : serviceGroupLabels[groupOf(service.type)];
}

export function serviceRow(service: CareService): CareServiceRow {
  return {
    id: service.id,
    reference: service.sourceRef,
    person: service.personRef,
    service: serviceTypes[service.type],
    setting: settingLabel(service),
    startsOn: service.startsOn,
    endsOn: service.endsOn,
    weeklyCost: service.weeklyCost,
    oneOffCost: service.costFrequency === "one_off" ? service.unitCost : null,
    costKnown: service.unitCost !== null,
    workerId: service.workerId,
  };
}

const settingOfFigure: Partial<Record<CareFigureKey, CareSetting>> = {
  "people-nursing": "nursing",
  "people-residential": "residential",
  "people-community": "community",
  "people-prison": "prison",
};
const groupOfFigure: Partial<Record<CareFigureKey, ServiceGroup>> = { "cost-long-term": "long_term", "cost-short-term": "short_term", "cost-carer": "carer" };
const ageOfFigure: Partial<Record<CareFigureKey, AgeGroup>> = { "admissions-18-64": "18-64", "admissions-65-plus": "65+", "admissions-unknown": "unknown" };

function servicesOf(detail: CareMonthDetail, figure: CareFigureKey): CareService[] {
  const setting = settingOfFigure[figure];
  if (setting) return detail.longTermPeople[setting];
  const group = groupOfFigure[figure];
  if (group) return detail.active.filter((s) => groupOf(s.type) === group);
  const age = ageOfFigure[figure];
  if (age) return detail.admissions.filter((a) => a.ageGroup === age).map((a) => a.service);
  if (figure === "admissions") return detail.admissions.map((a) => a.service);
  switch (figure) {
    case "cost-not-known":
      return detail.active.filter((s) => s.unitCost === null);
    case "started":
      return detail.started;
    case "ended":
      return detail.ended;
    case "one-off":
      return oneOffsStarted(detail);
    case "placements-residential":
      return placementsWithKnownCost(detail, "residential");
    case "placements-nursing":
      return placementsWithKnownCost(detail, "nursing");
    default:
      return [];
  }
}

/** The list behind one figure of one month, for a scope, as of a date; null for a month after the as-of month. */
export function careList(book: CareBook, scope: CareScope, month: IsoMonth, asOf: IsoDate, figure: CareFigureKey): CareList | null {
  const detail = careMonthDetail(book, scope, careWindow(month, asOf));
  if (!detail) return null;
  const { kind } = careFigureLabels[figure];
  if (kind === "services") return { kind, rows: servicesOf(detail, figure).map(serviceRow) };
  if (kind === "reviews") {
    if (figure === "reviews-too-recent") {
      return {
        kind,
        rows: detail.reviewsTooRecent.map((r) => ({
          id: r.id,
          reference: r.sourceRef,
          person: r.personRef,
          receivedOn: r.receivedOn,
          completedOn: r.completedOn,
          before: null,
          after: null,
          change: null,
          workerId: r.workerId,
        })),
      };
    }
    const rows = detail.reviewsCosted
      .map(({ review, before, after }) => ({
        id: review.id,
        reference: review.sourceRef,
        person: review.personRef,
        receivedOn: review.receivedOn,
        completedOn: review.completedOn,
        before,
        after,
        change: after - before,
        workerId: review.workerId,
      }))
      // Compared to the penny, as the figures compare them.
      .filter((r) => {
        const change = toPence(r.change);
        return figure === "reviews-reduced" ? change < 0 : figure === "reviews-increased" ? change > 0 : figure === "reviews-unchanged" ? change === 0 : true;
      });
    return { kind, rows };
  }
  const clients = detail.longTermClients.filter((c) =>
    figure === "reviewed-in-last-12-months" ? c.reviewedInLast12Months : figure === "reviews-overdue" ? c.daysOverdue > 0 : true,
  );
  return {
    kind,
    rows: clients.map((c) => ({
      person: c.personRef,
      supportStart: c.supportStart,
      lastReview: c.lastReview,
      reviewDue: c.reviewDue,
      daysOverdue: c.daysOverdue,
      workerId: c.services[0]!.workerId,
    })),
  };
}
