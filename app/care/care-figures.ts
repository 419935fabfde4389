/*
 * The one set of definitions of care and cost (docs/definitions.md#care-and-support).
 * Every page, chart, export, pack, the `care` command and the tests count
 * services and reviews here. A month's figures are worked out as the lists
 * behind them (`careMonthDetail`), and the counts are those lists' lengths,
 * so a figure and the list it opens can never disagree.
 *
 * Dates are held as day numbers (days since 1970-01-01, UTC arithmetic) for
 * the arithmetic: "the day before", "+ 28 days" and unbroken support are
 * worked out for every long-term client every month.
 */
import { firstDayOf, isoOfDay, lastDayOf, monthOf, dayOf, type IsoDate, type IsoMonth } from "~/dates";
import {
  ageGroupOf,
  ageGroups,
  careSettings,
  groupOf,
  isPlacement,
  settingOf,
  toPence,
  type AgeGroup,
  type CareSetting,
  type CostFrequency,
  type ServiceGroup,
  type ServiceTypeCode,
} from "./service-types";

/** A service as the figures read it. */
export interface CareService {
  id: number;
  sourceRef: string;
  personRef: string;
  teamId: number;
  workerId: number | null;
  type: ServiceTypeCode;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  unitCost: number | null;
  costFrequency: CostFrequency | null;
  weeklyCost: number;
  ageAtStart: number | null;
}

/** A completed review (work type Planned or Unplanned review), on its latest record. */
export interface CareReview {
  id: number;
  sourceRef: string;
  personRef: string;
  teamId: number;
  workerId: number | null;
  receivedOn: IsoDate;
  completedOn: IsoDate;
}

/**
 * Day numbers of the dates in the book, each worked out once: a few thousand distinct dates stand for every review's
 * and service's. Kept this way rather than as a received and a completed day on each of the large council's 210,000
 * reviews, which were 210,000 more objects for the garbage collector to go through in every full collection.
 */
const daysOfDates = new Map<string, number>();
function dayOfDate(date: IsoDate): number {
  let day = daysOfDates.get(date);
  if (day === undefined) {
    if (daysOfDates.size >= 100_000) daysOfDates.clear();
    day = dayOf(date);
    daysOfDates.set(date, day);
  }
  return day;
}

/**
 * The end of a service that continues: a day after any date can be. A whole number rather than Infinity, so that every
 * Dated holds its end in place: one Infinity among them made V8 keep each end as a number object of its own, 133,000
 * more objects at the large council for every full garbage collection to go through.
 */
const CONTINUES = 1_000_000_000;

/** A service with its dates as day numbers; `end` is CONTINUES while it continues. */
interface Dated {
  service: CareService;
  start: number;
  end: number;
  /** The long-term setting's place in `careSettings`, or -1 for short-term and carer support. */
  rank: number;
  placement: boolean;
}

function dated(service: CareService): Dated {
  const setting = settingOf(service.type);
  return {
    service,
    start: dayOfDate(service.startsOn),
    end: service.endsOn === null ? CONTINUES : dayOfDate(service.endsOn),
    rank: setting === null ? -1 : careSettings.indexOf(setting),
    placement: isPlacement(service.type),
  };
}

/** Where the row with this id is in rows in order of id, or -1. */
function indexById(rows: readonly { id: number }[], id: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = rows[middle]!.id;
    if (at === id) return middle;
    if (at < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The row with this id in rows in order of id. */
function byId<T extends { id: number }>(rows: readonly T[], id: number): T | undefined {
  const at = indexById(rows, id);
  return at === -1 ? undefined : rows[at];
}

/** Adds new rows to rows in order of id, keeping the order: new rows usually come after every row already held. */
function inOrderOfId<T extends { id: number }>(rows: T[], added: T[]) {
  if (added.length === 0) return;
  added.sort((a, b) => a.id - b.id);
  const after = rows.length === 0 || rows[rows.length - 1]!.id < added[0]!.id;
  rows.push(...added);
  if (!after) rows.sort((a, b) => a.id - b.id);
}

/** How many index entries `withChangesInSteps` copies between pauses, when it folds layers into one Map: a few milliseconds' work. */
const STEP_ROWS = 20_000;

/** In order of start, then of id: a book brought up to date holds its lists in the same order as one read whole. */
const byStart = (a: Dated, b: Dated) => a.start - b.start || a.service.id - b.service.id;

/** A review with its days. */
interface DatedReview {
  review: CareReview;
  received: number;
  completed: number;
}

/** A scope's services by start and its reviews by completion, dated once for all the months a page shows. */
export interface ScopeRows {
  services: readonly Dated[];
  reviews: readonly DatedReview[];
}

/** Read-only lookups by key: a Map, or a load's changes laid over an earlier book's lookups (`Layered`). */
interface Lookup<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  entries(): IterableIterator<[K, V]>;
}

/** A key a load took away, in a layer. */
const GONE = Symbol("gone");

/**
 * A load's changes over the lookups of the book before it. A book brought up to date shares the earlier book's
 * indexes rather than copying them (copying the large council's took 260 ms); after a few loads the layers are
 * copied into one Map again (MOST_LAYERS), so a lookup never walks more than a few.
 */
class Layered<K, V> implements Lookup<K, V> {
  readonly depth: number;
  constructor(
    private readonly top: ReadonlyMap<K, V | typeof GONE>,
    private readonly below: Lookup<K, V>,
  ) {
    this.depth = depthOf(below) + 1;
  }

  get(key: K): V | undefined {
    const value = this.top.get(key);
    if (value === undefined) return this.below.get(key);
    return value === GONE ? undefined : value;
  }

  has(key: K): boolean {
    const value = this.top.get(key);
    return value === undefined ? this.below.has(key) : value !== GONE;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const entry of this.below.entries()) if (!this.top.has(entry[0])) yield entry;
    for (const [key, value] of this.top) if (value !== GONE) yield [key, value];
  }
}

const depthOf = (lookup: Lookup<unknown, unknown>) => (lookup instanceof Layered ? lookup.depth : 0);
const MOST_LAYERS = 4;

/**
 * The days a person's reviews were completed, in order: one day alone as a number. At the large council nearly every
 * person with a review has one, and 210,000 one-day lists were 420,000 objects (a list and its store) for every full
 * garbage collection to go through.
 */
type ReviewDays = number | readonly number[];

/** A care book's rows and the indexes built from them. */
interface CareBookParts {
  readonly services: readonly CareService[];
  readonly reviews: readonly CareReview[];
  readonly dated: Lookup<number, Dated>;
  readonly longTermByPerson: Lookup<string, readonly Dated[]>;
  readonly reviewDaysByPerson: Lookup<string, ReviewDays>;
}

/**
 * What a load wrote, as a care book needs it: the services it added or changed, the work items it added or changed
 * that are completed reviews, and the ids of those that are not (or are no longer) completed reviews.
 */
export interface CareBookChanges {
  services: readonly CareService[];
  reviews: readonly CareReview[];
  notReviewIds: readonly number[];
}

/**
 * A care book put together a slice at a time (care-book.server.ts reads the
 * large council's 340,000 rows in slices, letting pages in between): add the
 * services and reviews in any number of slices, then `finish`.
 */
export class CareBookBuilder {
  readonly services: CareService[] = [];
  readonly reviews: CareReview[] = [];
  readonly dated = new Map<number, Dated>();
  readonly longTermByPerson = new Map<string, Dated[]>();
  readonly reviewDaysByPerson = new Map<string, number | number[]>();

  addServices(services: readonly CareService[]): this {
    for (const service of services) {
      this.services.push(service);
      const d = dated(service);
      this.dated.set(service.id, d);
      if (groupOf(service.type) !== "long_term") continue;
      const list = this.longTermByPerson.get(service.personRef);
      if (list) list.push(d);
      else this.longTermByPerson.set(service.personRef, [d]);
    }
    return this;
  }

  addReviews(reviews: readonly CareReview[]): this {
    for (const review of reviews) {
      this.reviews.push(review);
      const completed = dayOfDate(review.completedOn);
      const held = this.reviewDaysByPerson.get(review.personRef);
      if (held === undefined) this.reviewDaysByPerson.set(review.personRef, completed);
      else if (typeof held === "number") this.reviewDaysByPerson.set(review.personRef, [held, completed]);
      else held.push(completed);
    }
    return this;
  }

  /** Puts each person's services in order of start and reviews in order of completion. */
  sortLists(): this {
    for (const list of this.longTermByPerson.values()) if (list.length > 1) list.sort(byStart);
    for (const held of this.reviewDaysByPerson.values()) if (typeof held !== "number") held.sort((a, b) => a - b);
    return this;
  }

  finish(): CareBook {
    return new CareBook(this.sortLists());
  }
}

/**
 * Every service and completed review of the service, indexed for the parts of
 * the definitions that look at a person in any team: whether they were in a
 * placement the day before an admission, their long-term cost before and after
 * a review, their unbroken support and their reviews. Built once per data version.
 */
let editions = 0;

export class CareBook {
  /**
   * Which book this is, in this process: a new book, even of the same data, has a new edition; a load that changed
   * nothing the book holds gives the same book back (`withChanges`), so figures counted from it are kept.
   */
  readonly edition = (editions += 1);
  readonly services: readonly CareService[];
  readonly reviews: readonly CareReview[];
  private readonly dated: Lookup<number, Dated>;
  private readonly longTermByPerson: Lookup<string, readonly Dated[]>;
  private readonly reviewDaysByPerson: Lookup<string, ReviewDays>;
  /** Day numbers back to dates: a few thousand distinct days, asked for by every client every month. */
  private readonly isoDays = new Map<number, IsoDate>();
  /** Each team's services and reviews, shared out on first use: a team's figures then need not look through all. */
  private byTeam: Map<number, { services: CareService[]; reviews: CareReview[] }> | undefined;
  private all: ScopeRows | undefined;

  /** The book of these services and reviews; or of a builder's, its lists sorted (CareBookBuilder.finish). */
  constructor(services: readonly CareService[] | CareBookParts, reviews: readonly CareReview[] = []) {
    const built = Array.isArray(services) ? new CareBookBuilder().addServices(services).addReviews(reviews).sortLists() : (services as CareBookParts);
    this.services = built.services;
    this.reviews = built.reviews;
    this.dated = built.dated;
    this.longTermByPerson = built.longTermByPerson;
    this.reviewDaysByPerson = built.reviewDaysByPerson;
  }

  /**
   * A new book: this one with a load's changes put in (issue 18: about 7,000 rows of a 200,000-row reload, where the
   * whole book is 340,000). Rows are replaced by id and new ones added in order of id; only the people whose rows
   * changed have their lists rebuilt. This book is left as it was: requests may still be reading it.
   */
  withChanges(changes: CareBookChanges): CareBook {
    const steps = this.withChangesInSteps(changes);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * `withChanges` a step at a time: it pauses after every STEP_ROWS rows copied, so a serving process can let
   * requests in (copying the large council's book takes a few hundred milliseconds).
   */
  *withChangesInSteps(written: CareBookChanges): Generator<void, CareBook> {
    // Rows a load wrote again as they were, or changed only in what the figures do not read (a due date, a
    // description), are not changes to the book; when there are none, this book is the new data's book too.
    const changes = this.differences(written);
    if (changes.services.length + changes.reviews.length + changes.notReviewIds.length === 0) return this;
    let copied = 0;
    const tick = () => (copied += 1) % STEP_ROWS === 0;
    // Each index gets a layer of what changed over this book's; or, once there are MOST_LAYERS, one Map again.
    const deep = depthOf(this.dated) >= MOST_LAYERS;
    function* over<K, V>(below: Lookup<K, V>, top: Map<K, V | typeof GONE>): Generator<void, Lookup<K, V>> {
      if (!deep) return new Layered(top, below);
      const flat = new Map<K, V>();
      for (const [key, value] of below.entries()) {
        if (!top.has(key)) flat.set(key, value);
        if (tick()) yield;
      }
      for (const [key, value] of top) if (value !== GONE) flat.set(key, value);
      return flat;
    }

    const changedServices = new Map(changes.services.map((s) => [s.id, s]));
    // Each person whose services changed, with their long-term services as they now are.
    const longTermNow = new Map<string, Dated[]>();
    // Changed rows are put in where they stand, found by id, and new ones added after: going through all 340,000
    // rows for a few thousand changes held each serving process for 200 ms after every load (the morning rush).
    const services = this.services.slice();
    const added: CareService[] = [];
    for (const now of changedServices.values()) {
      const at = indexById(this.services, now.id);
      if (at === -1) {
        added.push(now);
        continue;
      }
      longTermNow.set(this.services[at]!.personRef, []);
      services[at] = now;
    }
    inOrderOfId(services, added);
    const datedTop = new Map<number, Dated>();
    for (const s of changes.services) {
      const d = dated(s);
      datedTop.set(s.id, d);
      const list = longTermNow.get(s.personRef) ?? [];
      if (groupOf(s.type) === "long_term") list.push(d);
      longTermNow.set(s.personRef, list);
    }
    const longTermTop = new Map<string, readonly Dated[] | typeof GONE>();
    for (const [person, now] of longTermNow) {
      const list = [...(this.longTermByPerson.get(person) ?? []).filter((d) => !changedServices.has(d.service.id)), ...now].sort(byStart);
      longTermTop.set(person, list.length > 0 ? list : GONE);
    }

    const changedReviews = new Map(changes.reviews.map((r) => [r.id, r]));
    const notReviews = new Set(changes.notReviewIds);
    // Each person whose reviews changed: the days that leave their list, and the days that join it.
    const leaving = new Map<string, number[]>();
    const joining = new Map<string, number[]>();
    const into = (map: Map<string, number[]>, person: string, day: number) => {
      const list = map.get(person);
      if (list) list.push(day);
      else map.set(person, [day]);
    };
    const placed: (CareReview | undefined)[] = this.reviews.slice();
    let anyLeft = false;
    for (const id of new Set([...changedReviews.keys(), ...notReviews])) {
      const at = indexById(this.reviews, id);
      if (at === -1) continue;
      const was = this.reviews[at]!;
      into(leaving, was.personRef, dayOfDate(was.completedOn));
      placed[at] = changedReviews.get(id);
      if (placed[at] === undefined) anyLeft = true;
    }
    const reviews = anyLeft ? placed.filter((r): r is CareReview => r !== undefined) : (placed as CareReview[]);
    inOrderOfId(
      reviews,
      [...changedReviews.values()].filter((r) => indexById(this.reviews, r.id) === -1),
    );
    for (const r of changes.reviews) into(joining, r.personRef, dayOfDate(r.completedOn));
    const reviewDaysByPersonTop = new Map<string, ReviewDays | typeof GONE>();
    for (const person of new Set([...leaving.keys(), ...joining.keys()])) {
      const list = [...this.reviewDaysOf(person)];
      for (const day of leaving.get(person) ?? []) list.splice(list.indexOf(day), 1);
      list.push(...(joining.get(person) ?? []));
      list.sort((a, b) => a - b);
      reviewDaysByPersonTop.set(person, list.length === 0 ? GONE : list.length === 1 ? list[0]! : list);
    }
    return new CareBook({
      services,
      reviews,
      dated: yield* over(this.dated, datedTop),
      longTermByPerson: yield* over(this.longTermByPerson, longTermTop),
      reviewDaysByPerson: yield* over(this.reviewDaysByPerson, reviewDaysByPersonTop),
    });
  }

  /** What of a load's rows differs from what this book holds. */
  private differences(written: CareBookChanges): CareBookChanges {
    const same = <T extends object>(a: T, b: T) => (Object.keys(a) as (keyof T)[]).every((key) => a[key] === b[key]);
    return {
      services: written.services.filter((s) => {
        const held = this.dated.get(s.id)?.service;
        return held === undefined || !same(held, s);
      }),
      reviews: written.reviews.filter((r) => {
        const held = byId(this.reviews, r.id);
        return held === undefined || !same(held, r);
      }),
      notReviewIds: written.notReviewIds.filter((id) => indexById(this.reviews, id) !== -1),
    };
  }

  /** The services and reviews of a scope's team (or of the whole service), in order of id. */
  rowsOfTeam(teamId: number | undefined): { services: readonly CareService[]; reviews: readonly CareReview[] } {
    if (teamId === undefined) return this;
    if (!this.byTeam) {
      const byTeam = new Map<number, { services: CareService[]; reviews: CareReview[] }>();
      const of = (id: number) => {
        let rows = byTeam.get(id);
        if (!rows) byTeam.set(id, (rows = { services: [], reviews: [] }));
        return rows;
      };
      for (const s of this.services) of(s.teamId).services.push(s);
      for (const r of this.reviews) of(r.teamId).reviews.push(r);
      this.byTeam = byTeam;
    }
    return this.byTeam.get(teamId) ?? { services: [], reviews: [] };
  }

  datedOf(service: CareService): Dated {
    return this.dated.get(service.id) ?? dated(service);
  }

  /** A scope's rows, dated and in order, for careMonthDetail. */
  /** Every row in date order, put in order once per book: the whole service's counted metrics read it. */
  allRows(): ScopeRows {
    return (this.all ??= this.rowsOf(this.services, this.reviews));
  }

  rowsOf(services: readonly CareService[], reviews: readonly CareReview[]): ScopeRows {
    return {
      services: services.map((s) => this.datedOf(s)).sort((a, b) => a.start - b.start),
      reviews: reviews.map((review) => ({ review, ...this.daysOfReview(review) })).sort((a, b) => a.completed - b.completed),
    };
  }

  /** A review's received and completed days. */
  daysOfReview(review: CareReview): { received: number; completed: number } {
    return { received: dayOfDate(review.receivedOn), completed: dayOfDate(review.completedOn) };
  }

  /** The date of a day number. */
  iso(day: number): IsoDate {
    let date = this.isoDays.get(day);
    if (date === undefined) {
      date = isoOfDay(day);
      this.isoDays.set(day, date);
    }
    return date;
  }

  /** The person's long-term services in any team, by start. */
  longTermOf(personRef: string): readonly Dated[] {
    return this.longTermByPerson.get(personRef) ?? [];
  }

  /** The days the person's reviews (any team) were completed, in order. */
  reviewDaysOf(personRef: string): readonly number[] {
    const held = this.reviewDaysByPerson.get(personRef);
    return held === undefined ? [] : typeof held === "number" ? [held] : held;
  }

  /** The sum of the weekly cost of the person's long-term services (any team) active on `day`. */
  longTermCostOn(personRef: string, day: number): number {
    let sum = 0;
    for (const d of this.longTermOf(personRef)) if (d.start <= day && d.end >= day) sum += d.service.weeklyCost;
    return sum;
  }

  /** Whether the person had a residential or nursing service (any team) active on `day`. */
  inPlacementOn(personRef: string, day: number): boolean {
    return this.longTermOf(personRef).some((d) => isPlacement(d.service.type) && d.start <= day && d.end >= day);
  }

  /**
   * The first day of the person's current unbroken long-term support at `day`:
   * the earliest x such that on every day from x to `day` a long-term service
   * (any team) is active. A package changed at a review (one service ends, the
   * next starts the day after) does not break it. Null when none is active on `day`.
   */
  supportStartOn(personRef: string, day: number): number | null {
    let blockStart: number | null = null;
    let blockEnd = -Infinity;
    for (const d of this.longTermOf(personRef)) {
      if (d.start > day) break;
      if (blockStart === null || d.start > blockEnd + 1) {
        blockStart = d.start;
        blockEnd = d.end;
      } else if (d.end > blockEnd) blockEnd = d.end;
    }
    return blockStart !== null && blockEnd >= day ? blockStart : null;
  }

  /** The day of the person's latest review (any team) completed from `from` to `to`, or null. */
  latestReviewBetween(personRef: string, from: number, to: number): number | null {
    const days = this.reviewDaysOf(personRef);
    for (let i = days.length - 1; i >= 0; i -= 1) {
      const day = days[i]!;
      if (day > to) continue;
      return day >= from ? day : null;
    }
    return null;
  }
}

/**
 * Whose figures: a team's, a worker's (the services and reviews with them as worker), several teams' (a counted
 * Primed Metric's scope: each person counted once across them), or the whole service's.
 */
export interface CareScope {
  teamId?: number;
  workerId?: number;
  teamIds?: readonly number[];
}

function inScope(scope: CareScope, row: { teamId: number; workerId: number | null }): boolean {
  return (
    (scope.teamId === undefined || row.teamId === scope.teamId) &&
    (scope.workerId === undefined || row.workerId === scope.workerId) &&
    (scope.teamIds === undefined || scope.teamIds.includes(row.teamId))
  );
}

/** A month seen from the as-of date: `t` is the month's last day, or the as-of date in the current month. */
export interface CareWindow {
  month: IsoMonth;
  kind: "past" | "current" | "future";
  asOf: IsoDate;
  /** The month's first day, and the day the month's stock figures are taken (t) and its flows count up to (min(e, d0)). */
  start: number;
  t: number;
  asOfDay: number;
}

export function careWindow(month: IsoMonth, asOf: IsoDate): CareWindow {
  const asOfMonth = monthOf(asOf);
  const kind = month < asOfMonth ? "past" : month === asOfMonth ? "current" : "future";
  const asOfDay = dayOf(asOf);
  return { month, kind, asOf, start: dayOf(firstDayOf(month)), t: kind === "past" ? dayOf(lastDayOf(month)) : asOfDay, asOfDay };
}

/** A review and what the person's long-term support cost a week before it and 28 days after it was completed. */
export interface CostedReview {
  review: CareReview;
  before: number;
  after: number;
}

/** A long-term client at t, with when their review is due. */
export interface LongTermClient {
  personRef: string;
  /** The client's long-term services in scope active at t (the first decides the worker shown). */
  services: CareService[];
  supportStart: IsoDate;
  lastReview: IsoDate | null;
  reviewDue: IsoDate;
  reviewedInLast12Months: boolean;
  /** Days past the due date at t; 0 when not overdue. */
  daysOverdue: number;
}

/** A person admitted to residential or nursing care in the month, by the service that admitted them. */
export interface Admission {
  service: CareService;
  ageGroup: AgeGroup;
}

/** Everything behind one month's figures, for a scope. */
export interface CareMonthDetail {
  window: CareWindow;
  /** Services in scope active at t. */
  active: CareService[];
  /** People in long-term support at t, each in the first setting they have, with the service that put them there. */
  longTermPeople: Record<CareSetting, CareService[]>;
  started: CareService[];
  ended: CareService[];
  admissions: Admission[];
  reviewsCosted: CostedReview[];
  reviewsTooRecent: CareReview[];
  longTermClients: LongTermClient[];
}

const TWENTY_EIGHT = 28;

/** The month's figures for a scope as the lists behind them. Null for a month after the as-of month. */
export function careMonthDetail(book: CareBook, scope: CareScope, window: CareWindow, inScopeRows?: ScopeRows): CareMonthDetail | null {
  if (window.kind === "future") return null;
  const { start, t, asOfDay } = window;
  const team = book.rowsOfTeam(scope.teamId);
  const rows =
    inScopeRows ??
    book.rowsOf(
      team.services.filter((s) => inScope(scope, s)),
      team.reviews.filter((r) => inScope(scope, r)),
    );

  const active: CareService[] = [];
  const started: CareService[] = [];
  const ended: CareService[] = [];
  const admitted = new Map<string, Admission>();
  const firstSetting = new Map<string, { rank: number; service: CareService }>();
  const longTermInScope = new Map<string, CareService[]>();

  for (const d of rows.services) {
    // In order of start: none after t is active, started or ended by t (nothing after the as-of date counts, and t is at most it).
    if (d.start > t) break;
    // Ended before the month: nothing of the month's.
    if (d.end < start) continue;
    const service = d.service;
    if (d.end >= t) {
      active.push(service);
      if (d.rank >= 0) {
        const seen = firstSetting.get(service.personRef);
        if (!seen || d.rank < seen.rank) firstSetting.set(service.personRef, { rank: d.rank, service });
        const list = longTermInScope.get(service.personRef);
        if (list) list.push(service);
        else longTermInScope.set(service.personRef, [service]);
      }
    }
    if (d.start >= start) {
      started.push(service);
      if (d.placement && !book.inPlacementOn(service.personRef, d.start - 1)) {
        // Each person once a month: their first admission in it (services come in order of start).
        if (!admitted.has(service.personRef)) admitted.set(service.personRef, { service, ageGroup: ageGroupOf(service.ageAtStart) });
      }
    }
    if (d.end <= t) ended.push(service);
  }

  const longTermPeople = Object.fromEntries(careSettings.map((s) => [s, [] as CareService[]])) as Record<CareSetting, CareService[]>;
  for (const { rank, service } of firstSetting.values()) longTermPeople[careSettings[rank]!].push(service);

  const reviewsCosted: CostedReview[] = [];
  const reviewsTooRecent: CareReview[] = [];
  // Reviews in order of completion: from the first completed in the month to the last completed by t.
  let from = 0;
  for (let to = rows.reviews.length; from < to;) {
    const middle = (from + to) >>> 1;
    if (rows.reviews[middle]!.completed < start) from = middle + 1;
    else to = middle;
  }
  for (let i = from; i < rows.reviews.length && rows.reviews[i]!.completed <= t; i += 1) {
    const { review, received, completed } = rows.reviews[i]!;
    if (completed + TWENTY_EIGHT > asOfDay) {
      reviewsTooRecent.push(review);
      continue;
    }
    reviewsCosted.push({ review, before: book.longTermCostOn(review.personRef, received), after: book.longTermCostOn(review.personRef, completed + TWENTY_EIGHT) });
  }

  const longTermClients: LongTermClient[] = [];
  for (const [personRef, clientServices] of longTermInScope) {
    // Active in scope at t, so some long-term service is active at t: the support start exists.
    const supportStart = book.supportStartOn(personRef, t) ?? book.datedOf(clientServices[0]!).start;
    const lastReview = book.latestReviewBetween(personRef, -Infinity, t);
    const reviewSinceStart = book.latestReviewBetween(personRef, supportStart, t);
    const due = reviewSinceStart !== null ? reviewSinceStart + 365 : supportStart + 56;
    longTermClients.push({
      personRef,
      services: clientServices,
      supportStart: book.iso(supportStart),
      lastReview: lastReview === null ? null : book.iso(lastReview),
      reviewDue: book.iso(due),
      reviewedInLast12Months: lastReview !== null && lastReview >= t - 364,
      daysOverdue: due < t ? t - due : 0,
    });
  }

  return { window, active, longTermPeople, started, ended, admissions: [...admitted.values()], reviewsCosted, reviewsTooRecent, longTermClients };
}

/** A month's care figures: the counts and sums of its detail. Money in pounds to the penny. */
export interface CareMonthFigures {
  month: IsoMonth;
  longTermPeople: Record<CareSetting, number>;
  weeklyCost: Record<"longTerm" | "shortTerm" | "carer", number>;
  costNotKnown: number;
  started: number;
  startedWeeklyCost: number;
  oneOffCost: number;
  ended: number;
  endedWeeklyCost: number;
  admissions: Record<AgeGroup, number>;
  averagePlacementCost: { residential: number | null; nursing: number | null };
  reviewsCosted: number;
  reviewsTooRecent: number;
  reviewCostChange: number;
  reviewsReduced: number;
  reviewsIncreased: number;
  reviewsUnchanged: number;
  longTermClients: number;
  reviewedInLast12Months: number;
  reviewsOverdue: number;
}

/** A month after the as-of month: every figure null. */
export type CareMonthRow = CareMonthFigures | ({ month: IsoMonth } & { [K in Exclude<keyof CareMonthFigures, "month">]: null });

const groupKey: Record<ServiceGroup, keyof CareMonthFigures["weeklyCost"]> = { long_term: "longTerm", short_term: "shortTerm", carer: "carer" };

function sumOf(services: readonly CareService[]): number {
  let sum = 0;
  for (const s of services) sum += s.weeklyCost;
  return sum;
}

/** The average weekly cost of the active placements of a setting with a known unit cost. */
export function placementsWithKnownCost(detail: CareMonthDetail, setting: "residential" | "nursing"): CareService[] {
  return detail.active.filter((s) => settingOf(s.type) === setting && s.unitCost !== null);
}

export function oneOffsStarted(detail: CareMonthDetail): CareService[] {
  return detail.started.filter((s) => s.costFrequency === "one_off");
}

export function careMonthFigures(detail: CareMonthDetail): CareMonthFigures {
  const weeklyCost = { longTerm: 0, shortTerm: 0, carer: 0 };
  let costNotKnown = 0;
  for (const s of detail.active) {
    weeklyCost[groupKey[groupOf(s.type)]] += s.weeklyCost;
    if (s.unitCost === null) costNotKnown += 1;
  }
  const average = (setting: "residential" | "nursing") => {
    const placements = placementsWithKnownCost(detail, setting);
    return placements.length === 0 ? null : toPence(sumOf(placements) / placements.length);
  };
  const admissions = Object.fromEntries(ageGroups.map((g) => [g, 0])) as Record<AgeGroup, number>;
  for (const a of detail.admissions) admissions[a.ageGroup] += 1;
  let change = 0;
  let reduced = 0;
  let increased = 0;
  for (const { before, after } of detail.reviewsCosted) {
    change += after - before;
    // Compared to the penny: costs worked out from different frequencies need not be equal in floating point.
    const difference = toPence(after - before);
    if (difference < 0) reduced += 1;
    else if (difference > 0) increased += 1;
  }
  return {
    month: detail.window.month,
    longTermPeople: Object.fromEntries(careSettings.map((s) => [s, detail.longTermPeople[s].length])) as Record<CareSetting, number>,
    weeklyCost: { longTerm: toPence(weeklyCost.longTerm), shortTerm: toPence(weeklyCost.shortTerm), carer: toPence(weeklyCost.carer) },
    costNotKnown,
    started: detail.started.length,
    startedWeeklyCost: toPence(sumOf(detail.started)),
    oneOffCost: toPence(oneOffsStarted(detail).reduce((sum, s) => sum + (s.unitCost ?? 0), 0)),
    ended: detail.ended.length,
    endedWeeklyCost: toPence(sumOf(detail.ended)),
    admissions,
    averagePlacementCost: { residential: average("residential"), nursing: average("nursing") },
    reviewsCosted: detail.reviewsCosted.length,
    reviewsTooRecent: detail.reviewsTooRecent.length,
    reviewCostChange: toPence(change),
    reviewsReduced: reduced,
    reviewsIncreased: increased,
    reviewsUnchanged: detail.reviewsCosted.length - reduced - increased,
    longTermClients: detail.longTermClients.length,
    reviewedInLast12Months: detail.longTermClients.filter((c) => c.reviewedInLast12Months).length,
    reviewsOverdue: detail.longTermClients.filter((c) => c.daysOverdue > 0).length,
  };
}

/** A month's care figures with the people in residential and nursing care at t by age group (a counted Primed Metric's). */
export interface CareMonthFiguresByAge extends CareMonthFigures {
  /** By the person's age when the placement that puts them in that setting began: the only age Primed keeps. */
  peopleInCareByAge: Record<AgeGroup, number>;
}

export function careMonthFiguresByAge(detail: CareMonthDetail): CareMonthFiguresByAge {
  const peopleInCareByAge = Object.fromEntries(ageGroups.map((g) => [g, 0])) as Record<AgeGroup, number>;
  for (const service of [...detail.longTermPeople.residential, ...detail.longTermPeople.nursing]) peopleInCareByAge[ageGroupOf(service.ageAtStart)] += 1;
  return { ...careMonthFigures(detail), peopleInCareByAge };
}

export function emptyCareMonth(month: IsoMonth): CareMonthRow {
  return {
    month,
    longTermPeople: null,
    weeklyCost: null,
    costNotKnown: null,
    started: null,
    startedWeeklyCost: null,
    oneOffCost: null,
    ended: null,
    endedWeeklyCost: null,
    admissions: null,
    averagePlacementCost: null,
    reviewsCosted: null,
    reviewsTooRecent: null,
    reviewCostChange: null,
    reviewsReduced: null,
    reviewsIncreased: null,
    reviewsUnchanged: null,
    longTermClients: null,
    reviewedInLast12Months: null,
    reviewsOverdue: null,
  };
}

function monthsOf(book: CareBook, scope: CareScope, months: readonly IsoMonth[], asOf: IsoDate, services: readonly CareService[], reviews: readonly CareReview[]): CareMonthRow[] {
  const rows = book.rowsOf(services, reviews);
  return months.map((month) => {
    const detail = careMonthDetail(book, scope, careWindow(month, asOf), rows);
    return detail ? careMonthFigures(detail) : emptyCareMonth(month);
  });
}

/** A scope's figures for each month, as of a date: the services and reviews in scope picked out once. */
export function careMonths(book: CareBook, scope: CareScope, months: readonly IsoMonth[], asOf: IsoDate): CareMonthRow[] {
  const team = book.rowsOfTeam(scope.teamId);
  return monthsOf(
    book,
    scope,
    months,
    asOf,
    team.services.filter((s) => inScope(scope, s)),
    team.reviews.filter((r) => inScope(scope, r)),
  );
}

/** A scope's month details, each counted by `count` (null for a month after the as-of month), the rows in scope picked out once. */
export function careMonthsCounted<T>(book: CareBook, scope: CareScope, months: readonly IsoMonth[], asOf: IsoDate, count: (detail: CareMonthDetail) => T): (T | null)[] {
  // The first step picks out the rows and gives no month.
  return [...careMonthsCountedEach(book, scope, months, asOf, count)].slice(1);
}

/** The rows a scope counts, picked out in the book's order and put in date order: the whole service's once per book. */
export function careScopeRows(book: CareBook, scope: CareScope): ScopeRows {
  if (scope.teamId === undefined && scope.workerId === undefined && scope.teamIds === undefined) return book.allRows();
  const team = book.rowsOfTeam(scope.teamId);
  const teamIds = scope.teamIds === undefined ? null : new Set(scope.teamIds);
  const wanted = (row: { teamId: number; workerId: number | null }) => (teamIds === null || teamIds.has(row.teamId)) && inScope({ ...scope, teamIds: undefined }, row);
  return book.rowsOf(team.services.filter(wanted), team.reviews.filter(wanted));
}

/**
 * The same, a step at a time, so a caller can let other work in between: first the rows are picked out (null), then
 * each month is counted.
 */
export function* careMonthsCountedEach<T>(
  book: CareBook,
  scope: CareScope,
  months: readonly IsoMonth[],
  asOf: IsoDate,
  count: (detail: CareMonthDetail) => T,
): Generator<T | null> {
  const rows = careScopeRows(book, scope);
  yield null;
  for (const month of months) {
    const detail = careMonthDetail(book, scope, careWindow(month, asOf), rows);
    yield detail ? count(detail) : null;
  }
}

/** Every team's figures for each month: the services and reviews shared out by team in one pass (the service overview). */
export function careMonthsByTeam(book: CareBook, teamIds: readonly number[], months: readonly IsoMonth[], asOf: IsoDate): Map<number, CareMonthRow[]> {
  const services = new Map<number, CareService[]>(teamIds.map((id) => [id, []]));
  const reviews = new Map<number, CareReview[]>(teamIds.map((id) => [id, []]));
  for (const s of book.services) services.get(s.teamId)?.push(s);
  for (const r of book.reviews) reviews.get(r.teamId)?.push(r);
  return new Map(teamIds.map((teamId) => [teamId, monthsOf(book, { teamId }, months, asOf, services.get(teamId)!, reviews.get(teamId)!)]));
}
