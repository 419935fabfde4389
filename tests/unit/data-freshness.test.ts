/* How often data arrives, and when it counts as stale: a daily feed's own limit, the configured one otherwise. */
import { describe, expect, it } from "vitest";
import { loadEveryDays, staleLimit } from "~/import/data-freshness.server";

const at = (day: string, time = "02:15:00") => `${day}T${time}.000Z`;

describe("how often data arrives", () => {
  it("is the middle gap between the days extracts were loaded on", () => {
    expect(loadEveryDays([at("2026-12-01"), at("2026-12-02"), at("2026-12-03"), at("2026-12-04")])).toBe(1);
    expect(loadEveryDays([at("2026-11-06"), at("2026-11-13"), at("2026-11-20"), at("2026-11-27")])).toBe(7);
    expect(loadEveryDays([at("2026-09-02"), at("2026-10-01"), at("2026-11-03"), at("2026-12-01")])).toBe(29);
    // A missed night does not make a daily feed weekly.
    expect(loadEveryDays([at("2026-11-28"), at("2026-11-29"), at("2026-12-01"), at("2026-12-02"), at("2026-12-03")])).toBe(1);
  });

  it("counts several loads on one day (a file put right and loaded again) as one, and needs three days to tell", () => {
    expect(loadEveryDays([at("2026-11-01", "09:00:00"), at("2026-11-01", "10:00:00"), at("2026-11-01", "11:00:00"), at("2026-12-01")])).toBeNull();
    expect(loadEveryDays([at("2026-12-01"), at("2026-12-02")])).toBeNull();
    expect(loadEveryDays([])).toBeNull();
    // Days in London: 23:30 UTC on 30 June is 1 July there.
    expect(loadEveryDays([at("2026-06-29", "23:30:00"), at("2026-06-30", "23:30:00"), at("2026-07-01", "23:30:00")])).toBe(1);
  });
});

describe("when data is stale", () => {
  it("uses twice a frequent feed's gap (at least two days), and the configured limit for monthly data or when it cannot tell", () => {
    expect(staleLimit(35, 1)).toEqual({ everyDays: 1, staleAfterDays: 2 });
    expect(staleLimit(35, 7)).toEqual({ everyDays: 7, staleAfterDays: 14 });
    expect(staleLimit(35, 30)).toEqual({ everyDays: null, staleAfterDays: 35 });
    expect(staleLimit(35, null)).toEqual({ everyDays: null, staleAfterDays: 35 });
    expect(staleLimit(10, 7)).toEqual({ everyDays: null, staleAfterDays: 10 });
  });
});
