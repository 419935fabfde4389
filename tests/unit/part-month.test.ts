/* The part-month rule (app/reports/part-month.ts) and where the team report applies it. */
import { describe, expect, it } from "vitest";
import { computeMonthFigures } from "~/work-figures/month-figures";
import { comparableChange, isPartMonth, lastFinishedMonth, partMonthNote } from "~/reports/part-month";
import { completedChart, workloadChart } from "~/reports/team-report";
import { workedExampleItems } from "../helpers/worked-example";

describe("the part-month rule", () => {
  it("opens one-month views on the last finished month, also on a month's last day and in January", () => {
    expect(lastFinishedMonth("2026-12-03")).toBe("2026-11");
    expect(lastFinishedMonth("2026-12-31")).toBe("2026-11");
    expect(lastFinishedMonth("2027-01-01")).toBe("2026-12");
  });

  it("compares a part month's figures taken on a day, never its figures counted over the month", () => {
    const soFar = { value: 3, kind: "current" as const };
    expect(comparableChange("completed", soFar, 616)).toBeNull();
    expect(comparableChange("onTime", soFar, 80)).toBeNull();
    expect(comparableChange("received", soFar, 500)).toBeNull();
    expect(comparableChange("overdue", soFar, 1)).toBe(2);
    expect(comparableChange("due", soFar, 1)).toBe(2);
    expect(comparableChange("completed", { value: 3, kind: "past" }, 616)).toBe(-613);
    expect(comparableChange("completed", { value: null, kind: "past" }, 616)).toBeNull();
  });

  it("says what it does for a part month, and nothing for a whole one", () => {
    expect(isPartMonth("2026-12", "2026-12-03")).toBe(true);
    expect(isPartMonth("2026-11", "2026-12-03")).toBe(false);
    expect(partMonthNote("2026-11", "2026-12-03")).toBeNull();
    expect(partMonthNote("2026-12", "2026-12-03")).toMatch(/^Dec 2026 so far, to 3 December 2026: .* not compared\.$/);
  });

  it("labels the month so far on the team report's charts", () => {
    const items = workedExampleItems();
    const months = ["2026-02", "2026-03"].map((m) => computeMonthFigures(items, m, "2026-03-10"));
    expect(completedChart(months).labels).toEqual(["Feb 2026", "Mar 2026 so far"]);
    expect(workloadChart(months).labels).toEqual(["Feb 2026", "Mar 2026 so far"]);
    expect(workloadChart(months).summary).toContain("in Mar 2026 so far");
  });
});
