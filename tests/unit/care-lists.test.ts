/*
 * Every care figure opens a list with exactly as many rows as the figure
 * (issue 18, items 3-5), and a list behind money adds up to the figure to
 * the penny: checked on a seeded, random but realistic care book (a few
 * teams and workers, a few hundred people with packages that change, end and
 * restart, reviews in and out of the team, costs at every frequency, some
 * not known) for a sample of scopes and months and every figure key.
 */
import { describe, expect, it } from "vitest";
import { CareBook, careMonths, type CareMonthFigures, type CareReview, type CareService } from "~/care/care-figures";
import { careFigureKeys, careList, type CareFigureKey } from "~/care/care-lists";
import { careListTotals } from "~/care/care-list-totals";
import { ageOn, costFrequencyCodes, toPence, weeklyCost, type CostFrequency, type ServiceTypeCode } from "~/care/service-types";
import { addDays, addMonths, monthRange, type IsoDate } from "~/dates";
import { DemoRandom } from "~/demo/random";

const AS_OF: IsoDate = "2026-10-17";
const TEAMS = [1, 2, 3];
const WORKERS_OF: Record<number, number[]> = { 1: [11, 12, 13], 2: [21, 22, 23], 3: [31, 32, 33] };

/** A care book like a council's: long-term packages that change at reviews, placements, short-term and carer support. */
function randomBook(seed: number): CareBook {
  const random = new DemoRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[random.int(0, list.length - 1)]!;
  const services: CareService[] = [];
  const reviews: CareReview[] = [];
  let id = 1;
  // Unit costs with pence at frequencies that do not divide evenly, so weekly costs are not whole pence.
  const cost = (type: ServiceTypeCode): { u: number | null; f: CostFrequency; p: number | null } => {
    if (random.chance(0.05)) return { u: null, f: pick(costFrequencyCodes.filter((f) => f !== "hourly" && f !== "per_session")), p: null };
    if (type === "lt_residential") return { u: random.int(85_000, 110_000) / 100, f: pick(["weekly", "four_weekly", "monthly"] as const), p: null };
    if (type === "lt_nursing") return { u: random.int(110_000, 140_000) / 100, f: pick(["weekly", "fortnightly", "quarterly", "annually"] as const), p: null };
    const f = pick(costFrequencyCodes);
    const p = f === "hourly" || f === "per_session" ? random.int(1, 280) / 4 : f === "daily" && random.chance(0.5) ? random.int(1, 7) : null;
    return { u: random.int(1_000, 9_000) / 100, f, p };
  };
  const add = (person: string, born: string | null, teamId: number, type: ServiceTypeCode, startsOn: IsoDate, endsOn: IsoDate | null) => {
    const { u, f, p } = cost(type);
    const worker = random.chance(0.15) ? null : pick(WORKERS_OF[teamId]!);
    services.push({
      id,
      sourceRef: `S${id}`,
      personRef: person,
      teamId,
      workerId: worker,
      type,
      startsOn,
      endsOn,
      unitCost: u,
      costFrequency: f,
      weeklyCost: weeklyCost(u, f, p)!,
      ageAtStart: born === null ? null : ageOn(born, startsOn),
    });
    id += 1;
  };
  for (let n = 1; n <= 320; n += 1) {
    const person = `P${n}`;
    const born = random.chance(0.1) ? null : addDays("1930-01-01", random.int(0, 365 * 75));
    const teamId = pick(TEAMS);
    let day = addDays("2024-01-01", random.int(0, 1000));
    // A chain of long-term packages: each ends at a change (the next starts the day after) or a gap, or runs on.
    for (let link = 0; link < random.int(1, 4) && day <= AS_OF; link += 1) {
      const type = pick<ServiceTypeCode>(["lt_community", "lt_community", "lt_community", "lt_residential", "lt_nursing", "lt_prison"]);
      const ends = random.chance(0.3) ? null : addDays(day, random.skewedDays(160));
      add(person, born, random.chance(0.1) ? pick(TEAMS) : teamId, type, day, ends);
      if (random.chance(0.4)) add(person, born, teamId, "lt_community", day, day);
      if (ends === null) break;
      day = addDays(ends, random.chance(0.7) ? 1 : random.int(2, 90));
    }
    if (random.chance(0.35)) {
      const start = addDays("2024-06-01", random.int(0, 900));
      add(person, born, teamId, pick<ServiceTypeCode>(["st_max", "st_low_level", "st_other"]), start, random.chance(0.2) ? null : addDays(start, random.int(0, 42)));
    }
    if (random.chance(0.15)) add(person, born, teamId, pick<ServiceTypeCode>(["carer_direct", "carer_with_person"]), addDays("2024-03-01", random.int(0, 900)), null);
    for (let r = 0; r < random.int(0, 3); r += 1) {
      const received = addDays("2024-02-01", random.int(0, 980));
      const reviewTeam = random.chance(0.15) ? pick(TEAMS) : teamId;
      reviews.push({
        id: 10_000 + reviews.length,
        sourceRef: `R${reviews.length + 1}`,
        personRef: person,
        teamId: reviewTeam,
        workerId: random.chance(0.1) ? null : pick(WORKERS_OF[reviewTeam]!),
        receivedOn: received,
        completedOn: addDays(received, random.int(0, 60)),
      });
    }
  }
  return new CareBook(services, reviews);
}

/** The figure a list stands behind, as the report gives it: a count, and for money lists the money. */
function figureOf(month: CareMonthFigures, figure: CareFigureKey): { count?: number; money?: number | null } {
  switch (figure) {
    case "people-nursing":
    case "people-residential":
    case "people-community":
    case "people-prison":
      return { count: month.longTermPeople[figure.slice("people-".length) as "nursing"] };
    case "cost-long-term":
      return { money: month.weeklyCost.longTerm };
    case "cost-short-term":
      return { money: month.weeklyCost.shortTerm };
    case "cost-carer":
      return { money: month.weeklyCost.carer };
    case "cost-not-known":
      return { count: month.costNotKnown };
    case "started":
      return { count: month.started, money: month.startedWeeklyCost };
    case "ended":
      return { count: month.ended, money: month.endedWeeklyCost };
    case "one-off":
      return { money: month.oneOffCost };
    case "admissions":
      return { count: month.admissions["18-64"] + month.admissions["65+"] + month.admissions.unknown };
    case "admissions-18-64":
      return { count: month.admissions["18-64"] };
    case "admissions-65-plus":
      return { count: month.admissions["65+"] };
    case "admissions-unknown":
      return { count: month.admissions.unknown };
    case "placements-residential":
      return { money: month.averagePlacementCost.residential };
    case "placements-nursing":
      return { money: month.averagePlacementCost.nursing };
    case "reviews-costed":
      return { count: month.reviewsCosted, money: month.reviewCostChange };
    case "reviews-reduced":
      return { count: month.reviewsReduced };
    case "reviews-increased":
      return { count: month.reviewsIncreased };
    case "reviews-unchanged":
      return { count: month.reviewsUnchanged };
    case "reviews-too-recent":
      return { count: month.reviewsTooRecent };
    case "long-term-clients":
      return { count: month.longTermClients };
    case "reviewed-in-last-12-months":
      return { count: month.reviewedInLast12Months };
    case "reviews-overdue":
      return { count: month.reviewsOverdue };
  }
}

/** The pounds of a list's rows, added up exactly and rounded once as the figure is (an average for placements). */
function rowsMoney(figure: CareFigureKey, list: NonNullable<ReturnType<typeof careList>>): number | null {
  if (list.kind === "reviews") return toPence(list.rows.reduce((sum, r) => sum + (r.after ?? 0) - (r.before ?? 0), 0));
  if (list.kind !== "services") return null;
  const sum = list.rows.reduce((total, r) => total + (figure === "one-off" ? (r.oneOffCost ?? 0) : r.weeklyCost), 0);
  if (figure.startsWith("placements-")) return list.rows.length === 0 ? null : toPence(sum / list.rows.length);
  return toPence(sum);
}

describe("care lists against their figures", () => {
  it("have exactly as many rows as the figure, and add up to its money to the penny, for every figure key", () => {
    const book = randomBook(20261203);
    const random = new DemoRandom(18);
    const months = monthRange("2024-06", "2026-10");
    const scopes = [{}, ...TEAMS.map((teamId) => ({ teamId })), ...TEAMS.flatMap((teamId) => WORKERS_OF[teamId]!.map((workerId) => ({ teamId, workerId })))];
    expect(book.services.length).toBeGreaterThan(300);
    expect(book.reviews.length).toBeGreaterThan(200);
    let checked = 0;
    let nonEmpty = 0;
    for (let sample = 0; sample < 40; sample += 1) {
      const scope = scopes[random.int(0, scopes.length - 1)]!;
      const month = months[random.int(0, months.length - 1)]!;
      const [figures] = careMonths(book, scope, [month], AS_OF) as [CareMonthFigures];
      for (const figure of careFigureKeys) {
        const list = careList(book, scope, month, AS_OF, figure)!;
        const where = `${JSON.stringify(scope)} ${month} ${figure}`;
        const expected = figureOf(figures, figure);
        const totals = careListTotals(figure, list);
        if (expected.count !== undefined) {
          expect(list.rows.length, where).toBe(expected.count);
          expect(totals.count, where).toBe(expected.count);
        }
        if (expected.money !== undefined) {
          expect(rowsMoney(figure, list), where).toBe(expected.money);
          expect(totals.money?.pounds ?? null, where).toBe(expected.money);
        }
        if (list.rows.length > 0) nonEmpty += 1;
        checked += 1;
      }
    }
    expect(checked).toBe(40 * careFigureKeys.length);
    // The sample is not all empty lists: most of its figures have rows behind them.
    expect(nonEmpty).toBeGreaterThan(checked / 2);
  });

  it("has no list for a month after the as-of month", () => {
    const book = randomBook(7);
    for (const figure of careFigureKeys) expect(careList(book, { teamId: 1 }, addMonths("2026-10", 1), AS_OF, figure)).toBeNull();
  });
});
