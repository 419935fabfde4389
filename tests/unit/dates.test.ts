import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay } from "~/calendar/working-days";
import { defaultDueDate } from "~/calendar/due-dates";
import { addDays, addMonths, dayOf, daysBetween, isIsoDate, isIsoMonth, isoOfDay, lastDayOf, monthRange, todayInLondon } from "~/dates";

describe("calendar dates", () => {
  it("accepts only real dates and months", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("31/03/2026")).toBe(false);
    expect(isIsoMonth("2026-03")).toBe(true);
    expect(isIsoMonth("2026-3")).toBe(false);
    expect(isIsoMonth("2026-00")).toBe(false);
  });

  it("finds month ends, month ranges and day counts across the clock change", () => {
    expect(lastDayOf("2026-02")).toBe("2026-02-28");
    expect(lastDayOf("2028-02")).toBe("2028-02-29");
    expect(addMonths("2026-11", 3)).toBe("2027-02");
    expect(monthRange("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });

  it("runs in the time zone its test project names (see vitest.config.ts)", () => {
    // Guards the guard: if TZ stopped reaching the worker, every zone would test UTC.
    expect(process.env.TZ).toBeTruthy();
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ);
  });

  it("steps one calendar day and one month at a time, whatever the process's time zone", () => {
    // date-fns's addDays worked in local time: in Europe/London, 29 March 2026 plus a day was
    // 29 March again, and every loop over a March never ended. Bounded loops, so a fault fails here.
    const wrong: string[] = [];
    let day = "2000-01-01";
    for (let i = 0; i < 366 * 40; i++) {
      const next = addDays(day, 1);
      if (daysBetween(day, next) !== 1 || next <= day) wrong.push(`${day} + 1 day = ${next}`);
      day = next;
    }
    let month = "2000-01";
    for (let i = 0; i < 12 * 40; i++) {
      const next = addMonths(month, 1);
      if (addDays(lastDayOf(month), 1) !== `${next}-01`) wrong.push(`${month} + 1 month = ${next}, last day ${lastDayOf(month)}`);
      month = next;
    }
    expect(wrong).toEqual([]);
    expect([day, month]).toEqual(["2040-01-31", "2040-01"]);
    expect(addMonths("2026-01", -13)).toBe("2024-12");
    expect(addDays("2026-10-25", -1)).toBe("2026-10-24");
  });

  it("takes today's date in London, not UTC", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(todayInLondon(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(todayInLondon(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });

  it("gives London's date for every moment around midnight and the clocks changing, asked in any order", () => {
    const fresh = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
    // Midnight in winter and summer, and the nights the clocks go forward (29 March) and back (25 October).
    const moments = ["2026-01-15T00:00:00Z", "2026-06-30T23:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T01:00:00Z", "2026-10-24T23:00:00Z", "2026-10-25T01:00:00Z"].flatMap(
      (around) => Array.from({ length: 241 }, (_, i) => new Date(Date.parse(around) + (i - 120) * 29_999)),
    );
    const shuffled = [...moments].sort((a, b) => ((a.getTime() * 7919) % 1009) - ((b.getTime() * 7919) % 1009));
    const wrong = [...moments, ...shuffled].filter((moment) => todayInLondon(moment) !== fresh.format(moment)).map((moment) => moment.toISOString());
    expect(wrong).toEqual([]);
    expect(todayInLondon(new Date("2026-03-29T00:59:59.999Z"))).toBe("2026-03-29");
    expect(todayInLondon(new Date("2026-10-24T22:59:59.999Z"))).toBe("2026-10-24");
    expect(todayInLondon(new Date("2026-10-24T23:00:00.000Z"))).toBe("2026-10-25");
    expect(() => todayInLondon(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("working days", () => {
  it("skips weekends and England and Wales bank holidays", () => {
    expect(isWorkingDay("2026-12-25")).toBe(false);
    expect(isWorkingDay("2026-12-28")).toBe(false); // Boxing Day's substitute
    expect(isWorkingDay("2026-12-24")).toBe(true);
    // Thursday 24 Dec + 2 working days: Fri 25 and Mon 28 are holidays -> Tue 29, Wed 30.
    expect(addWorkingDays("2026-12-24", 2)).toBe("2026-12-30");
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    expect(addWorkingDays("2026-04-02", 1)).toBe("2026-04-07");
  });

  it("sets default due dates from a work type's timescale", () => {
    expect(defaultDueDate("2026-03-02", { timescale: 28, timescaleUnit: "days" })).toBe("2026-03-30");
    expect(defaultDueDate("2026-03-06", { timescale: 2, timescaleUnit: "working_days" })).toBe("2026-03-10");
  });
});

describe("dates for people", () => {
  it("writes dates and months the same on the server and in every browser", async () => {
    const { formatDate, formatMonthLong, formatMonthShort, formatShortDate } = await import("~/dates");
    expect(formatDate("2026-09-05")).toBe("5 September 2026");
    expect(formatShortDate("2026-09-05")).toBe("5 Sep 2026");
    expect(formatMonthShort("2026-09")).toBe("Sep 2026");
    expect(formatMonthLong("2026-12")).toBe("December 2026");
  });

  it("writes a moment as the time in England, whatever the server's time zone, the same when asked again", async () => {
    const { formatMoment } = await import("~/dates");
    // Summer time, the hour the clocks go back (01:30 comes twice), winter time, and a moment that is
    // another day in England than in UTC.
    const moments: [string, string][] = [
      ["2026-07-01T12:05:00.000Z", "1 July 2026 at 13:05"],
      ["2026-10-25T00:30:00.000Z", "25 October 2026 at 01:30"],
      ["2026-10-25T01:30:00.000Z", "25 October 2026 at 01:30"],
      ["2026-12-05T23:59:00.000Z", "5 December 2026 at 23:59"],
      ["2026-03-28T23:30:00.000Z", "28 March 2026 at 23:30"],
      ["2026-06-30T23:30:00.000Z", "1 July 2026 at 00:30"],
    ];
    for (const [at, said] of moments) expect(formatMoment(at)).toBe(said);
    // Kept once said: the second answer is the first.
    for (const [at, said] of moments) expect(formatMoment(at)).toBe(said);
  });
});

describe("day numbers, whatever the time zone", () => {
  it("turn a date into whole days since 1970 and back, across the clocks changing and a leap day", () => {
    for (const date of ["1970-01-01", "2026-03-28", "2026-03-29", "2026-03-30", "2026-10-25", "2026-10-26", "2028-02-29", "1950-05-01"]) {
      expect(isoOfDay(dayOf(date))).toBe(date);
      expect(dayOf(addDays(date, 1)) - dayOf(date)).toBe(1);
    }
    expect(dayOf("1970-01-01")).toBe(0);
    expect(dayOf("2026-06-30") - dayOf("2026-01-10")).toBe(daysBetween("2026-01-10", "2026-06-30"));
  });
});
