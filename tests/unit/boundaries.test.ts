import os from "node:os";
import { describe, expect, it } from "vitest";
import { EnvError, readEnv } from "~/platform/env.server";
import { parseReportQuery, ReportQueryError, reportParams } from "~/reports/report-query";

describe("environment", () => {
  it("has working defaults", () => {
    expect(readEnv({})).toEqual({
      DATABASE_PATH: "data/primed.db",
      PORT: 3000,
      HOST: "0.0.0.0",
      PRIMED_DEMO: "on",
      PRIMED_DEMO_SEED: 2026,
      SESSION_IDLE_HOURS: 8,
      SESSION_LIFETIME_DAYS: 7,
      PRIMED_STALE_DATA_DAYS: 35,
      PRIMED_HTTPS: "off",
      PRIMED_TIMELINESS_TARGET: 80,
      PRIMED_WORKERS: Math.min(os.availableParallelism(), 4),
      PRIMED_CHROMIUM: "/usr/bin/chromium",
    });
  });

  it("refuses a number of server processes that is not a whole number from 1", () => {
    expect(() => readEnv({ PRIMED_WORKERS: "0" })).toThrow(/PRIMED_WORKERS="0": must be at least 1/);
    expect(() => readEnv({ PRIMED_WORKERS: "two" })).toThrow(/PRIMED_WORKERS="two": must be a whole number of processes/);
  });

  it("refuses a timeliness target that is not a percentage", () => {
    expect(() => readEnv({ PRIMED_TIMELINESS_TARGET: "120" })).toThrow(/PRIMED_TIMELINESS_TARGET="120": must be between 0 and 100/);
  });

  it("treats an empty variable as unset", () => {
    expect(readEnv({ PORT: "" }).PORT).toBe(3000);
  });

  it("names every bad variable and says what is wrong", () => {
    expect(() => readEnv({ PORT: "eighty", PRIMED_DEMO: "yes" })).toThrow(EnvError);
    try {
      readEnv({ PORT: "70000", PRIMED_DEMO: "yes" });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT="70000": must be between 1 and 65535/);
      expect((error as Error).message).toMatch(/PRIMED_DEMO="yes": must be "on" or "off"/);
    }
  });
});

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
