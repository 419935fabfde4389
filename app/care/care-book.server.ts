/*
 * The service's services and completed reviews, read once per data version
 * into a CareBook (care-figures.ts); every care figure of every team and
 * worker is then counted from memory until the next load.
 *
 * At the large council (133,000 services, 210,000 completed reviews) reading
 * them takes about 2 s of processor. Read in one go, that held every request
 * of the process for as long (the morning rush: pages p95 2.7 s, writes
 * 3.3 s), so a serving process reads it a slice at a time (`careBookReady`),
 * letting requests in between slices; the pages that need it wait for it.
 * After a load it is not read again whole: the book of the version before is
 * brought up to date from the rows the load wrote (data_changes), about 7,000
 * for a 200,000-row reload with a tenth changed. Only the command line and
 * tests read it in one go (`careBook`).
 */
import type { Db } from "../../db/connection";
import type { IsoMonth, IsoDate } from "~/dates";
import { monthRange } from "~/dates";
import { CARE_BOOK_COLUMNS } from "./care-book-columns";
import { changesBetween } from "~/work-figures/data-changes.server";
import { dataVersion, memory } from "~/work-figures/figures-cache.server";
import {
  CareBook,
  CareBookBuilder,
  careMonthFiguresByAge,
  careMonths,
  careMonthsByTeam,
  careMonthsCounted,
  careMonthsCountedEach,
  type CareMonthFiguresByAge,
  type CareMonthRow,
  type CareReview,
  type CareScope,
  type CareService,
} from "./care-figures";
import type { CostFrequency, ServiceTypeCode } from "./service-types";

/** The work types whose completed items are reviews (docs/definitions.md#care-and-support). */
export const REVIEW_WORK_TYPES = ["planned_review", "unplanned_review"] as const;

/** How long a slice may hold the process before requests waiting are let in. */
const SLICE_MS = 10;
const ROWS_PER_READ = 500;

// Rows come as arrays and are made into objects here (serviceOf, reviewOf): better-sqlite3's row objects take twice
// as long to make.
const SERVICE_COLUMNS = ["id", "source_ref", ...CARE_BOOK_COLUMNS.care_services].join(", ");
const REVIEW_COLUMNS = ["id", "source_ref", "person_ref", "team_id", "worker_id", "received_on", "completed_on"].map((c) => `w.${c}`).join(", ");
const REVIEW_TYPE_IDS = `(select id from work_types where code in (${REVIEW_WORK_TYPES.map((code) => `'${code}'`).join(", ")}))`;
const SERVICES_AFTER = `select ${SERVICE_COLUMNS} from care_services where id > ? order by id limit ?`;
const REVIEWS_AFTER = `select ${REVIEW_COLUMNS} from work_items w
  where w.id > ? and w.completed_on is not null and w.work_type_id in ${REVIEW_TYPE_IDS} order by w.id limit ?`;
// The rows a load wrote, by reference (app/work-figures/data-changes.server.ts): the same columns, and whether each
// work item is now a completed review.
const SERVICES_BY_REF = `select ${SERVICE_COLUMNS} from care_services where source_ref in (select value from json_each(?))`;
const WORK_ITEMS_BY_REF = `select ${REVIEW_COLUMNS}, w.completed_on is not null and w.work_type_id in ${REVIEW_TYPE_IDS}
  from work_items w where w.source_ref in (select value from json_each(?))`;

type Row = unknown[];

/**
 * The one copy of a repeated value. SQLite hands back a new string for every date and code of every row: at the large
 * council 940,000 strings of 7,000 distinct values, which every full garbage collection went through. Dates and codes
 * are few, so the copies held stay few; the memory is emptied if it ever grows past what they could be.
 */
const copies = new Map<string, string>();
function oneCopy<T extends string | null>(value: T): T {
  if (value === null) return value;
  const held = copies.get(value);
  if (held !== undefined) return held as T;
  if (copies.size >= 100_000) copies.clear();
  copies.set(value, value);
  return value;
}

function serviceOf(r: Row): CareService {
  return {
    id: r[0] as number,
    sourceRef: r[1] as string,
    personRef: r[2] as string,
    teamId: r[3] as number,
    workerId: r[4] as number | null,
    type: oneCopy(r[5] as ServiceTypeCode),
    startsOn: oneCopy(r[6] as IsoDate),
    endsOn: oneCopy(r[7] as IsoDate | null),
    unitCost: r[8] as number | null,
    costFrequency: oneCopy(r[9] as CostFrequency | null),
    weeklyCost: r[10] as number,
    ageAtStart: r[11] as number | null,
  };
}

function reviewOf(r: Row): CareReview {
  return {
    id: r[0] as number,
    sourceRef: r[1] as string,
    personRef: r[2] as string,
    teamId: r[3] as number,
    workerId: r[4] as number | null,
    receivedOn: oneCopy(r[5] as IsoDate),
    completedOn: oneCopy(r[6] as IsoDate),
  };
}

function statements(db: Db) {
  const sqlite = db.$client;
  return { services: sqlite.prepare(SERVICES_AFTER).raw(), reviews: sqlite.prepare(REVIEWS_AFTER).raw() };
}

/** The care book of the data as it is in this transaction, read whole and not kept: for the demo's load, before it commits. */
export function readCareBookNow(db: Db): CareBook {
  return readWholeBook(db);
}

/** The whole book in one go (the command line, tests, and a page whose loader did not wait for `careBookReady`). */
function readWholeBook(db: Db): CareBook {
  const read = statements(db);
  return new CareBookBuilder()
    .addServices((read.services.all(0, -1) as Row[]).map(serviceOf))
    .addReviews((read.reviews.all(0, -1) as Row[]).map(reviewOf))
    .finish();
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A pause for waiting requests once the work since the last one has held the process for SLICE_MS. */
function pacer(): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started <= SLICE_MS) return;
    await nextTurn();
    started = performance.now();
  };
}

/**
 * The book a slice at a time, yielding to waiting requests every SLICE_MS. Each slice is its own read, so after each
 * the data version is checked: it changes in the same transaction as any change to services or work items, so a
 * book whose every slice saw the version it started with holds one version's data. Null when the data changed.
 */
async function readBookInSlices(db: Db, version: string): Promise<CareBook | null> {
  const read = statements(db);
  const builder = new CareBookBuilder();
  const parts = [
    { statement: read.services, add: (rows: Row[]) => builder.addServices(rows.map(serviceOf)) },
    { statement: read.reviews, add: (rows: Row[]) => builder.addReviews(rows.map(reviewOf)) },
  ];
  const pace = pacer();
  for (const part of parts) {
    for (let after = 0; ;) {
      await pace();
      const rows = part.statement.all(after, ROWS_PER_READ) as Row[];
      if (dataVersion(db) !== version) return null;
      part.add(rows);
      if (rows.length < ROWS_PER_READ) break;
      after = rows[rows.length - 1]![0] as number;
    }
  }
  await nextTurn();
  return builder.finish();
}

/**
 * The book of data version `version`: `book` (of an earlier version) with the rows written since put in, read a few
 * hundred at a time between requests. Null when the data changed again meanwhile.
 */
async function updateInSlices(db: Db, book: CareBook, written: { workItemRefs: readonly string[]; serviceRefs: readonly string[] }, version: string): Promise<CareBook | null> {
  const sqlite = db.$client;
  const services: CareService[] = [];
  const reviews: CareReview[] = [];
  const notReviewIds: number[] = [];
  const parts = [
    { refs: written.serviceRefs, statement: sqlite.prepare(SERVICES_BY_REF).raw(), add: (rows: Row[]) => services.push(...rows.map(serviceOf)) },
    {
      refs: written.workItemRefs,
      statement: sqlite.prepare(WORK_ITEMS_BY_REF).raw(),
      add: (rows: Row[]) => {
        for (const row of rows) {
          if (row[7]) reviews.push(reviewOf(row));
          else notReviewIds.push(row[0] as number);
        }
      },
    },
  ];
  const pace = pacer();
  for (const part of parts) {
    for (let from = 0; from < part.refs.length; from += ROWS_PER_READ) {
      await pace();
      const rows = part.statement.all(JSON.stringify(part.refs.slice(from, from + ROWS_PER_READ))) as Row[];
      if (dataVersion(db) !== version) return null;
      part.add(rows);
    }
  }
  // Copying the book's 340,000 rows and their indexes takes a few hundred milliseconds: in steps too.
  const steps = book.withChangesInSteps({ services, reviews, notReviewIds });
  for (;;) {
    await pace();
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The book of `version`: the held one brought up to date when the loads since are known, or read again whole. */
function readBookFor(db: Db, version: string, earlier: Held | undefined): Promise<CareBook | null> {
  const written = earlier?.book ? changesBetween(db, earlier.version, version) : null;
  return written && earlier?.book ? updateInSlices(db, earlier.book, written, version) : readBookInSlices(db, version);
}

interface Held {
  version: string;
  book: CareBook | null;
  reading: Promise<CareBook> | null;
  /** While `version`'s book is read: the book of the version before it, for a page already under way (`careBook`). */
  before?: CareBook;
}

/** Each connection's book of the data version it was read from, or the read under way; one book at a time. */
const held = new WeakMap<Db["$client"], Held>();

/**
 * The care book of the data as it is now, read a slice at a time if it is not held yet: await it in a loader before
 * counting care figures, and only the pages that need it wait while it is read.
 */
export function careBookReady(db: Db): Promise<CareBook> {
  const version = dataVersion(db);
  const current = held.get(db.$client);
  if (current?.version === version) {
    if (current.book) return Promise.resolve(current.book);
    if (current.reading) return current.reading;
  }
  const reading: Promise<CareBook> = readBookFor(db, version, current).then(
    (book) => {
      const now = held.get(db.$client);
      // The data changed while it was read: read what is there now (from the earlier book, if there was one).
      if (book === null) {
        if (now?.reading === reading) {
          if (current?.book) held.set(db.$client, current);
          else held.delete(db.$client);
        }
        return careBookReady(db);
      }
      if (now?.reading === reading) held.set(db.$client, { version, book, reading: null });
      return book;
    },
    (error: unknown) => {
      if (held.get(db.$client)?.reading === reading) held.delete(db.$client);
      throw error;
    },
  );
  held.set(db.$client, { version, book: null, reading, before: current?.book ?? current?.before });
  return reading;
}

/** Whether this process serves pages, each of which awaits `careBookReady` before it counts care figures. */
let servingPages = false;

/** Called once by a serving process (app/reports/figures-warm.server.ts). */
export function careBooksForPages() {
  servingPages = true;
}

/**
 * The care book of the data as it is now (shared between requests: read it, never change it). Read in one go if it
 * is not held yet, holding the process meanwhile: serving code awaits `careBookReady` first.
 *
 * In a serving process a page can still find the data changed between that wait and its figures: a load committed
 * meanwhile. Reading the book in one go then held every request of the process for seconds at a large council's
 * scale (the morning rush: pages, saves and exports over 1 s just after the load). Such a page, which started before
 * the load landed, gets the book it waited for, and the new one is read a slice at a time for the pages after it.
 */
export function careBook(db: Db): CareBook {
  const version = dataVersion(db);
  const current = held.get(db.$client);
  if (current?.version === version && current.book) return current.book;
  const earlier = current?.book ?? current?.before;
  if (servingPages && earlier) {
    careBookReady(db).catch(() => {
      // The next page to await it reads it again, and says why if it fails.
    });
    return earlier;
  }
  const book = readWholeBook(db);
  held.set(db.$client, { version, book, reading: null });
  return book;
}

/** Whether the service has any services loaded: without them the care report says how to load them. */
export function hasCareServices(db: Db): boolean {
  return careBook(db).services.length > 0;
}

/**
 * Care figures, kept for as long as the book they were counted from: through the month figures' refresh after a
 * load, and through a load that changed nothing the book holds (CareBook.edition).
 */
const rememberedWithBook = memory(5000, (db) => String(careBook(db).edition));

/** A scope's care figures for each month from `from` to `to`, as of `asOf`. */
export function careFigures(db: Db, scope: CareScope, range: { from: IsoMonth; to: IsoMonth; asOf: IsoDate }): CareMonthRow[] {
  return rememberedWithBook(db, `care|${scope.teamId ?? ""}|${scope.workerId ?? ""}|${range.from}|${range.to}|${range.asOf}`, () =>
    careMonthsOnce(db, scope, monthRange(range.from, range.to), range.asOf),
  );
}

/**
 * A scope's care months, each month counted once per book and as-of date, whichever range asked for it. A team page
 * asks for its report's months and for the signals' 24 finished months, a dozen of them the same: after a load every
 * team page counted those twice. A month's care figures depend only on the month and the as-of date, not on the range
 * (careWindow). The map only ever gains months, each counted whole before it is added.
 */
function careMonthsOnce(db: Db, scope: CareScope, months: readonly IsoMonth[], asOf: IsoDate): CareMonthRow[] {
  const known = rememberedWithBook(db, `care-months|${scope.teamId ?? ""}|${scope.workerId ?? ""}|${asOf}`, () => new Map<IsoMonth, CareMonthRow>());
  const missing = months.filter((month) => !known.has(month));
  if (missing.length > 0) for (const row of careMonths(careBook(db), scope, missing, asOf)) known.set(row.month, row);
  return months.map((month) => known.get(month)!);
}

/** Every team's care figures for each month, as of a date (the service overview): counted once per data version. */
export function careFiguresByTeam(db: Db, teamIds: readonly number[], months: readonly IsoMonth[], asOf: IsoDate): Map<number, CareMonthRow[]> {
  return rememberedWithBook(db, `care-by-team|${teamIds.join(",")}|${months.join(",")}|${asOf}`, () => careMonthsByTeam(careBook(db), teamIds, months, asOf));
}

type ByAgeRows = (CareMonthFiguresByAge | null)[];
interface ByAgeHeld {
  edition: number;
  value?: ByAgeRows;
  counting?: Promise<ByAgeRows>;
}

/** Counted metrics' care figures, per connection and scope, for the book they were counted from. */
const byAge = new WeakMap<Db["$client"], Map<string, ByAgeHeld>>();
/** A council has a few dozen counted metrics: this many scopes and month ranges are plenty. */
const MOST_BY_AGE = 200;

function byAgeOf(db: Db, teamIds: readonly number[], range: { from: IsoMonth; to: IsoMonth; asOf: IsoDate }) {
  const held = byAge.get(db.$client) ?? new Map<string, ByAgeHeld>();
  byAge.set(db.$client, held);
  if (held.size > MOST_BY_AGE) held.delete(held.keys().next().value!);
  return { held, key: `${teamIds.join(",")}|${range.from}|${range.to}|${range.asOf}`, scope: teamIds.length === 0 ? {} : { teamIds } };
}

/**
 * A counted Primed Metric's care figures for each month (null after the as-of month): several teams' (each person
 * once across them), or the whole service's when `teamIds` is empty. Counted in one go if a page has not readied
 * them (the command line, tests); kept for as long as the book.
 */
export function careFiguresByAge(db: Db, teamIds: readonly number[], range: { from: IsoMonth; to: IsoMonth; asOf: IsoDate }): ByAgeRows {
  const book = careBook(db);
  const { held, key, scope } = byAgeOf(db, teamIds, range);
  const kept = held.get(key);
  if (kept?.edition === book.edition && kept.value) return kept.value;
  const value = careMonthsCounted(book, scope, monthRange(range.from, range.to), range.asOf, careMonthFiguresByAge);
  held.set(key, { edition: book.edition, value });
  return value;
}

/**
 * The same, counted a month at a time between requests: the whole service's month at the large council's scale
 * takes about 140 ms of processor, and 35 months in one go took 4.9 s, holding every page of the process. A page
 * awaits this before `careFiguresByAge`; requests for the same figures wait for one count.
 */
export async function careFiguresByAgeReady(db: Db, teamIds: readonly number[], range: { from: IsoMonth; to: IsoMonth; asOf: IsoDate }): Promise<ByAgeRows> {
  const book = await careBookReady(db);
  const { held, key, scope } = byAgeOf(db, teamIds, range);
  const kept = held.get(key);
  if (kept?.edition === book.edition) return kept.value ?? kept.counting!;
  const entry: ByAgeHeld = { edition: book.edition };
  entry.counting = (async () => {
    const steps = careMonthsCountedEach(book, scope, monthRange(range.from, range.to), range.asOf, careMonthFiguresByAge);
    // The first step picks out the rows; each after it is a month.
    steps.next();
    const value: ByAgeRows = [];
    for (;;) {
      await nextTurn();
      const step = steps.next();
      if (step.done) break;
      value.push(step.value);
    }
    entry.value = value;
    entry.counting = undefined;
    return value;
  })();
  held.set(key, entry);
  return entry.counting;
}
