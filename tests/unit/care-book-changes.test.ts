/*
 * A care book brought up to date with a load's changes (issue 18: after a
 * load each serving process puts in the few thousand rows the load wrote
 * instead of reading 340,000 again) must be the book read whole from the
 * changed data: the same rows in the same order, the same people's lists,
 * and every figure of every team, worker and month the same.
 */
import { describe, expect, it } from "vitest";
import { CareBook, careMonths, type CareReview, type CareService } from "~/care/care-figures";
import { serviceTypeCodes, type CostFrequency } from "~/care/service-types";
import { isoOfDay, dayOf, monthRange, type IsoDate } from "~/dates";

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

type Random = ReturnType<typeof random>;
const FIRST_DAY = dayOf("2024-01-01");
const PEOPLE = 30;
const TEAMS = [1, 2, 3];
const WORKERS = [null, 11, 12, 21];

const day = (r: Random, from = FIRST_DAY, span = 900): IsoDate => isoOfDay(from + r.int(span));

function serviceAt(r: Random, id: number): CareService {
  const startsOn = day(r);
  const frequency = r.pick<CostFrequency>(["weekly", "daily", "one_off"]);
  const unitCost = r.next() < 0.1 ? null : 50 + r.int(1000);
  return {
    id,
    sourceRef: `S${id}`,
    personRef: `P${r.int(PEOPLE)}`,
    teamId: r.pick(TEAMS),
    workerId: r.pick(WORKERS),
    type: r.pick(serviceTypeCodes),
    startsOn,
    endsOn: r.next() < 0.4 ? null : isoOfDay(dayOf(startsOn) + r.int(400)),
    unitCost,
    costFrequency: unitCost === null ? null : frequency,
    weeklyCost: unitCost === null ? 0 : frequency === "daily" ? unitCost * 7 : frequency === "one_off" ? 0 : unitCost,
    ageAtStart: r.next() < 0.1 ? null : 18 + r.int(80),
  };
}

function reviewAt(r: Random, id: number): CareReview {
  const receivedOn = day(r);
  return {
    id,
    sourceRef: `W${id}`,
    personRef: `P${r.int(PEOPLE)}`,
    teamId: r.pick(TEAMS),
    workerId: r.pick(WORKERS),
    receivedOn,
    completedOn: isoOfDay(dayOf(receivedOn) + r.int(60)),
  };
}

/** Every figure of the whole service, each team and each worker, for every month, as of a day. */
function everyFigure(book: CareBook) {
  const months = monthRange("2024-01", "2026-06");
  const scopes = [{}, ...TEAMS.map((teamId) => ({ teamId })), ...TEAMS.flatMap((teamId) => WORKERS.filter((w) => w !== null).map((workerId) => ({ teamId, workerId })))];
  return scopes.map((scope) => careMonths(book, scope, months, "2026-05-20"));
}

/** What the people's lists hold, as the figures read them. */
function lists(book: CareBook) {
  return Array.from({ length: PEOPLE }, (_, n) => `P${n}`).map((person) => ({
    longTerm: book.longTermOf(person).map((d) => [d.service.id, d.start, d.end, d.rank]),
    reviews: book.reviewDaysOf(person),
  }));
}

describe("a care book brought up to date with a load's changes", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`is the book read whole from the changed data, load after load (seed ${seed})`, () => {
      const r = random(seed);
      // Work item ids are shared by reviews and other work: ids 1 to 400, about half of them completed reviews.
      let services = Array.from({ length: 200 }, (_, n) => serviceAt(r, n + 1));
      let reviewIds = Array.from({ length: 400 }, (_, n) => n + 1).filter(() => r.next() < 0.5);
      let reviews = reviewIds.map((id) => reviewAt(r, id));
      let book = new CareBook(services, reviews);
      let nextServiceId = 201;
      let nextWorkItemId = 401;
      // Eight loads: more than the layers a book keeps before copying them into one again.
      for (let load = 1; load <= 8; load += 1) {
        // Some services changed (any column, a person's included), some new; some reviews changed, some work items
        // become reviews (completed, or newly loaded), some reviews stop being reviews (reopened, another type).
        const changedServices = services.filter(() => r.next() < 0.15).map((s) => ({ ...serviceAt(r, s.id), sourceRef: s.sourceRef }));
        const newServices = Array.from({ length: 5 + r.int(20) }, () => serviceAt(r, nextServiceId++));
        const stillReviews = reviews.filter(() => r.next() < 0.15).map((rv) => ({ ...reviewAt(r, rv.id), sourceRef: rv.sourceRef }));
        const becameReviews = Array.from({ length: nextWorkItemId - 1 }, (_, n) => n + 1)
          .filter((id) => !reviewIds.includes(id) && r.next() < 0.1)
          .map((id) => reviewAt(r, id));
        const newReviews = Array.from({ length: 5 + r.int(10) }, () => reviewAt(r, nextWorkItemId++));
        const notReviewIds = [...reviews.filter(() => r.next() < 0.05).map((rv) => rv.id), 999_999];
        const changes = {
          services: [...changedServices, ...newServices],
          reviews: [...stillReviews, ...becameReviews, ...newReviews].filter((rv) => !notReviewIds.includes(rv.id)),
          notReviewIds,
        };
        const byId = <T extends { id: number }>(rows: T[], changed: readonly T[]) => {
          const map = new Map(rows.map((row) => [row.id, row]));
          for (const row of changed) map.set(row.id, row);
          return [...map.values()].sort((a, b) => a.id - b.id);
        };
        const before = { book, services, reviews };
        services = byId(services, changes.services);
        reviews = byId(reviews, changes.reviews).filter((rv) => !notReviewIds.includes(rv.id));
        reviewIds = reviews.map((rv) => rv.id);
        book = book.withChanges(changes);
        const whole = new CareBook(services, reviews);

        expect(book.services).toEqual(whole.services);
        expect(book.reviews).toEqual(whole.reviews);
        expect(lists(book)).toEqual(lists(whole));
        expect(everyFigure(book)).toEqual(everyFigure(whole));
        // The book it came from is as it was: requests may still be reading it.
        expect(before.book.services).toEqual(before.services);
        expect(lists(before.book)).toEqual(lists(new CareBook(before.services, before.reviews)));
      }
    });
  }

  it("is the same book when a load wrote its rows again as they were, or work items that are not reviews", () => {
    const r = random(7);
    const services = Array.from({ length: 50 }, (_, n) => serviceAt(r, n + 1));
    const reviews = Array.from({ length: 50 }, (_, n) => reviewAt(r, n + 1));
    const book = new CareBook(services, reviews);
    const again = { services: services.slice(10, 20).map((s) => ({ ...s })), reviews: reviews.slice(5, 9).map((rv) => ({ ...rv })), notReviewIds: [500, 501] };
    expect(book.withChanges(again)).toBe(book);
    // One cost changed: a new book.
    const changed = book.withChanges({ ...again, services: [{ ...services[3]!, unitCost: (services[3]!.unitCost ?? 0) + 1 }] });
    expect(changed).not.toBe(book);
    expect(changed.edition).not.toBe(book.edition);
  });

  it("puts new rows in order of id when their ids come before rows already held (a work item that became a review)", () => {
    const r = random(11);
    const services = Array.from({ length: 40 }, (_, n) => serviceAt(r, 100 + n));
    const reviews = Array.from({ length: 40 }, (_, n) => reviewAt(r, 100 + n));
    const book = new CareBook(services, reviews);
    const earlier = { services: [serviceAt(r, 7), serviceAt(r, 3)], reviews: [reviewAt(r, 9), reviewAt(r, 120)], notReviewIds: [105] };
    const changed = book.withChanges(earlier);
    const whole = new CareBook(
      [...earlier.services, ...services].sort((a, b) => a.id - b.id),
      [...reviews.filter((rv) => rv.id !== 105 && rv.id !== 120), ...earlier.reviews].sort((a, b) => a.id - b.id),
    );
    expect(changed.services.map((s) => s.id)).toEqual(whole.services.map((s) => s.id));
    expect(changed.reviews).toEqual(whole.reviews);
    expect(everyFigure(changed)).toEqual(everyFigure(whole));
  });

  it("changes nothing when a load wrote nothing the book holds", () => {
    const r = random(42);
    const book = new CareBook(
      Array.from({ length: 50 }, (_, n) => serviceAt(r, n + 1)),
      Array.from({ length: 50 }, (_, n) => reviewAt(r, n + 1)),
    );
    const same = book.withChanges({ services: [], reviews: [], notReviewIds: [500] });
    expect(same.services).toEqual(book.services);
    expect(everyFigure(same)).toEqual(everyFigure(book));
  });
});
