/*
 * The demo council's care and support: the services of the people its teams
 * support, as the care system's Service rows (docs/definitions.md#care-and-support).
 *
 * Services are derived from the teams' work items, never the other way round,
 * so the work (and every figure counted from it) is exactly as before. A review's
 * person is a person in long-term support: their support starts eight weeks
 * before the review is due (the first review, so the review item's timeliness is
 * the person's), changes around the review, and ends some months after it. A
 * reablement assessment's person gets ST-Max, a carer's assessment's carer gets
 * carer support. Each team draws from a random stream of its own, apart from the
 * work's, so adding care changed no work item and the same seed gives the same services.
 *
 * The three stories (docs/using-primed.md#the-demo-council): South Locality's
 * strengths-based practice admits fewer people to residential care from the month
 * of the change; the Reviewing Team's reviews usually move a package to a cheaper
 * one; North Locality's slower reviews leave more long-term clients overdue a review.
 */
import type { TeamType } from "../../db/schema";
import { addDays, addMonths, daysBetween, firstDayOf, monthOf, type IsoDate } from "~/dates";
import type { CostFrequency, ServiceTypeCode } from "~/care/service-types";
import type { DemoTeamPlan } from "./council";
import { DemoRandom } from "./random";

export interface DemoService {
  sourceRef: string;
  personRef: string;
  teamName: string;
  workerKey: string | null;
  serviceType: ServiceTypeCode;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  /** Null: the care system holds no cost for it ("cost not known"). */
  unitCost: number | null;
  costFrequency: CostFrequency;
  plannedUnits: number | null;
  serviceComponent: string;
  deliveryMechanism: string;
  providerLocation: string | null;
  /** Only for the extract and the age at the start: never stored. */
  dateOfBirth: IsoDate | null;
  clientType: "Service user" | "Unpaid carer";
}

/** What a team's care looks like: who of its reviews' people have arranged support, in what setting, and how reviews change it. */
interface CareProfile {
  /** Share of the team's reviews whose person has long-term support arranged by the council. */
  reviewed: number;
  residential: number;
  nursing: number;
  /** Share of people under 65 (the rest are 65 and over). */
  under65: number;
  /** Chance a completed review changes a community package, and that the new one is cheaper. */
  changeAtReview: number;
  cheaperAtReview: number;
  /** Chance a person at home moves to residential or nursing care some time after their review. */
  moveToCare: number;
}

const profiles: Partial<Record<TeamType, CareProfile>> = {
  locality: { reviewed: 0.6, residential: 0.14, nursing: 0.075, under65: 0.15, changeAtReview: 0.3, cheaperAtReview: 0.5, moveToCare: 0.12 },
  // Reviewing teams exist to right-size packages: most reviews change one, usually to a cheaper one.
  reviewing: { reviewed: 0.95, residential: 0.13, nursing: 0.07, under65: 0.15, changeAtReview: 0.85, cheaperAtReview: 0.78, moveToCare: 0.06 },
  learning_disability: { reviewed: 0.8, residential: 0.15, nursing: 0.015, under65: 0.9, changeAtReview: 0.3, cheaperAtReview: 0.5, moveToCare: 0.03 },
  mental_health: { reviewed: 0.6, residential: 0.1, nursing: 0.035, under65: 0.7, changeAtReview: 0.3, cheaperAtReview: 0.5, moveToCare: 0.05 },
};

/** Teams whose assessments lead to short-term support (ST-Max and discharge beds) or long-term placements. */
const shortTermTeams: TeamType[] = ["short_term_ot", "hospital_discharge", "locality", "learning_disability", "mental_health"];

/** Review outcomes that end the person's support on the day the review is completed. */
const endingOutcomes = new Set(["NFA: Deceased", "NFA: Support ended as planned", "NFA: Support ended for other reason", "NFA: Responsibility moved to another local authority"]);

/** South Locality's strengths-based practice, from the month of the change: fewer placements. */
const STRENGTHS_RESIDENTIAL = 0.35;
const STRENGTHS_NURSING = 0.6;
const STRENGTHS_MOVES = 0.3;

/** People already in support when the demo's history begins: a review in its first months may be of someone supported for years. */
const EARLY_DAYS = 600;

/** The work item a service is derived from (a generated item, before or after it has its reference). */
export interface CareAnchor {
  personRef: string;
  workTypeCode: string;
  teamName: string;
  workerKey: string | null;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  outcome: string | null;
}

export type NewService = Omit<DemoService, "sourceRef">;

/** The earliest a service can start before the received date of the item it comes from, for people new to support. */
export const CARE_LEAD_DAYS = 30;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** One team's services, derived item by item from its work in the order the work was generated. */
export class TeamCare {
  private readonly profile: CareProfile | undefined;
  private readonly strengthsFrom: IsoDate | null;
  private readonly reviewsBehindFrom: IsoDate | null;
  private readonly careHomes: string[];
  private readonly homeCareProviders: string[];
  private readonly dayCentres: string[];

  /** `share` thins the people with arranged support (the large council has fewer per team than the demo). */
  constructor(
    private readonly plan: DemoTeamPlan,
    private readonly random: DemoRandom,
    private readonly start: IsoDate,
    private readonly today: IsoDate,
    private readonly share = 1,
  ) {
    this.profile = profiles[plan.type];
    const story = plan.story;
    const storyStart = story ? firstDayOf(addMonths(monthOf(today), -story.monthsAgo)) : null;
    this.strengthsFrom = story?.kind === "practice_change" ? storyStart : null;
    this.reviewsBehindFrom = story?.kind === "overdue_reviews_climb" ? storyStart : null;
    const location = () => `1-${this.random.int(100_000_000, 9_999_999_999)}`;
    this.careHomes = Array.from({ length: 30 }, location);
    this.homeCareProviders = Array.from({ length: 12 }, location);
    this.dayCentres = Array.from({ length: 5 }, location);
  }

  private pickFrom(list: string[]): string {
    return list[this.random.int(0, list.length - 1)]!;
  }

  private dateOfBirth(on: IsoDate, under65: number): IsoDate | null {
    if (this.random.chance(0.04)) return null;
    const age = this.random.chance(under65) ? this.random.int(19, 64) : 65 + Math.min(34, this.random.skewedDays(17, 0.5));
    const year = Number(on.slice(0, 4)) - age - 1;
    const month = this.random.int(1, 12);
    const day = this.random.int(1, 28);
    return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }

  /** Only what has happened by today: a service not yet started is left out, one ending after today is open. */
  private service(s: Omit<NewService, "teamName" | "endsOn"> & { endsOn: IsoDate | null }, out: NewService[]) {
    if (s.startsOn > this.today) return;
    const endsOn = s.endsOn !== null && s.endsOn <= this.today ? s.endsOn : null;
    // A few services carry no cost in the care system: their cost is not known.
    const unitCost = s.costFrequency !== "no_charge" && this.random.chance(0.015) ? null : s.unitCost;
    out.push({ ...s, endsOn, unitCost, teamName: this.plan.name });
  }

  servicesFor(item: CareAnchor): NewService[] {
    const out: NewService[] = [];
    const code = item.workTypeCode;
    if ((code === "planned_review" || code === "unplanned_review") && this.profile && this.random.chance(this.profile.reviewed * this.share)) {
      this.longTermSupport(item, this.profile, out);
    } else if (shortTermTeams.includes(this.plan.type) && item.completedOn && (code === "short_term_assessment" || code === "care_act_assessment")) {
      this.shortTermSupport(item, out);
    } else if (code === "carers_assessment" && item.completedOn && item.outcome === "Progress to support planning or services" && this.random.chance(0.7 * this.share)) {
      this.carerSupport(item, item.completedOn, out);
    }
    return out;
  }

  private placementChances(on: IsoDate, profile: CareProfile): { residential: number; nursing: number } {
    if (this.strengthsFrom && on >= this.strengthsFrom) {
      return { residential: profile.residential * STRENGTHS_RESIDENTIAL, nursing: profile.nursing * STRENGTHS_NURSING };
    }
    return { residential: profile.residential, nursing: profile.nursing };
  }

  private placement(
    type: "lt_residential" | "lt_nursing",
    person: Pick<NewService, "personRef" | "workerKey" | "dateOfBirth">,
    from: IsoDate,
    to: IsoDate | null,
    weekly: number,
    out: NewService[],
  ) {
    this.service(
      {
        ...person,
        serviceType: type,
        startsOn: from,
        endsOn: to,
        unitCost: weekly,
        costFrequency: "weekly",
        plannedUnits: null,
        serviceComponent: type === "lt_nursing" ? "Nursing care" : "Residential care",
        deliveryMechanism: "CASSR Commissioned Support only",
        providerLocation: this.pickFrom(this.careHomes),
        clientType: "Service user",
      },
      out,
    );
  }

  private placementFee(type: "lt_residential" | "lt_nursing"): number {
    return type === "lt_nursing" ? round2(1100 + this.random.uniform() * 300) : round2(900 + this.random.uniform() * 200);
  }

  /** A review's person: support from before the review to some months after it, changed around it. */
  private longTermSupport(item: CareAnchor, profile: CareProfile, out: NewService[]) {
    const received = item.receivedOn;
    const completed = item.completedOn;
    const sinceStart = daysBetween(this.start, received);
    const supportedForYears = sinceStart < EARLY_DAYS && this.random.chance(1 - sinceStart / EARLY_DAYS);
    // Someone new to support: the first review falls due eight weeks after support starts.
    const startsOn = supportedForYears ? addDays(this.start, -this.random.int(30, 1500)) : [addDays(item.dueOn, -56), addDays(received, -this.random.int(1, 14))].sort()[0]!;
    const person = { personRef: item.personRef, workerKey: item.workerKey, dateOfBirth: this.dateOfBirth(startsOn, profile.under65) };
    const chances = this.placementChances(startsOn, profile);
    const roll = this.random.uniform();
    const placed = roll < chances.nursing ? "lt_nursing" : roll < chances.nursing + chances.residential ? "lt_residential" : null;
    let endsOn: IsoDate | null = null;
    if (completed) {
      // Placements last longer than support at home. Past a year the next review is due: when a team's
      // reviews fall behind (North Locality's story), more people stay in support without it.
      const behind = this.reviewsBehindFrom !== null && addDays(completed, 365) >= this.reviewsBehindFrom;
      const stays = (placed ? 0.7 : 0.35) + (behind ? 0.3 : 0);
      if (item.outcome && endingOutcomes.has(item.outcome)) endsOn = completed;
      else endsOn = addDays(completed, this.random.chance(stays) ? this.random.int(366, placed ? 1000 : 800) : this.random.int(30, 330));
    }
    const changes = completed !== null && (endsOn === null || endsOn > completed);
    if (placed) {
      const fee = this.placementFee(placed);
      // A placement changes at a review less often: a new fee agreed with the home, or a move to another.
      if (changes && this.random.chance(profile.changeAtReview * 0.4)) {
        this.placement(placed, person, startsOn, completed, fee, out);
        const cheaper = this.random.chance(profile.cheaperAtReview);
        const next = round2(
          Math.min(
            placed === "lt_nursing" ? 1400 : 1100,
            Math.max(placed === "lt_nursing" ? 1100 : 900, fee * (cheaper ? 0.9 + this.random.uniform() * 0.08 : 1.02 + this.random.uniform() * 0.08)),
          ),
        );
        this.placement(placed, person, addDays(completed, 1), endsOn, next === fee ? round2(fee - 5) : next, out);
      } else {
        this.placement(placed, person, startsOn, endsOn, fee, out);
      }
      return;
    }
    // At home. Later, perhaps, a move into residential or nursing care (an admission), never while the review's effect is measured.
    let movesOn: IsoDate | null = null;
    if (completed) {
      const lastDay = endsOn ?? this.today;
      const earliest = addDays(completed, 29);
      if (earliest < lastDay && this.random.chance(profile.moveToCare)) {
        const candidate = addDays(earliest, this.random.int(0, daysBetween(earliest, lastDay)));
        if (!(this.strengthsFrom && candidate >= this.strengthsFrom) || this.random.chance(STRENGTHS_MOVES)) movesOn = candidate;
      }
    }
    const homeEnds = movesOn ? addDays(movesOn, -1) : endsOn;
    const changeOn = changes && this.random.chance(profile.changeAtReview) ? completed : null;
    const factor = changeOn === null ? 1 : this.random.chance(profile.cheaperAtReview) ? 0.55 + this.random.uniform() * 0.37 : 1.08 + this.random.uniform() * 0.35;
    this.mainCommunityService(person, startsOn, homeEnds, changeOn, factor, out);
    this.extras(person, startsOn, homeEnds, out);
    if (movesOn) {
      const type = this.random.chance(0.35) ? "lt_nursing" : "lt_residential";
      this.placement(type, person, movesOn, endsOn, this.placementFee(type), out);
    }
  }

  /** Home care by the hour, a direct payment, or a daily rate; split at a review into the old package and the new one. */
  private mainCommunityService(
    person: Pick<NewService, "personRef" | "workerKey" | "dateOfBirth">,
    from: IsoDate,
    to: IsoDate | null,
    changeOn: IsoDate | null,
    factor: number,
    out: NewService[],
  ) {
    const kind = this.plan.type === "learning_disability" ? this.random.weighted({ home: 30, dp: 40, daily: 30 }) : this.random.weighted({ home: 60, dp: 32, daily: 8 });
    const base = { ...person, serviceType: "lt_community" as const, clientType: "Service user" as const };
    const pieces: [IsoDate, IsoDate | null, number][] =
      changeOn && (to === null || to > changeOn)
        ? [
            [from, changeOn, 1],
            [addDays(changeOn, 1), to, factor],
          ]
        : [[from, to, 1]];
    if (kind === "home") {
      const rate = this.random.int(19, 25) + [0, 0.5, 0.75, 1][this.random.int(0, 3)]!;
      const hours = this.random.int(4, 25);
      const provider = this.pickFrom(this.homeCareProviders);
      const managed = this.random.chance(0.3);
      for (const [s, e, f] of pieces) {
        this.service(
          {
            ...base,
            startsOn: s,
            endsOn: e,
            unitCost: rate,
            costFrequency: "hourly",
            // Hours move with the package, within 4 to 25 a week (a review can leave them as they were).
            plannedUnits: f === 1 ? hours : Math.max(4, Math.min(25, Math.round(hours * f))),
            serviceComponent: "Home care",
            deliveryMechanism: managed ? "CASSR Managed Personal Budget" : "CASSR Commissioned Support only",
            providerLocation: provider,
          },
          out,
        );
      }
    } else if (kind === "dp") {
      const monthly = this.random.chance(0.4);
      const amount = monthly ? this.random.int(450, 2000) : this.random.int(400, 1800);
      for (const [s, e, f] of pieces) {
        this.service(
          {
            ...base,
            startsOn: s,
            endsOn: e,
            unitCost: round2(amount * f),
            costFrequency: monthly ? "monthly" : "four_weekly",
            plannedUnits: null,
            serviceComponent: "Direct Payment",
            deliveryMechanism: "Direct Payment",
            providerLocation: null,
          },
          out,
        );
      }
    } else {
      const rate = this.random.int(45, 160);
      const provider = this.pickFrom(this.dayCentres);
      for (const [s, e, f] of pieces) {
        this.service(
          {
            ...base,
            startsOn: s,
            endsOn: e,
            unitCost: round2(rate * f),
            costFrequency: "daily",
            plannedUnits: null,
            serviceComponent: "Supported living",
            deliveryMechanism: "CASSR Commissioned Support only",
            providerLocation: provider,
          },
          out,
        );
      }
    }
  }

  /** Day services, telecare at no charge to the person, equipment paid for once. */
  private extras(person: Pick<NewService, "personRef" | "workerKey" | "dateOfBirth">, from: IsoDate, to: IsoDate | null, out: NewService[]) {
    const base = { ...person, serviceType: "lt_community" as const, clientType: "Service user" as const };
    if (this.random.chance(0.22)) {
      const later = addDays(from, this.random.int(0, 20));
      this.service(
        {
          ...base,
          // Not after the support at home has ended.
          startsOn: to !== null && later > to ? to : later,
          endsOn: to,
          unitCost: this.random.int(35, 65),
          costFrequency: "per_session",
          plannedUnits: this.random.int(1, 5),
          serviceComponent: "Day care",
          deliveryMechanism: "CASSR Commissioned Support only",
          providerLocation: this.pickFrom(this.dayCentres),
        },
        out,
      );
    }
    if (this.random.chance(0.1)) {
      this.service(
        {
          ...base,
          startsOn: from,
          endsOn: to,
          unitCost: 0,
          costFrequency: "no_charge",
          plannedUnits: null,
          serviceComponent: "Telecare",
          deliveryMechanism: "CASSR Commissioned Support only",
          providerLocation: null,
        },
        out,
      );
    }
    if (this.random.chance(0.05)) {
      const on = addDays(from, this.random.int(0, 30));
      if (to === null || on <= to) {
        this.service(
          {
            ...base,
            startsOn: on,
            endsOn: on,
            unitCost: this.random.int(150, 2500),
            costFrequency: "one_off",
            plannedUnits: null,
            serviceComponent: "Equipment",
            deliveryMechanism: "CASSR Commissioned Support only",
            providerLocation: null,
          },
          out,
        );
      }
    }
  }

  /** Reablement (ST-Max) after an assessment that led to it; from hospital, a discharge bed or a placement straight away. */
  private shortTermSupport(item: CareAnchor, out: NewService[]) {
    const completed = item.completedOn!;
    const under65 = this.profile?.under65 ?? 0.15;
    const person = () => ({ personRef: item.personRef, workerKey: item.workerKey, dateOfBirth: this.dateOfBirth(completed, under65), clientType: "Service user" as const });
    if (item.outcome === "Progress to reablement/ST-Max" && this.random.chance(0.85 * this.share)) {
      const from = addDays(completed, this.random.int(0, 3));
      this.service(
        {
          ...person(),
          serviceType: "st_max",
          startsOn: from,
          endsOn: addDays(from, this.random.int(14, 42) - 1),
          unitCost: this.random.int(250, 450),
          costFrequency: "weekly",
          plannedUnits: null,
          serviceComponent: "Reablement",
          deliveryMechanism: "CASSR Commissioned Support only",
          providerLocation: this.pickFrom(this.homeCareProviders),
        },
        out,
      );
      return;
    }
    if (item.outcome !== "Progress to support planning or services") return;
    if (this.plan.type === "hospital_discharge") {
      const roll = this.random.uniform();
      if (roll < 0.5 * this.share) {
        const from = addDays(completed, 1);
        this.service(
          {
            ...person(),
            serviceType: "st_other",
            startsOn: from,
            endsOn: addDays(from, this.random.int(14, 42) - 1),
            unitCost: this.random.int(750, 950),
            costFrequency: "weekly",
            plannedUnits: null,
            serviceComponent: "Short term residential care",
            deliveryMechanism: "CASSR Commissioned Support only",
            providerLocation: this.pickFrom(this.careHomes),
          },
          out,
        );
      } else if (roll < 0.62 * this.share) {
        // Straight from hospital into a care home; most of these people are very frail.
        const type = this.random.chance(0.6) ? "lt_nursing" : "lt_residential";
        const from = addDays(completed, 1);
        const p = person();
        this.placement(type, p, from, addDays(from, this.random.int(20, 120)), this.placementFee(type), out);
      }
    } else if (this.random.chance(0.2 * this.share)) {
      const from = addDays(completed, this.random.int(1, 14));
      this.service(
        {
          ...person(),
          serviceType: "st_low_level",
          startsOn: from,
          endsOn: addDays(from, this.random.int(30, 200)),
          unitCost: this.random.int(15, 60),
          costFrequency: "weekly",
          plannedUnits: null,
          serviceComponent: "Low level support",
          deliveryMechanism: "CASSR Commissioned Support only",
          providerLocation: null,
        },
        out,
      );
    }
  }

  /** A carer's personal budget (often paid once) or respite for the person they care for. */
  private carerSupport(item: CareAnchor, completed: IsoDate, out: NewService[]) {
    const from = addDays(completed, this.random.int(1, 21));
    const base = { personRef: item.personRef, workerKey: item.workerKey, dateOfBirth: this.dateOfBirth(from, 0.45), clientType: "Unpaid carer" as const };
    if (this.random.chance(0.65)) {
      const once = this.random.chance(0.6);
      this.service(
        {
          ...base,
          serviceType: "carer_direct",
          startsOn: from,
          endsOn: once ? from : addDays(from, this.random.int(90, 365)),
          unitCost: once ? this.random.int(150, 600) : this.random.int(80, 250),
          costFrequency: once ? "one_off" : "monthly",
          plannedUnits: null,
          serviceComponent: "Direct Payment",
          deliveryMechanism: "Direct Payment",
          providerLocation: null,
        },
        out,
      );
    } else {
      this.service(
        {
          ...base,
          serviceType: "carer_with_person",
          startsOn: from,
          endsOn: addDays(from, this.random.int(60, 270)),
          unitCost: this.random.int(60, 110),
          costFrequency: "per_session",
          plannedUnits: this.random.int(1, 2),
          serviceComponent: "Respite",
          deliveryMechanism: "CASSR Commissioned Support only",
          providerLocation: this.pickFrom(this.careHomes),
        },
        out,
      );
    }
  }
}

/** The care stream of team `index`: apart from the work's, so the work is the same with or without care. */
export function careRandom(seed: number, index: number): DemoRandom {
  return new DemoRandom(seed * 1000 + 500 + index);
}

/** Services in the order they start (ties in the order they were made), numbered with `prefix`. */
export function numberServices(services: NewService[], prefix: string, digits: number): DemoService[] {
  return services
    .map((service, order) => ({ service, order }))
    .sort((a, b) => (a.service.startsOn < b.service.startsOn ? -1 : a.service.startsOn > b.service.startsOn ? 1 : a.order - b.order))
    .map(({ service }, index) => ({ ...service, sourceRef: `${prefix}${String(index + 1).padStart(digits, "0")}` }));
}
