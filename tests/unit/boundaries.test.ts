import { describe, expect, it } from "vitest";
import { EnvError, readEnv } from "~/env.server";
import { parseReportQuery, ReportQueryError } from "~/reports/report-query";

describe("environment", () => {
  it("has working defaults", () => {
    expect(readEnv({})).toEqual({
      DATABASE_PATH: "data/primed.db",
      PORT: 3000,
      HOST: "0.0.0.0",
      PRIMED_DEMO: "on",
      PRIMED_DEMO_SEED: 2026,
      SESSION_IDLE_HOURS: 8,
      PRIMED_STALE_DATA_DAYS: 35,
      PRIMED_HTTPS: "off",
    });
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

  it("defaults to today and the whole team", () => {
    expect(parse("")).toEqual({ asOf: today, asOfChosen: false, worker: undefined });
  });

  it("reads a past as-of date and a worker", () => {
    expect(parse("asOf=2026-03-31&worker=12")).toEqual({ asOf: "2026-03-31", asOfChosen: true, worker: 12 });
  });

  it.each([
    ["asOf=2026-02-30", /must be a real date/],
    ["asOf=31/03/2026", /must be a real date/],
    ["asOf=2027-01-01", /is in the future/],
    ["worker=abc", /worker in the address/],
    ["worker=1e3", /worker in the address/],
  ])("refuses %s with a message a person can act on", (query, message) => {
    expect(() => parse(query)).toThrow(ReportQueryError);
    expect(() => parse(query)).toThrow(message);
  });
});
