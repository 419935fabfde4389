/*
 * The definitions of care and cost (docs/definitions.md#care-and-support), with the
 * worked example exactly as the definitions give it, and the rules around it.
 */
import { describe, expect, it } from "vitest";
import { CareBook, careMonthDetail, careMonths, careWindow, type CareReview, type CareService } from "~/care/care-figures";
import { careReportIsEmpty, careReportMonths } from "~/reports/care-report";
import { ageOn, weeklyCost, type CostFrequency, type ServiceTypeCode } from "~/care/service-types";

const TEAM_R = 1;

let nextId = 1;
function service(
  ref: string,
  person: string,
  type: ServiceTypeCode,
  startsOn: string,
  endsOn: string | null,
  u: number | null,
  f: CostFrequency,
  p: number | null = null,
  born = "1950-05-01",
): CareService {
  return {
    id: nextId++,
    sourceRef: ref,
    personRef: person,
    teamId: TEAM_R,
    workerId: null,
    type,
    startsOn,
    endsOn,
    unitCost: u,
    costFrequency: f,
    weeklyCost: weeklyCost(u, f, p)!,
    ageAtStart: ageOn(born, startsOn),
  };
}

/** The worked example's seven services and one review. */
function workedExample() {
  nextId = 1;
  const services = [
    service("S1", "P1", "lt_residential", "2026-01-10", null, 900, "weekly"),
    service("S2", "P2", "lt_community", "2026-02-01", "2026-04-15", 22, "hourly", 10),
    service("S3", "P2", "lt_nursing", "2026-04-16", null, 1200, "weekly"),
    service("S4", "P3", "lt_community", "2026-03-01", "2026-05-10", 60, "daily", null, "1970-03-03"),
    service("S5", "P4", "st_max", "2026-05-01", "2026-05-28", 300, "weekly"),
    service("S6", "P3", "lt_community", "2026-03-01", "2026-03-01", 450, "one_off", null, "1970-03-03"),
    service("S7", "P3", "lt_community", "2026-05-11", null, 40, "daily", null, "1970-03-03"),
  ];
  const reviews: CareReview[] = [{ id: 100, sourceRef: "V1", personRef: "P3", teamId: TEAM_R, workerId: null, receivedOn: "2026-04-20", completedOn: "2026-05-10" }];
  return new CareBook(services, reviews);
}

const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"];

describe("the worked example (team R, as of 2026-06-30)", () => {
  const book = workedExample();
  const rows = careMonths(book, { teamId: TEAM_R }, months, "2026-06-30");
  const month = (m: string) => rows.find((r) => r.month === m)!;

  it("gives each service the weekly cost of the table", () => {
    expect(book.services.map((s) => s.weeklyCost)).toEqual([900, 220, 1200, 420, 300, 0, 280]);
  });

  it("January: one service started, one admission of someone 65 or over", () => {
    expect(month("2026-01")).toMatchObject({ started: 1, startedWeeklyCost: 900, admissions: { "18-64": 0, "65+": 1, unknown: 0 } });
  });

  it("March: two started, a one-off cost of 450, one ended, three people in long-term support costing 1,540 a week", () => {
    expect(month("2026-03")).toMatchObject({
      started: 2,
      startedWeeklyCost: 420,
      oneOffCost: 450,
      ended: 1,
      endedWeeklyCost: 0,
      longTermPeople: { nursing: 0, residential: 1, community: 2, prison: 0 },
      weeklyCost: { longTerm: 1540, shortTerm: 0, carer: 0 },
      admissions: { "18-64": 0, "65+": 0, unknown: 0 },
    });
  });

  it("April: a move from community to nursing care is an admission; the average placement costs", () => {
    expect(month("2026-04")).toMatchObject({
      longTermPeople: { nursing: 1, residential: 1, community: 1, prison: 0 },
      weeklyCost: { longTerm: 2520 },
      started: 1,
      startedWeeklyCost: 1200,
      ended: 1,
      endedWeeklyCost: 220,
      admissions: { "18-64": 0, "65+": 1, unknown: 0 },
      averagePlacementCost: { residential: 900, nursing: 1200 },
    });
  });

  it("May: the review is costed (before 420, after 280: change -140, reduced 1)", () => {
    expect(month("2026-05")).toMatchObject({
      started: 2,
      startedWeeklyCost: 580,
      ended: 2,
      endedWeeklyCost: 720,
      weeklyCost: { longTerm: 2380, shortTerm: 0, carer: 0 },
      reviewsCosted: 1,
      reviewsTooRecent: 0,
      reviewCostChange: -140,
      reviewsReduced: 1,
      reviewsIncreased: 0,
      reviewsUnchanged: 0,
    });
    const detail = careMonthDetail(book, { teamId: TEAM_R }, careWindow("2026-05", "2026-06-30"))!;
    expect(detail.reviewsCosted.map((r) => [r.review.sourceRef, r.before, r.after])).toEqual([["V1", 420, 280]]);
  });

  it("30 June: three long-term clients, one reviewed in the last 12 months, two reviews overdue", () => {
    expect(month("2026-06")).toMatchObject({ longTermClients: 3, reviewedInLast12Months: 1, reviewsOverdue: 2 });
    const detail = careMonthDetail(book, { teamId: TEAM_R }, careWindow("2026-06", "2026-06-30"))!;
    const clients = Object.fromEntries(detail.longTermClients.map((c) => [c.personRef, c]));
    expect(clients.P1).toMatchObject({ supportStart: "2026-01-10", lastReview: null, reviewDue: "2026-03-07" });
    expect(clients.P2).toMatchObject({ supportStart: "2026-02-01", reviewDue: "2026-03-29" });
    expect(clients.P3).toMatchObject({ supportStart: "2026-03-01", lastReview: "2026-05-10", reviewDue: "2027-05-10", daysOverdue: 0 });
    expect(clients.P1!.daysOverdue).toBe(115);
  });

  it("a month after the as-of month has every figure null", () => {
    const july = month("2026-07");
    expect(
      Object.entries(july)
        .filter(([key]) => key !== "month")
        .every(([, value]) => value === null),
    ).toBe(true);
  });

  it("as of a day in May, the review is too recent to tell and services started later do not exist", () => {
    const may = careMonths(book, { teamId: TEAM_R }, ["2026-05"], "2026-05-20")[0]!;
    expect(may).toMatchObject({ reviewsCosted: 0, reviewsTooRecent: 1, started: 2, ended: 1 });
    const april = careMonths(book, { teamId: TEAM_R }, ["2026-04"], "2026-04-15")[0]!;
    // S3 starts on the 16th: as of the 15th P2 is still in the community, and nobody has been admitted.
    expect(april).toMatchObject({ longTermPeople: { nursing: 0, community: 2 }, admissions: { "65+": 0 } });
  });
});

describe("the weekly cost of a service", () => {
  it.each<[number | null, CostFrequency, number | null, number | null]>([
    [22, "hourly", 10, 220],
    [22, "hourly", null, null],
    [35, "per_session", 3, 105],
    [60, "daily", null, 420],
    [60, "daily", 5, 300],
    [900, "weekly", 99, 900],
    [500, "fortnightly", null, 250],
    [1000, "four_weekly", null, 250],
    [1300, "monthly", null, 300],
    [1300, "quarterly", null, 100],
    [5200, "annually", null, 100],
    [450, "one_off", null, 0],
    [80, "no_charge", null, 0],
    [null, "weekly", null, 0],
  ])("u %s, %s, p %s: %s a week", (u, f, p, w) => {
    expect(weeklyCost(u, f, p)).toBe(w);
  });
});

describe("people in care, in any team", () => {
  const base = { teamId: 1, workerId: null, unitCost: 1000, costFrequency: "weekly" as const, weeklyCost: 1000, ageAtStart: 40 };
  it("a placement after one in another team is not an admission; support across teams is unbroken", () => {
    const book = new CareBook(
      [
        { ...base, id: 1, sourceRef: "A", personRef: "P", teamId: 2, type: "lt_residential", startsOn: "2026-01-01", endsOn: "2026-02-14" },
        { ...base, id: 2, sourceRef: "B", personRef: "P", type: "lt_nursing", startsOn: "2026-02-15", endsOn: null },
      ],
      [],
    );
    const [feb] = careMonths(book, { teamId: 1 }, ["2026-02"], "2026-03-31");
    expect(feb).toMatchObject({ started: 1, admissions: { "18-64": 0 }, longTermClients: 1 });
    const detail = careMonthDetail(book, { teamId: 1 }, careWindow("2026-03", "2026-03-31"))!;
    expect(detail.longTermClients[0]).toMatchObject({ supportStart: "2026-01-01", reviewDue: "2026-02-26" });
  });

  it("a gap of a day breaks support; each person is admitted once a month", () => {
    const book = new CareBook(
      [
        { ...base, id: 1, sourceRef: "A", personRef: "P", type: "lt_residential", startsOn: "2026-01-01", endsOn: "2026-01-10" },
        { ...base, id: 2, sourceRef: "B", personRef: "P", type: "lt_residential", startsOn: "2026-01-12", endsOn: "2026-01-20" },
        { ...base, id: 3, sourceRef: "C", personRef: "P", type: "lt_residential", startsOn: "2026-01-25", endsOn: null, ageAtStart: null },
      ],
      [],
    );
    const [jan] = careMonths(book, { teamId: 1 }, ["2026-01"], "2026-01-31");
    expect(jan).toMatchObject({ admissions: { "18-64": 1, "65+": 0, unknown: 0 }, started: 3, ended: 2 });
    const detail = careMonthDetail(book, { teamId: 1 }, careWindow("2026-01", "2026-01-31"))!;
    expect(detail.longTermClients[0]!.supportStart).toBe("2026-01-25");
  });

  it("a worker's figures are the services and reviews with them as worker", () => {
    const book = new CareBook(
      [
        { ...base, id: 1, sourceRef: "A", personRef: "P", workerId: 7, type: "lt_community", startsOn: "2026-01-01", endsOn: null },
        { ...base, id: 2, sourceRef: "B", personRef: "Q", workerId: 8, type: "lt_community", startsOn: "2026-01-01", endsOn: null },
      ],
      [],
    );
    expect(careMonths(book, { teamId: 1, workerId: 7 }, ["2026-01"], "2026-01-31")[0]).toMatchObject({ longTermClients: 1, weeklyCost: { longTerm: 1000 } });
    expect(careMonths(book, { teamId: 1 }, ["2026-01"], "2026-01-31")[0]).toMatchObject({ longTermClients: 2, weeklyCost: { longTerm: 2000 } });
  });
});

describe("a report with no care recorded", () => {
  const book = (services: CareService[], reviews: CareReview[] = []) => new CareBook(services, reviews);
  const report = (b: CareBook, teamId: number) => careReportMonths(careMonths(b, { teamId }, ["2026-04", "2026-05", "2026-06"], "2026-06-30"), "2026-06");

  it("is empty for a team without services or reviews, and not for one whose only figure is a review overdue or a service ended", () => {
    const service: CareService = {
      id: 1,
      sourceRef: "S1",
      personRef: "P1",
      teamId: 1,
      workerId: null,
      type: "lt_community",
      startsOn: "2026-01-10",
      endsOn: "2026-04-20",
      unitCost: 100,
      costFrequency: "weekly",
      weeklyCost: 100,
      ageAtStart: 70,
    };
    expect(careReportIsEmpty(report(book([service]), 2))).toBe(true);
    expect(careReportIsEmpty(report(book([]), 1))).toBe(true);
    // Ended in April: nobody in support in May or June, but April records the end.
    const ended = report(book([service]), 1);
    expect(ended.slice(1).every((m) => m.longTermPeople.community === 0)).toBe(true);
    expect(careReportIsEmpty(ended)).toBe(false);
    // Still in support, with no review yet: overdue (a first review is due 8 weeks after the start).
    expect(careReportIsEmpty(report(book([{ ...service, endsOn: null }]), 1))).toBe(false);
  });
});
