/*
 * The demo council's care and support (issue 18, item 8): the services as
 * loaded, their proportions and costs, and the three stories, each checked
 * with plain counts over the services and reviews that follow the
 * definitions of docs/definitions.md#care-and-support directly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, firstDayOf, lastDayOf, monthOf, type IsoDate, type IsoMonth } from "~/dates";
import { ageOn, costFrequencies, groupOf, isPlacement, settingOf, weeklyCost, type CostFrequency, type ServiceTypeCode } from "~/care/service-types";
import { generateDemoCouncil, type DemoCouncil } from "~/demo/generate";
import { DEMO_CHANGE_MONTHS_AGO } from "~/demo/primed-metrics";
import { demoCouncilDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
const SEED = 2026;
const CURRENT = monthOf(TODAY);

interface Service {
  ref: string;
  person: string;
  team: string;
  type: ServiceTypeCode;
  starts: IsoDate;
  ends: IsoDate | null;
  unitCost: number | null;
  frequency: CostFrequency;
  units: number | null;
  weekly: number;
  age: number | null;
  component: string | null;
  mechanism: string | null;
  provider: string | null;
}

interface Review {
  person: string;
  team: string;
  received: IsoDate;
  completed: IsoDate | null;
}

let database: Awaited<ReturnType<typeof demoCouncilDatabase>>;
let council: DemoCouncil;
let services: Service[];
let reviews: Review[];
const servicesOf = new Map<string, Service[]>();
const reviewsOf = new Map<string, IsoDate[]>();

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY, SEED);
  council = generateDemoCouncil(SEED, TODAY);
  services = database.sqlite
    .prepare(
      `select s.source_ref as ref, s.person_ref as person, t.name as team, s.service_type as type, s.starts_on as starts, s.ends_on as ends,
              s.unit_cost as unitCost, s.cost_frequency as frequency, s.planned_units as units, s.weekly_cost as weekly, s.age_at_start as age,
              s.service_component as component, s.delivery_mechanism as mechanism, s.provider_location as provider
         from care_services s join teams t on t.id = s.team_id order by s.source_ref`,
    )
    .all() as Service[];
  reviews = database.sqlite
    .prepare(
      `select w.person_ref as person, t.name as team, w.received_on as received, w.completed_on as completed
         from work_items w join teams t on t.id = w.team_id join work_types y on y.id = w.work_type_id
        where y.code in ('planned_review', 'unplanned_review')`,
    )
    .all() as Review[];
  for (const s of services) servicesOf.set(s.person, [...(servicesOf.get(s.person) ?? []), s]);
  for (const r of reviews) if (r.completed) reviewsOf.set(r.person, [...(reviewsOf.get(r.person) ?? []), r.completed]);
}, 600_000);
afterAll(() => database?.remove());

// The definitions of docs/definitions.md#care-and-support, written out plainly.
const active = (s: Service, d: IsoDate) => s.starts <= d && (s.ends === null || s.ends >= d);
const longTerm = (s: Service) => groupOf(s.type) === "long_term";
/** t: the month's last day, or today for the current month. */
const dayOf = (month: IsoMonth): IsoDate => (month === CURRENT ? TODAY : lastDayOf(month));
const lastMonths = (count: number, upTo: IsoMonth = CURRENT) => Array.from({ length: count }, (_, i) => addMonths(upTo, i - count + 1));

function longTermPeople(team: string, t: IsoDate): Map<string, string> {
  const order = ["nursing", "residential", "community", "prison"];
  const people = new Map<string, string>();
  for (const s of services) {
    if (s.team !== team || !longTerm(s) || !active(s, t)) continue;
    const setting = settingOf(s.type)!;
    const had = people.get(s.person);
    if (!had || order.indexOf(setting) < order.indexOf(had)) people.set(s.person, setting);
  }
  return people;
}

function admissions(team: string, month: IsoMonth): number {
  const from = firstDayOf(month);
  const to = dayOf(month);
  const people = new Set<string>();
  for (const s of services) {
    if (s.team !== team || !longTerm(s) || !isPlacement(s.type) || s.starts < from || s.starts > to) continue;
    const before = addDays(s.starts, -1);
    if (!servicesOf.get(s.person)!.some((o) => longTerm(o) && isPlacement(o.type) && active(o, before))) people.add(s.person);
  }
  return people.size;
}

/** The first day of the person's unbroken long-term support up to t (a package changed at a review does not break it). */
function supportStart(person: string, t: IsoDate): IsoDate {
  const spans = servicesOf
    .get(person)!
    .filter((s) => longTerm(s) && s.starts <= t)
    .map((s) => [s.starts, s.ends !== null && s.ends < t ? s.ends : t] as const)
    .sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
  let start = t;
  // Walk back from t through spans that reach the day before the earliest start so far.
  for (let moved = true; moved;) {
    moved = false;
    for (const [from, to] of spans) {
      if (from < start && to >= addDays(start, -1)) {
        start = from;
        moved = true;
      }
    }
  }
  return start;
}

function reviewsOverdue(team: string, t: IsoDate): number {
  let overdue = 0;
  for (const person of longTermPeople(team, t).keys()) {
    const start = supportStart(person, t);
    const done = (reviewsOf.get(person) ?? []).filter((d) => d >= start && d <= t).sort();
    const due = done.length > 0 ? addDays(done.at(-1)!, 365) : addDays(start, 56);
    if (due < t) overdue += 1;
  }
  return overdue;
}

function weeklyLongTerm(person: string, d: IsoDate): number {
  return (servicesOf.get(person) ?? []).filter((s) => longTerm(s) && active(s, d)).reduce((sum, s) => sum + s.weekly, 0);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe("the demo council's services as loaded", () => {
  it("are every generated service, each weekly cost by the one rule and the age at its start; the date of birth is not stored", () => {
    expect(services.length).toBe(council.services.length);
    expect(services.length).toBeGreaterThan(10_000);
    const columns = (database.sqlite.prepare("select name from pragma_table_info('care_services')").pluck().all() as string[]).join(" ");
    expect(columns).not.toMatch(/birth/i);
    const generated = new Map(council.services.map((s) => [s.sourceRef, s]));
    for (const s of services) {
      const g = generated.get(s.ref)!;
      expect(s.weekly, s.ref).toBe(weeklyCost(s.unitCost, s.frequency, s.units));
      expect(s.age, s.ref).toBe(g.dateOfBirth ? ageOn(g.dateOfBirth, g.startsOn) : null);
      expect([s.person, s.team, s.type, s.starts, s.ends, s.unitCost], s.ref).toEqual([g.personRef, g.teamName, g.serviceType, g.startsOn, g.endsOn, g.unitCost]);
    }
  });

  it("are the same for the same seed and date, and different for another seed", () => {
    const again = generateDemoCouncil(SEED, TODAY).services;
    expect(again).toEqual(council.services);
    const other = generateDemoCouncil(SEED + 1, TODAY).services;
    expect(other.slice(0, 50).map((s) => s.personRef)).not.toEqual(council.services.slice(0, 50).map((s) => s.personRef));
  });

  it("never start after today, end before they start, or belong to the front door or safeguarding", () => {
    for (const s of services) {
      expect(s.starts <= TODAY, s.ref).toBe(true);
      if (s.ends) expect(s.ends >= s.starts && s.ends <= TODAY, s.ref).toBe(true);
    }
    expect(services.some((s) => s.team === "Front Door" || s.team === "Safeguarding Adults")).toBe(false);
  });

  it("come from the people of the teams' work: every service's person has a work item", () => {
    const people = new Set(council.items.map((i) => i.personRef));
    expect(services.every((s) => people.has(s.person))).toBe(true);
  });
});

describe("proportions and costs follow real councils", () => {
  it("has a few hundred people in long-term support in each locality, about a fifth in residential care and a tenth in nursing care", () => {
    let all = 0;
    let residential = 0;
    let nursing = 0;
    for (const team of ["North Locality", "South Locality", "East Locality", "Reviewing Team", "Learning Disability", "Mental Health Social Work", "Hospital Discharge"]) {
      const people = [...longTermPeople(team, TODAY).values()];
      if (team.endsWith("Locality")) {
        expect(people.length, team).toBeGreaterThanOrEqual(200);
        expect(people.length, team).toBeLessThanOrEqual(600);
      } else {
        expect(people.length, team).toBeGreaterThan(0);
      }
      all += people.length;
      residential += people.filter((p) => p === "residential").length;
      nursing += people.filter((p) => p === "nursing").length;
    }
    expect(residential / all).toBeGreaterThan(0.14);
    expect(residential / all).toBeLessThan(0.3);
    expect(nursing / all).toBeGreaterThan(0.06);
    expect(nursing / all).toBeLessThan(0.15);
  });

  it("costs residential care £900-1,100 a week, nursing £1,100-1,400, home care £19-26 an hour for 4-25 hours", () => {
    const known = services.filter((s) => s.unitCost !== null);
    for (const s of known.filter((s) => s.type === "lt_residential")) {
      expect(s.frequency).toBe("weekly");
      expect(s.weekly, s.ref).toBeGreaterThanOrEqual(900);
      expect(s.weekly, s.ref).toBeLessThanOrEqual(1100);
    }
    for (const s of known.filter((s) => s.type === "lt_nursing")) {
      expect(s.frequency).toBe("weekly");
      expect(s.weekly, s.ref).toBeGreaterThanOrEqual(1100);
      expect(s.weekly, s.ref).toBeLessThanOrEqual(1400);
    }
    const homeCare = known.filter((s) => s.frequency === "hourly");
    expect(homeCare.length).toBeGreaterThan(1000);
    for (const s of homeCare) {
      expect(s.unitCost!, s.ref).toBeGreaterThanOrEqual(19);
      expect(s.unitCost!, s.ref).toBeLessThanOrEqual(26);
      expect(s.units!, s.ref).toBeGreaterThanOrEqual(4);
      expect(s.units!, s.ref).toBeLessThanOrEqual(25);
    }
  });

  it("has day services per session, direct payments 4-weekly or monthly, a few daily, no-charge and one-off services, and a few without a cost", () => {
    const count = (test: (s: Service) => boolean) => services.filter(test).length;
    expect(count((s) => s.frequency === "per_session" && s.units !== null && s.component === "Day care")).toBeGreaterThan(500);
    const directPayments = services.filter((s) => s.mechanism === "Direct Payment");
    expect(directPayments.length).toBeGreaterThan(500);
    expect(directPayments.every((s) => ["four_weekly", "monthly", "one_off"].includes(s.frequency))).toBe(true);
    expect(count((s) => s.frequency === "daily")).toBeGreaterThan(100);
    expect(count((s) => s.frequency === "no_charge" && s.weekly === 0)).toBeGreaterThan(100);
    const oneOff = services.filter((s) => s.frequency === "one_off");
    expect(oneOff.length).toBeGreaterThan(50);
    expect(oneOff.every((s) => s.weekly === 0 && s.ends === s.starts)).toBe(true);
    const unknown = count((s) => s.unitCost === null);
    expect(unknown).toBeGreaterThan(20);
    expect(unknown / services.length).toBeLessThan(0.03);
    expect(new Set(services.map((s) => s.frequency)).size).toBe(Object.keys(costFrequencies).length - 3);
  });

  it("gives ST-Max for two to six weeks a week at a time, and carer support", () => {
    const stMax = services.filter((s) => s.type === "st_max");
    expect(stMax.length).toBeGreaterThan(1000);
    for (const s of stMax) {
      expect(s.frequency).toBe("weekly");
      if (s.ends) {
        const days = (Date.parse(s.ends) - Date.parse(s.starts)) / 86_400_000 + 1;
        expect(days, s.ref).toBeGreaterThanOrEqual(14);
        expect(days, s.ref).toBeLessThanOrEqual(42);
      }
    }
    expect(services.filter((s) => groupOf(s.type) === "carer").length).toBeGreaterThan(100);
  });

  it("knows most people's age, mostly over 65, some 18-64, a few not known; providers by their CQC location", () => {
    const ages = services.map((s) => s.age);
    const unknown = ages.filter((a) => a === null).length / ages.length;
    expect(unknown).toBeGreaterThan(0.01);
    expect(unknown).toBeLessThan(0.1);
    const known = ages.filter((a): a is number => a !== null);
    expect(known.filter((a) => a >= 65).length / known.length).toBeGreaterThan(0.5);
    expect(known.filter((a) => a >= 18 && a < 65).length / known.length).toBeGreaterThan(0.15);
    expect(known.every((a) => a >= 18 && a < 110)).toBe(true);
    const providers = services.filter((s) => s.provider !== null);
    expect(providers.length).toBeGreaterThan(5000);
    expect(providers.every((s) => /^1-\d{9,10}$/.test(s.provider!))).toBe(true);
    expect(services.filter((s) => isPlacement(s.type)).every((s) => s.provider !== null && s.mechanism === "CASSR Commissioned Support only")).toBe(true);
  });

  it("has services starting and ending in every month of the last two years", () => {
    for (const month of lastMonths(24, addMonths(CURRENT, -1))) {
      const started = services.filter((s) => monthOf(s.starts) === month).length;
      const ended = services.filter((s) => s.ends !== null && monthOf(s.ends) === month).length;
      expect(started, month).toBeGreaterThan(100);
      expect(ended, month).toBeGreaterThan(100);
    }
  });
});

describe("the stories for managers to find", () => {
  it("South Locality admits fewer people to residential and nursing care since its change of practice; the other localities do not", () => {
    const change = addMonths(CURRENT, -DEMO_CHANGE_MONTHS_AGO);
    const since = lastMonths(DEMO_CHANGE_MONTHS_AGO, addMonths(CURRENT, -1));
    expect(since[0]).toBe(change);
    const before = lastMonths(12, addMonths(change, -1));
    const ratio = (team: string) => mean(since.map((m) => admissions(team, m))) / mean(before.map((m) => admissions(team, m)));
    expect(ratio("South Locality")).toBeLessThan(0.6);
    expect(ratio("North Locality")).toBeGreaterThan(0.8);
    expect(ratio("East Locality")).toBeGreaterThan(0.8);
  });

  it("the Reviewing Team's reviews reduce weekly costs more often than not: the package changes around the review", () => {
    // Reviews costed: completed at least 28 days before today; before on the received date, after 28 days after completion.
    const costed = reviews.filter((r) => r.team === "Reviewing Team" && r.completed !== null && addDays(r.completed, 28) <= TODAY);
    expect(costed.length).toBeGreaterThan(1000);
    const changes = costed.map((r) => weeklyLongTerm(r.person, addDays(r.completed!, 28)) - weeklyLongTerm(r.person, r.received));
    const reduced = changes.filter((c) => c < 0).length;
    const increased = changes.filter((c) => c > 0).length;
    expect(reduced / costed.length).toBeGreaterThan(0.5);
    expect(reduced).toBeGreaterThan(2 * increased);
    expect(changes.reduce((a, b) => a + b, 0)).toBeLessThan(0);
    // In the last year too, month by month on the whole.
    const lastYear = costed.filter((r) => r.completed! >= firstDayOf(addMonths(CURRENT, -12)));
    const lastYearReduced = lastYear.filter((r) => weeklyLongTerm(r.person, addDays(r.completed!, 28)) < weeklyLongTerm(r.person, r.received)).length;
    expect(lastYearReduced / lastYear.length).toBeGreaterThan(0.5);
    // And in every month of it, as the report reads them: more reviews reduced the cost than increased it.
    for (const month of lastMonths(12, addMonths(CURRENT, -2))) {
      const inMonth = costed.filter((r) => monthOf(r.completed!) === month);
      const change = inMonth.map((r) => weeklyLongTerm(r.person, addDays(r.completed!, 28)) - weeklyLongTerm(r.person, r.received));
      expect(change.filter((c) => c < 0).length, month).toBeGreaterThan(change.filter((c) => c > 0).length);
    }
    // A package changed at a review: one service ends on the day, the next starts the day after.
    const changed = costed.filter((r) => {
      const lt = servicesOf.get(r.person)?.filter(longTerm) ?? [];
      return lt.some((s) => s.ends === r.completed && lt.some((n) => n.starts === addDays(r.completed!, 1)));
    });
    expect(changed.length / costed.length).toBeGreaterThan(0.5);
    // Other teams' reviews change packages less: reducing is not the whole service's habit.
    const north = reviews.filter((r) => r.team === "North Locality" && r.completed !== null && addDays(r.completed, 28) <= TODAY);
    const northReduced = north.filter((r) => weeklyLongTerm(r.person, addDays(r.completed!, 28)) < weeklyLongTerm(r.person, r.received)).length;
    expect(northReduced / north.length).toBeLessThan(0.3);
  });

  it("North Locality's reviews fall behind: its reviews overdue climb over the last months; South's and East's do not", () => {
    const months = lastMonths(12);
    const trend = (team: string) => {
      const overdue = months.map((m) => reviewsOverdue(team, dayOf(m)));
      return { overdue, rise: mean(overdue.slice(-3)) / mean(overdue.slice(0, 3)) };
    };
    const north = trend("North Locality");
    expect(north.rise, north.overdue.join(" ")).toBeGreaterThan(1.5);
    // Climbing, not one jump: each quarter above the one before.
    const quarters = [0, 3, 6, 9].map((i) => mean(north.overdue.slice(i, i + 3)));
    expect(quarters, north.overdue.join(" ")).toEqual([...quarters].sort((a, b) => a - b));
    for (const team of ["South Locality", "East Locality"]) {
      const other = trend(team);
      expect(other.rise, `${team}: ${other.overdue.join(" ")}`).toBeLessThan(1.25);
    }
  });
});
