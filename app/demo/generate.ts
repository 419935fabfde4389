/*
 * Generates the demo council deterministically from a seed and a date: the
 * same seed on the same day always gives the same service, to the item.
 */
import type { TeamType, WorkerRole } from "../../db/schema";
import { defaultDueDate } from "~/calendar/due-dates";
import { addDays, addMonths, dayOfWeek, daysBetween, firstDayOf, monthOf, type IsoDate } from "~/dates";
import { defaultWorkTypes, type WorkTypeCode } from "~/reference-data/reference-data";
import { slugify } from "~/teams/slug";
import { demoService, demoTeams, outcomeWeights, routesOfAccess, unplannedReviewReasons, type DemoTeamPlan, type OutcomeWeights } from "./council";
import { DemoRandom } from "./random";
import { CARE_LEAD_DAYS, careRandom, numberServices, TeamCare, type DemoService, type NewService } from "./care";

export const DEMO_MONTHS = 36;

export interface DemoWorker {
  key: string;
  teamName: string | null;
  name: string;
  role: WorkerRole;
  active: boolean;
}

export interface DemoItem {
  sourceRef: string;
  personRef: string;
  workTypeCode: WorkTypeCode;
  teamName: string;
  workerKey: string | null;
  receivedOn: IsoDate;
  allocatedOn: IsoDate | null;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  outcome: string | null;
  eventType: string;
  clientType: string;
  routeOfAccess: string | null;
  assessmentType: string | null;
  reviewReason: string | null;
}

export interface DemoCouncil {
  service: typeof demoService;
  teams: { name: string; slug: string; type: TeamType }[];
  workers: DemoWorker[];
  items: DemoItem[];
  /** The care and support the teams arranged, in the order it started (app/demo/care.ts). */
  services: DemoService[];
}

interface Practitioner {
  worker: DemoWorker;
  from: IsoDate;
  until: IsoDate | null;
  leave: [IsoDate, IsoDate][];
}

const workTypesByCode = new Map(defaultWorkTypes.map((type) => [type.code, type]));

function isWinter(date: IsoDate): boolean {
  const month = Number(date.slice(5, 7));
  return month === 12 || month <= 2;
}

function monthsSince(storyStart: IsoDate, date: IsoDate): number {
  return Math.max(0, daysBetween(storyStart, date) / 30.4);
}

class TeamSimulation {
  readonly roster: Practitioner[] = [];
  private readonly storyStart: IsoDate | null;

  constructor(
    private readonly plan: DemoTeamPlan,
    private readonly random: DemoRandom,
    private readonly start: IsoDate,
    private readonly today: IsoDate,
    private readonly nextWorkerKey: () => string,
  ) {
    this.storyStart = plan.story ? firstDayOf(addMonths(monthOf(today), -plan.story.monthsAgo)) : null;
    this.buildRoster();
  }

  private hire(from: IsoDate, until: IsoDate | null, role: WorkerRole): Practitioner {
    const worker: DemoWorker = {
      key: this.nextWorkerKey(),
      teamName: this.plan.name,
      name: this.random.fullName(),
      role,
      active: until === null,
    };
    const leave: [IsoDate, IsoDate][] = [];
    for (let day = from; day <= this.today; day = addDays(day, 182)) {
      const leaveStart = addDays(day, this.random.int(20, 170));
      leave.push([leaveStart, addDays(leaveStart, this.random.int(6, 15))]);
    }
    const practitioner = { worker, from, until, leave };
    this.roster.push(practitioner);
    return practitioner;
  }

  /** A manager, practitioners, a leaver or two a year replaced after a vacancy, and the story's vacancies. */
  private buildRoster() {
    const veryStart = addDays(this.start, -400);
    this.hire(veryStart, null, "team_manager");
    const seats = this.plan.size - 1;
    const story = this.plan.story;
    const unfilled = story?.kind === "allocation_queue_grows" ? story.vacancies : 0;
    for (let seat = 0; seat < seats; seat += 1) {
      let from = veryStart;
      const vacatesForStory = seat < unfilled;
      for (;;) {
        if (vacatesForStory && this.storyStart && from >= this.storyStart) break;
        let until: IsoDate | null = addDays(from, this.random.int(700, 3200));
        // A story seat falls empty as the story starts and is not filled again.
        const storyEndsTenure = vacatesForStory && this.storyStart !== null && until >= this.storyStart;
        if (storyEndsTenure) until = addDays(this.storyStart as IsoDate, this.random.int(0, 20));
        if (until > this.today) until = null;
        this.hire(from, until, "practitioner");
        if (until === null || storyEndsTenure) break;
        from = addDays(until, this.random.int(40, 100));
        if (from > this.today) break;
      }
    }
  }

  private available(date: IsoDate, includeManager: boolean): Practitioner[] {
    return this.roster.filter(
      (p) =>
        (includeManager || p.worker.role === "practitioner") && p.from <= date && (p.until === null || p.until > date) && !p.leave.some(([from, to]) => from <= date && date <= to),
    );
  }

  private pick(date: IsoDate): Practitioner | undefined {
    const candidates = this.available(date, this.random.chance(0.04));
    if (candidates.length === 0) return undefined;
    return candidates[this.random.int(0, candidates.length - 1)];
  }

  private demandFactor(date: IsoDate, code: WorkTypeCode): number {
    const weekday = dayOfWeek(date);
    const weekend = weekday === 0 || weekday === 6;
    if (weekend) {
      if (code === "request") return 0.15;
      if (this.plan.type === "hospital_discharge") return 0.3;
      if (code === "safeguarding_concern") return 0.2;
      return 0;
    }
    return isWinter(date) ? 1 + this.plan.winterPressure : 1;
  }

  private allocationDelay(received: IsoDate): number {
    let mean = this.plan.allocationDays;
    const story = this.plan.story;
    if (story?.kind === "allocation_queue_grows" && this.storyStart && received >= this.storyStart) {
      mean += 4.5 * monthsSince(this.storyStart, received);
    }
    return mean < 1 ? (this.random.chance(mean) ? 1 : 0) : this.random.skewedDays(mean, 0.7);
  }

  private workDuration(code: WorkTypeCode, allocated: IsoDate): number {
    let mean = this.plan.workDays[code] ?? 14;
    const story = this.plan.story;
    const isReview = code === "planned_review" || code === "unplanned_review";
    if (story?.kind === "overdue_reviews_climb" && isReview && this.storyStart && allocated >= this.storyStart) {
      mean *= 1 + 0.3 * monthsSince(this.storyStart, allocated);
    }
    if (isWinter(allocated)) mean *= 1.1;
    if (allocated.slice(5, 7) === "08") mean *= 1.1;
    // A few pieces of work get stuck: a complex case, a person in hospital.
    if (this.random.chance(0.03)) mean *= 4;
    return mean < 1.5 ? this.random.int(0, 2) : this.random.skewedDays(mean);
  }

  private outcomeFor(code: WorkTypeCode, completed: IsoDate): string {
    const story = this.plan.story;
    let weights: OutcomeWeights;
    switch (code) {
      case "request":
        weights = outcomeWeights.request;
        break;
      case "care_act_assessment":
        weights = story?.kind === "practice_change" && this.storyStart && completed >= this.storyStart ? outcomeWeights.care_act_strengths : outcomeWeights.care_act;
        break;
      case "carers_assessment":
        weights = outcomeWeights.carers;
        break;
      case "short_term_assessment":
        weights = outcomeWeights.short_term;
        break;
      case "planned_review":
      case "unplanned_review":
        weights = outcomeWeights.review;
        break;
      case "safeguarding_concern":
        weights = outcomeWeights.concern;
        break;
      case "section_42_enquiry":
        weights = outcomeWeights.enquiry;
        break;
    }
    return this.random.weighted(weights);
  }

  /** Reallocates open work of a worker who has left: an item counts for its latest worker. */
  private currentHolder(p: Practitioner, completed: IsoDate | null): Practitioner {
    if (p.until === null) return p;
    const stillWith = completed ?? this.today;
    if (stillWith <= p.until) return p;
    return this.pick(p.until) ?? this.available(this.today, true)[0] ?? p;
  }

  *items(): Generator<Omit<DemoItem, "sourceRef">> {
    for (let day = this.start; day <= this.today; day = addDays(day, 1)) {
      for (const [code, perMonth] of Object.entries(this.plan.monthlyVolumes) as [WorkTypeCode, number][]) {
        const arrivals = this.random.poisson(((perMonth * 12) / 261) * this.demandFactor(day, code));
        for (let n = 0; n < arrivals; n += 1) yield this.item(code, day);
      }
    }
  }

  private item(code: WorkTypeCode, received: IsoDate): Omit<DemoItem, "sourceRef"> {
    const workType = workTypesByCode.get(code)!;
    // A planned review is opened some weeks ahead of the date the care system set for it.
    const dueOn = code === "planned_review" ? addDays(received, this.random.int(28, 70)) : defaultDueDate(received, workType);
    let allocatedOn: IsoDate | null = addDays(received, this.allocationDelay(received));
    let practitioner: Practitioner | undefined;
    while (allocatedOn <= this.today && !(practitioner = this.pick(allocatedOn))) {
      allocatedOn = addDays(allocatedOn, 1);
    }
    let completedOn: IsoDate | null = null;
    if (allocatedOn > this.today || !practitioner) {
      allocatedOn = null;
    } else {
      const done = addDays(allocatedOn, this.workDuration(code, allocatedOn));
      if (done <= this.today) completedOn = done;
      practitioner = this.currentHolder(practitioner, completedOn);
    }
    return {
      personRef: `P${this.random.int(1_000_000, 9_999_999)}`,
      workTypeCode: code,
      teamName: this.plan.name,
      workerKey: practitioner && allocatedOn ? practitioner.worker.key : null,
      receivedOn: received,
      allocatedOn,
      dueOn,
      completedOn,
      outcome: completedOn ? this.outcomeFor(code, completedOn) : null,
      ...cldQualifiers(code, this.random),
    };
  }
}

function cldQualifiers(code: WorkTypeCode, random: DemoRandom) {
  const none = { routeOfAccess: null, assessmentType: null, reviewReason: null };
  switch (code) {
    case "request":
      return { ...none, eventType: "Request", clientType: "Service user", routeOfAccess: random.weighted(routesOfAccess) };
    case "care_act_assessment":
      return { ...none, eventType: "Assessment", clientType: "Service user", assessmentType: "Long term assessment" };
    case "carers_assessment":
      return { ...none, eventType: "Assessment", clientType: "Unpaid carer", assessmentType: "Long term assessment" };
    case "short_term_assessment":
      return { ...none, eventType: "Assessment", clientType: "Service user", assessmentType: "Short term assessment" };
    case "planned_review":
      return { ...none, eventType: "Review", clientType: "Service user", reviewReason: "Planned" };
    case "unplanned_review":
      return { ...none, eventType: "Review", clientType: "Service user", reviewReason: random.weighted(unplannedReviewReasons) };
    case "safeguarding_concern":
      return { ...none, eventType: "Safeguarding Concern", clientType: "Service user" };
    case "section_42_enquiry":
      return { ...none, eventType: "Section 42 Enquiry", clientType: "Service user" };
  }
}

export function generateDemoCouncil(seed: number, today: IsoDate): DemoCouncil {
  const random = new DemoRandom(seed);
  const start = firstDayOf(addMonths(monthOf(today), -(DEMO_MONTHS - 1)));
  let workerCount = 0;
  const nextWorkerKey = () => `W${String(++workerCount).padStart(4, "0")}`;
  const workers: DemoWorker[] = [
    { key: nextWorkerKey(), teamName: null, name: random.fullName(), role: "head_of_service", active: true },
    { key: nextWorkerKey(), teamName: null, name: random.fullName(), role: "admin", active: true },
  ];
  const items: Omit<DemoItem, "sourceRef">[] = [];
  for (const plan of demoTeams) {
    const simulation = new TeamSimulation(plan, random, start, today, nextWorkerKey);
    for (const item of simulation.items()) items.push(item);
    workers.push(...simulation.roster.map((p) => p.worker));
  }
  items.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
  const numbered = items.map((item, index) => ({ ...item, sourceRef: `EV${String(index + 1).padStart(7, "0")}` }));
  // Care comes from the finished work, each team in the order its work was made (the sort is stable), on streams of its own.
  const care = new Map(demoTeams.map((plan, index) => [plan.name, new TeamCare(plan, careRandom(seed, index), start, today)]));
  const services: NewService[] = [];
  for (const item of numbered) services.push(...care.get(item.teamName)!.servicesFor(item));
  return {
    service: demoService,
    teams: demoTeams.map((plan) => ({ name: plan.name, slug: slugify(plan.name), type: plan.type })),
    workers,
    items: numbered,
    services: numberServices(services, "SV", 6),
  };
}

/** The large council's areas: each runs the demo's ten kinds of team (docs/definitions.md#the-scale-primed-plans-for: 120 teams). */
export const LARGE_COUNCIL_AREAS = [
  "Northgate",
  "Riverside",
  "Eastfield",
  "Westbury",
  "Hillcrest",
  "Southmoor",
  "Oakwood",
  "Millbrook",
  "Castleton",
  "Fairview",
  "Brookside",
  "Kingsmead",
];

export function largeCouncilPlans(): DemoTeamPlan[] {
  return LARGE_COUNCIL_AREAS.flatMap((area) => demoTeams.map((plan) => ({ ...plan, name: `${plan.name}, ${area}` })));
}

/**
 * Every team's work received from `start` to `today`, merged into date order
 * as it is generated, so any number of rows streams in flat memory. Each team
 * has its own seeded randomness, so the merge order does not change the data.
 */
export function* councilItemsInDateOrder(plans: DemoTeamPlan[], seed: number, start: IsoDate, today: IsoDate): Generator<DemoItem & { workerName: string | null }> {
  let workerCount = 0;
  const nextWorkerKey = () => `W${String(++workerCount).padStart(6, "0")}`;
  const streams = plans.map((plan, index) => {
    const simulation = new TeamSimulation(plan, new DemoRandom(seed * 1000 + index), start, today, nextWorkerKey);
    const names = new Map(simulation.roster.map((p) => [p.worker.key, p.worker.name]));
    return { names, items: simulation.items(), next: undefined as Omit<DemoItem, "sourceRef"> | undefined };
  });
  for (const stream of streams) stream.next = stream.items.next().value ?? undefined;
  let count = 0;
  for (let day = start; day <= today; day = addDays(day, 1)) {
    for (const stream of streams) {
      while (stream.next && stream.next.receivedOn === day) {
        const item = stream.next;
        count += 1;
        yield {
          ...item,
          sourceRef: `LC${String(count).padStart(8, "0")}`,
          workerName: item.workerKey ? (stream.names.get(item.workerKey) ?? null) : null,
        };
        stream.next = stream.items.next().value ?? undefined;
      }
    }
  }
}

/**
 * The share of the demo's people in long-term support that each large-council team has: the large
 * council's about 12,000 people in support at any time (docs/definitions.md#the-scale-primed-plans-for).
 */
export const LARGE_CARE_SHARE = 0.36;

export type CouncilWorkRow = DemoItem & { workerName: string | null };
export type CouncilServiceRow = DemoService & { workerName: string | null };

/** Earliest start first; among equals, the first made. */
class StartOrder {
  private readonly heap: { service: Omit<CouncilServiceRow, "sourceRef">; order: number }[] = [];
  private made = 0;

  get size(): number {
    return this.heap.length;
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.service.startsOn < y.service.startsOn || (x.service.startsOn === y.service.startsOn && x.order < y.order);
  }

  private swap(a: number, b: number) {
    [this.heap[a], this.heap[b]] = [this.heap[b]!, this.heap[a]!];
  }

  push(service: Omit<CouncilServiceRow, "sourceRef">) {
    this.heap.push({ service, order: this.made++ });
    for (let i = this.heap.length - 1; i > 0 && this.before(i, (i - 1) >> 1); i = (i - 1) >> 1) this.swap(i, (i - 1) >> 1);
  }

  firstStart(): IsoDate | undefined {
    return this.heap[0]?.service.startsOn;
  }

  pop(): Omit<CouncilServiceRow, "sourceRef"> {
    const top = this.heap[0]!.service;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.heap.length && this.before(l, best)) best = l;
        if (r < this.heap.length && this.before(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}

/**
 * The council's work in date order (councilItemsInDateOrder, unchanged) with the services its teams
 * arranged mixed in by start date, still in flat memory: a service starts at most CARE_LEAD_DAYS
 * before the work it comes from, so it waits only until the work has moved past that. (The services
 * of people already supported when the history begins started before it, and come first.)
 */
export function* councilRowsInDateOrder(
  plans: DemoTeamPlan[],
  seed: number,
  start: IsoDate,
  today: IsoDate,
  share = LARGE_CARE_SHARE,
): Generator<({ kind: "work" } & CouncilWorkRow) | ({ kind: "service" } & CouncilServiceRow)> {
  const care = new Map(plans.map((plan, index) => [plan.name, new TeamCare(plan, careRandom(seed, index), start, today, share)]));
  const waiting = new StartOrder();
  let count = 0;
  const next = () => ({ kind: "service" as const, ...waiting.pop(), sourceRef: `LS${String(++count).padStart(8, "0")}` });
  for (const item of councilItemsInDateOrder(plans, seed, start, today)) {
    const settled = addDays(item.receivedOn, -CARE_LEAD_DAYS);
    while (waiting.size > 0 && waiting.firstStart()! < settled) yield next();
    yield { kind: "work", ...item };
    for (const service of care.get(item.teamName)!.servicesFor(item)) waiting.push({ ...service, workerName: item.workerName });
  }
  while (waiting.size > 0) yield next();
}
