import { describe, expect, it } from "vitest";
import { parseReportQuery, ReportQueryError, reportParams } from "~/reports/report-query";

describe("report addresses", () => {
  const today = "2026-11-22";
  const parse = (query: string) => parseReportQuery(new URL(`http://primed.test/teams/x?${query}`), today);

  it("defaults to today, the whole team, the last 12 months and the next 3", () => {
    expect(parse("")).toEqual({ asOf: today, asOfChosen: false, from: "2025-12", to: "2027-02", monthsChosen: false });
  });

  it("reads a past as-of date, a worker, a work type, an outcome group and months", () => {
    expect(parse("asOf=2026-03-31&worker=12")).toMatchObject({ asOf: "2026-03-31", asOfChosen: true, worker: 12, from: "2025-04", to: "2026-06" });
    expect(parse("workType=3&outcomeGroup=No+further+action&from=2026-01&to=2026-06")).toMatchObject({
      workType: 3,
      outcomeGroup: "No further action",
      from: "2026-01",
      to: "2026-06",
      monthsChosen: true,
    });
  });

  it("keeps only what was chosen when it writes the address back", () => {
    expect(reportParams(parse("worker=&workType=2&from=2026-01&to=2026-03")).toString()).toBe("workType=2&from=2026-01&to=2026-03");
    expect(reportParams(parse("")).toString()).toBe("");
  });

  it.each([
    ["asOf=2026-02-30", /must be a real date/],
    ["asOf=31/03/2026", /must be a real date/],
    ["asOf=2027-01-01", /is in the future/],
    ["worker=abc", /worker in the address/],
    ["worker=1e3", /worker in the address/],
    ["workType=x", /work type in the address/],
    ["from=2026-13", /first month must be written as YYYY-MM/],
    ["to=March", /last month must be written as YYYY-MM/],
    ["from=2026-06&to=2026-01", /is after the last month/],
    ["from=2020-01&to=2026-01", /at most 60 months/],
    [`outcomeGroup=${"x".repeat(201)}`, /too long/],
  ])("refuses %s with a message a person can act on", (query, message) => {
    expect(() => parse(query)).toThrow(ReportQueryError);
    expect(() => parse(query)).toThrow(message);
  });
});

describe("report addresses read once a day", () => {
  const at = (query: string, today: string) => parseReportQuery(new URL(`http://primed.test/teams/x?${query}`), today);

  it("gives the same address on the same day the same query, frozen so no page can change it for the next", () => {
    const first = at("worker=7&from=2026-01&to=2026-06", "2026-11-22");
    expect(at("worker=7&from=2026-01&to=2026-06", "2026-11-22")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // The next day, the same address can mean other months.
    expect(at("", "2026-11-22").to).toBe("2027-02");
    expect(at("", "2026-12-01").to).toBe("2027-03");
  });

  it("refuses a bad address every time it is asked for, with its own message", () => {
    for (let i = 0; i < 2; i++) expect(() => at("asOf=2026-11-23", "2026-11-22")).toThrow("is in the future");
    expect(at("asOf=2026-11-23", "2026-11-23").asOf).toBe("2026-11-23");
  });
});
