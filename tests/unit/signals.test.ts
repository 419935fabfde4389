import { describe, expect, it } from "vitest";
import type { MonthFigures } from "~/work-figures/month-figures";
import { formatSeriesValue, reportSeriesFor, reportSeriesOf } from "~/interpretation/report-series";
import { fieldErrors, seriesFormSchema } from "~/interpretation/series-forms";
import { signalExceptions } from "~/interpretation/signal-exceptions";
import { rulesInWords, signalPrompt } from "~/interpretation/signal-words";
import { interpretSeries } from "~/interpretation/spc";

const month = (figures: Partial<MonthFigures>): MonthFigures => ({
  month: "2026-03",
  kind: "past",
  received: 10,
  allocated: 5,
  awaitingAllocation: 2,
  overdue: 1,
  due: 3,
  completed: 8,
  completedOnTime: 6,
  completedLate: 2,
  medianDaysToComplete: 10,
  assessmentOutcomes: null,
  assessmentOutcomeGroups: { "No further action": 1, "Progress to support planning or services": 3 },
  requestsByRoute: null,
  ...figures,
});

describe("the report's series", () => {
  it("reads each figure from a month, rates as percentages", () => {
    const series = reportSeriesFor(["No further action"]);
    expect(series.map((s) => s.key)).toEqual(["received", "completed", "onTimeRate", "overdue", "awaitingAllocation", "outcomeShare:No further action"]);
    const values = Object.fromEntries(series.map((s) => [s.key, s.value(month({}))]));
    expect(values).toMatchObject({ received: 10, completed: 8, onTimeRate: 75, overdue: 1, awaitingAllocation: 2, "outcomeShare:No further action": 25 });
    expect(reportSeriesOf("onTimeRate", [])!.value(month({ completed: 0, completedOnTime: 0 }))).toBeNull();
  });

  it("knows an outcome share only for a group the report has", () => {
    expect(reportSeriesOf("outcomeShare:No further action", ["No further action"])!.label).toBe("No further action (share of assessments)");
    expect(reportSeriesOf("outcomeShare:Made up", ["No further action"])).toBeUndefined();
    expect(reportSeriesOf("nonsense", [])).toBeUndefined();
  });

  it("formats counts and percentages", () => {
    expect(formatSeriesValue(1234, "count")).toBe("1,234");
    expect(formatSeriesValue(11.75, "count")).toBe("11.8");
    expect(formatSeriesValue(75.4, "percent")).toBe("75%");
    expect(formatSeriesValue(4.25, "percent")).toBe("4.3%");
  });
});

describe("signals in words", () => {
  it("turns a run above the mean into a question for the meeting", () => {
    const prompt = signalPrompt({
      label: "Overdue",
      unit: "count",
      direction: "down",
      month: "2026-10",
      value: 40,
      mean: 11.8,
      variationIcon: "concern_high",
      runLength: 7,
      high: ["shift"],
      low: [],
    });
    expect(prompt).toBe("Overdue: 7 months above the mean (11.8), and lower is better: a concern. What changed around April 2026?");
  });

  it("asks nothing of common cause variation", () => {
    expect(
      signalPrompt({ label: "Overdue", unit: "count", direction: "down", month: "2026-10", value: 9, mean: 10, variationIcon: "common_cause", runLength: 1, high: [], low: [] }),
    ).toBeNull();
  });

  it("names every rule that fired, on its side", () => {
    expect(rulesInWords({ high: ["single_point", "trend"], low: [] })).toBe("above the upper process limit; part of a run of rises");
    expect(rulesInWords({ high: [], low: ["shift"] })).toBe("part of a run below the mean");
  });
});

describe("exceptions from the statistics", () => {
  const values = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 10, 30];
  const months = values
    .map((_, i) => `2025-${String(i + 1).padStart(2, "0")}`)
    .slice(0, 12)
    .concat(["2026-01", "2026-02"]);
  const reading = (direction: "up" | "down", target: number | null) => ({
    series: { key: "overdue", label: "Overdue", unit: "count" as const },
    months,
    chart: interpretSeries({ values, direction, target }),
    target: target === null ? null : { value: target },
  });

  it("fires for a concern in the latest month, not for an improvement", () => {
    expect(signalExceptions([reading("down", null)]).map((e) => e.key)).toEqual(["special-cause-concern:overdue"]);
    expect(signalExceptions([reading("down", null)])[0]!.reason).toBe("Overdue: 30 in Feb 2026 is a concern, not noise (above the upper process limit).");
    expect(signalExceptions([reading("up", null)])).toEqual([]);
  });

  it("fires when the target lies beyond the limits on the wrong side", () => {
    const fired = signalExceptions([reading("up", 100)]);
    expect(fired.map((e) => e.key)).toEqual(["assurance-fail:overdue"]);
    expect(fired[0]!.reason).toMatch(/^Overdue: the target of 100 lies outside the process limits \(.+ to .+\), so it will not be met without a change\.$/);
  });

  it("says nothing of a run chart (too few points)", () => {
    expect(signalExceptions([{ ...reading("down", 0), chart: interpretSeries({ values: values.slice(0, 12), direction: "down", target: 0 }) }])).toEqual([]);
  });
});

describe("the chart page's forms", () => {
  it("explains each bad field in words", () => {
    const parsed = seriesFormSchema.safeParse({ intent: "target", value: "lots", startMonth: "March", level: "team" });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!.issues)).toEqual({
      value: "Enter the target as a number, for example 80 or 12.5",
      startMonth: "Give the month the target starts as year and month, for example 2026-03",
    });
    const reason = seriesFormSchema.safeParse({ intent: "recalculate", month: "2026-03", reason: "   " });
    expect(fieldErrors(reason.error!.issues).reason).toMatch(/^Say why the limits start again/);
    expect(fieldErrors(seriesFormSchema.safeParse({ intent: "delete-everything" }).error!.issues)).toEqual({ intent: expect.stringMatching(/not one this page knows/) });
  });
});
