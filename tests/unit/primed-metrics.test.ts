/*
 * Primed Metrics as units: the baseline projection, the difference and its
 * words, the values CSV and the trajectory text, and the signals.
 */
import { describe, expect, it } from "vitest";
import { generateDemoPrimedMetrics } from "~/demo/primed-metrics";
import { addMonths, monthRange } from "~/dates";
import { readValuesCsv, type CsvContext } from "~/primed-metrics/csv";
import { amountInWords, differenceInWords, differenceSince, shortDifference } from "~/primed-metrics/difference";
import { metricForm, valueForm } from "~/primed-metrics/forms";
import { parseNumber } from "~/primed-metrics/numbers";
import { fitBaseline, lineAt, projectAfterBaseline, type MonthValue } from "~/primed-metrics/projection";
import { metricSignals } from "~/primed-metrics/signals";
import { readTrajectoryText } from "~/primed-metrics/trajectory-text";
import { metricListEntry, metricView } from "~/primed-metrics/view";

const series = (from: string, values: number[]): MonthValue[] => values.map((value, i) => ({ month: addMonths(from, i), value }));

describe("the baseline projection", () => {
  it("fits the least-squares line to the baseline months and carries it on", () => {
    // y = 100 + 2x exactly, then values after the baseline that must not move the line.
    const values = [...series("2025-01", [100, 102, 104, 106, 108, 110]), ...series("2025-07", [50, 40])];
    const fitted = fitBaseline(values, "2025-01", "2025-06");
    expect(fitted.ok).toBe(true);
    if (!fitted.ok) return;
    expect(fitted.fit.slope).toBeCloseTo(2, 10);
    expect(fitted.fit.intercept).toBeCloseTo(100, 10);
    expect(fitted.fit.points).toBe(6);
    expect(lineAt(fitted.fit, "2025-12")).toBeCloseTo(122, 10);
    const projected = projectAfterBaseline(fitted.fit, monthRange("2025-05", "2025-09"));
    expect(projected.map((p) => p.month)).toEqual(["2025-07", "2025-08", "2025-09"]);
    expect(projected.map((p) => Math.round(p.value * 1000) / 1000)).toEqual([112, 114, 116]);
  });

  it("matches the textbook least-squares answer on scattered points, and skips missing months", () => {
    // x = 0, 1, 3, 4 (the third month is missing); y = 2, 4, 5, 9: slope 15 / 10 = 1.5, intercept 5 - 1.5 × 2 = 2.
    const values = [
      { month: "2024-01", value: 2 },
      { month: "2024-02", value: 4 },
      { month: "2024-04", value: 5 },
      { month: "2024-05", value: 9 },
    ];
    const fitted = fitBaseline(values, "2024-01", "2024-05");
    expect(fitted.ok && fitted.fit.slope).toBeCloseTo(1.5, 10);
    expect(fitted.ok && fitted.fit.intercept).toBeCloseTo(2, 10);
  });

  it("needs at least 3 baseline values, and says so", () => {
    const fitted = fitBaseline(series("2024-01", [5, 6, 7, 8]), "2023-11", "2024-02");
    expect(fitted.ok).toBe(false);
    expect(!fitted.ok && fitted.reason).toMatch(/^The baseline \(Nov 2023 to Feb 2024\) has only 2 values: a baseline projection needs at least 3/);
    const none = fitBaseline([], "2023-11", "2024-02");
    expect(!none.ok && none.reason).toMatch(/has no values/);
  });
});

describe("the difference from what was expected", () => {
  const flat = (value: number) => () => value;

  it("adds up the months after the baseline for a flow, and takes the latest month for a level", () => {
    const actual = series("2025-01", [10, 10, 8, 7, 6]);
    const flow = differenceSince("flow", actual, flat(10), "2025-02");
    expect(flow).toEqual({ amount: -9, from: "2025-03", to: "2025-05", months: 3 });
    const level = differenceSince("level", actual, flat(10), "2025-02");
    expect(level).toEqual({ amount: -4, from: "2025-05", to: "2025-05", months: 1 });
    expect(differenceSince("flow", actual, flat(10), "2025-05")).toBeNull();
    // Months without an expected value (no trajectory) are left out.
    expect(differenceSince("flow", actual, (m) => (m === "2025-04" ? 5 : null), null)).toEqual({ amount: 2, from: "2025-04", to: "2025-04", months: 1 });
  });

  const residential = { measure: "level" as const, direction: "down" as const, unit: "people in residential and nursing care" };

  it("says it in plain words with the unit and direction", () => {
    expect(differenceInWords({ amount: -21.3, from: "2026-11", to: "2026-11", months: 1 }, residential, "baseline", 0).sentence).toBe(
      "21 fewer people in residential and nursing care than the baseline projects (November 2026): better, as lower is better for this measure.",
    );
    expect(differenceInWords({ amount: 3, from: "2026-11", to: "2026-11", months: 1 }, residential, "trajectory", 0)).toEqual({
      sentence: "3 more people in residential and nursing care than the trajectory plans (November 2026): worse, as lower is better for this measure.",
      verdict: "worse",
    });
    const admissions = { measure: "flow" as const, direction: "down" as const, unit: "admissions" };
    expect(differenceInWords({ amount: -1, from: "2026-03", to: "2026-11", months: 9 }, admissions, "baseline", 0).sentence).toBe(
      "1 fewer admission than the baseline projects (in total from March 2026 to November 2026): better, as lower is better for this measure.",
    );
    const neither = { measure: "level" as const, direction: "neither" as const, unit: "people" };
    expect(differenceInWords({ amount: 1, from: "2026-11", to: "2026-11", months: 1 }, neither, "baseline", 0)).toEqual({
      sentence: "1 more person than the baseline projects (November 2026).",
      verdict: null,
    });
    expect(differenceInWords({ amount: 0.2, from: "2026-11", to: "2026-11", months: 1 }, residential, "baseline", 0).sentence).toBe(
      "The same as the baseline projects (November 2026).",
    );
  });

  it("rounds sensibly for money, percentages and scores", () => {
    expect(amountInWords(-1240.4, "£ a day", 2)).toBe("£1,240 a day less");
    expect(amountInWords(-3.2, "£ a day", 2)).toBe("£3.20 a day less");
    expect(amountInWords(3.24, "%", 1)).toBe("3.2 percentage points higher");
    expect(amountInWords(-1, "%", 1)).toBe("1.0 percentage point lower");
    expect(amountInWords(0.54, "points", 1)).toBe("0.5 points higher");
    expect(amountInWords(-1234.6, "people", 0)).toBe("1,235 fewer people");
    expect(amountInWords(0.004, "points", 1)).toBeNull();
    expect(shortDifference(3, "people", 0)).toBe("3 above the trajectory");
    expect(shortDifference(-2.1, "£ a day", 2)).toBe("£2.10 below the trajectory");
    expect(shortDifference(0.01, "people", 0)).toBe("on the trajectory");
  });
});

describe("the values CSV", () => {
  const context: CsvContext = {
    metrics: [
      { id: 1, name: "People in residential and nursing care" },
      { id: 2, name: "Average daily placement cost" },
    ],
    currentMonth: "2026-11",
  };

  it("reads a good file, whatever the case of the header and names, with a byte order mark and blank lines", () => {
    const text = '\uFEFFMetric,Month,Value\r\npeople in residential and nursing care,2026-09,402\r\n\r\n"Average daily placement cost",2026-10,"1,151.26"\r\n';
    expect(readValuesCsv(text, context)).toEqual({
      ok: true,
      values: [
        { row: 2, metricId: 1, month: "2026-09", value: 402 },
        { row: 4, metricId: 2, month: "2026-10", value: 1151.26 },
      ],
    });
  });

  it("takes the columns in any order", () => {
    const reading = readValuesCsv("value,metric,month\n396,People in residential and nursing care,2026-10\n", context);
    expect(reading).toEqual({ ok: true, values: [{ row: 2, metricId: 1, month: "2026-10", value: 396 }] });
  });

  it("lists every bad row by its number with the reason, and keeps nothing", () => {
    const text = [
      "metric,month,value",
      "People in residential and nursing care,2026-08,404", // 2: fine
      "People in nursing homes,2026-08,404", // 3: unknown metric
      "People in residential and nursing care,2026-13,400", // 4: bad month
      "People in residential and nursing care,2026-07,four hundred", // 5: not a number
      "People in residential and nursing care,2027-01,390", // 6: future
      "People in residential and nursing care,2026-08,405", // 7: same metric and month as row 2
      ",,", // 8: blank: skipped
      "Average daily placement cost,Oct 2026,", // 9: two reasons
    ].join("\n");
    const reading = readValuesCsv(text, context);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 9]);
    const reasons = Object.fromEntries(reading.problems.map((p) => [p.row, p.reasons]));
    expect(reasons[3]![0]).toMatch(
      /^there is no metric called "People in nursing homes" \(the metrics are: People in residential and nursing care, Average daily placement cost\)$/,
    );
    expect(reasons[4]).toEqual(['"2026-13" is not a month written as YYYY-MM, like 2026-04']);
    expect(reasons[5]).toEqual(['"four hundred" is not a number: write it in digits, like 412 or 135.5']);
    expect(reasons[6]).toEqual(["January 2027 is in the future: values go up to November 2026"]);
    expect(reasons[7]).toEqual(["People in residential and nursing care for August 2026 is already on row 2: keep one value per metric and month"]);
    expect(reasons[9]).toEqual(['"Oct 2026" is not a month written as YYYY-MM, like 2026-04', "the value is missing"]);
  });

  it("needs the header, and refuses an empty file or one with only a header", () => {
    const noHeader = readValuesCsv("People in residential and nursing care,2026-08,404\n", context);
    expect(!noHeader.ok && noHeader.problems[0]!.row).toBe(1);
    expect(!noHeader.ok && noHeader.problems[0]!.reasons[0]).toMatch(/^row 1 must name the columns metric, month, value; metric and month and value are missing/);
    const missingValue = readValuesCsv("metric,month,amount\nx,2026-01,1\n", context);
    expect(!missingValue.ok && missingValue.problems[0]!.reasons).toEqual([
      "row 1 must name the columns metric, month, value; value is missing (it has: metric, month, amount)",
      '"amount" is not a column this file takes (only metric, month, value)',
    ]);
    expect(readValuesCsv("", context)).toEqual({ ok: false, problems: [{ row: 1, reasons: ["the file is empty: row 1 must name the columns metric, month, value"] }] });
    expect(readValuesCsv("metric,month,value\n", context)).toEqual({
      ok: false,
      problems: [{ row: 2, reasons: ["the file has no values: add a row for each metric and month under the header"] }],
    });
  });

  it("refuses rows for metrics the person may not enter", () => {
    const reading = readValuesCsv("metric,month,value\nAverage daily placement cost,2026-10,150\n", { ...context, refusal: (id) => (id === 2 ? "not yours" : null) });
    expect(reading).toEqual({ ok: false, problems: [{ row: 2, reasons: ["not yours"] }] });
  });
});

describe("numbers, months and the trajectory as typed", () => {
  it("reads numbers as people write them, and nothing else", () => {
    expect(parseNumber("412")).toBe(412);
    expect(parseNumber(" -3.5 ")).toBe(-3.5);
    expect(parseNumber("1,240.50")).toBe(1240.5);
    expect(parseNumber("£135.20")).toBe(135.2);
    expect(parseNumber("80.1%")).toBe(80.1);
    for (const bad of ["", "abc", "1.2.3", "12,34", "4 00", "1e3", "NaN"]) expect(parseNumber(bad), bad).toBeNull();
  });

  it("reads a trajectory one month a line, or as a CSV with a header", () => {
    expect(readTrajectoryText("2026-04 120\n\n2026-05\t118\n2026-06, 116.5\n")).toEqual({
      ok: true,
      points: [
        { month: "2026-04", value: 120 },
        { month: "2026-05", value: 118 },
        { month: "2026-06", value: 116.5 },
      ],
    });
    expect(readTrajectoryText('month,value\r\n2026-05,"1,118"\r\n2026-04,120')).toEqual({
      ok: true,
      points: [
        { month: "2026-04", value: 120 },
        { month: "2026-05", value: 1118 },
      ],
    });
  });

  it("names the line and the problem in a bad trajectory", () => {
    expect(readTrajectoryText("2026-04 120\n2026-13 118\n2026-06 lots\n2026-04 119\n2026-07")).toEqual({
      ok: false,
      problems: [
        'Line 2: "2026-13" is not a month written as YYYY-MM, like 2026-04',
        'Line 3: "lots" is not a number',
        "Line 4: April 2026 is already on line 1: one value per month",
        'Line 5: "2026-07" needs a month and a value, like 2026-04 120',
      ],
    });
    expect(readTrajectoryText("  \n")).toEqual({ ok: false, problems: ["Enter at least one month and its planned value, like 2026-04 120"] });
  });

  it("checks the forms' months, values and baseline", () => {
    const value = valueForm("2026-11");
    expect(value.safeParse({ month: "2026-11", value: "1,204" }).data).toEqual({ month: "2026-11", value: 1204 });
    expect(value.safeParse({ month: "2026-12", value: "1" }).error?.issues[0]?.message).toBe("The month must not be in the future: enter a month up to November 2026");
    expect(value.safeParse({ month: "Nov 2026", value: "1" }).error?.issues[0]?.message).toBe("The month must be a real month written as YYYY-MM, like 2026-04");
    expect(value.safeParse({ month: "2026-10", value: "lots" }).error?.issues[0]?.message).toBe("Enter the value as a number, like 412 or 135.5");
    expect(value.safeParse({ month: "2026-10", value: "" }).error?.issues[0]?.message).toBe("Enter the value as a number, like 412 or 135.5");
    const fields = { name: "X", unit: "people", measure: "level", direction: "down", ownerUserId: "3", baselineFrom: "2024-01", baselineTo: "2024-02" };
    expect(metricForm.safeParse(fields).error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["baselineTo", "The baseline must cover at least 3 months, so a line can be fitted to it"],
    ]);
    expect(metricForm.safeParse({ ...fields, baselineTo: "2023-12" }).error?.issues[0]?.message).toBe("The baseline's last month must be on or after its first month");
    expect(metricForm.safeParse({ ...fields, baselineTo: "2024-03", measure: "stock", ownerUserId: "" }).error?.issues.map((i) => i.path[0])).toEqual(["measure", "ownerUserId"]);
  });
});

describe("signals", () => {
  it("refuses a series with a gap, with the engine's message", () => {
    const values = [...series("2025-01", [1, 2, 3]), { month: "2025-05", value: 4 }];
    const signals = metricSignals(values, "up", { from: "2025-01", to: "2025-02" });
    expect(signals).toEqual({
      ok: false,
      message: "Signals cannot be read: 2025-04 is missing: fill or remove it (a skipped month would make the limits wrong).",
      short: "A month is missing",
    });
  });

  it("says there are too few months to tell, below the engine's minimum", () => {
    const signals = metricSignals(series("2025-01", [5, 6, 5, 7, 6]), "up", { from: "2025-01", to: "2025-03" });
    expect(signals.ok && signals.latest).toMatch(/^No signals yet for May 2025: fewer than 13 points/);
  });

  it("draws the limits from the baseline, so a change since shows as a signal", () => {
    const baseline = [10, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 12, 11, 10, 9, 11];
    const after = [14, 15, 16, 15, 16, 17];
    const signals = metricSignals(series("2024-01", [...baseline, ...after]), "up", { from: "2024-01", to: "2025-04" });
    expect(signals.ok).toBe(true);
    if (!signals.ok) return;
    expect(signals.variation).toBe("improvement_high");
    expect(signals.latest).toMatch(/^October 2025: Improvement: a special cause, higher\. It is above the upper process limit; part of a run above the mean/);
    const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
    expect(signals.rows.at(-1)!.mean).toBeCloseTo(mean, 10);
    expect(signals.limitsFrom).toMatch(/drawn from the baseline, Jan 2024 to Apr 2025/);
  });

  it("draws the limits from the baseline months only, never from the months before it", () => {
    // A wild year before the baseline, then a steady baseline and a steady year after it.
    const before = [40, 2, 38, 5, 41, 1, 39, 3, 42, 0, 37, 4];
    const baseline = [10, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 12, 11, 10, 9];
    const after = [10, 11, 10, 12, 11, 10];
    const values = series("2023-01", [...before, ...baseline, ...after]);
    const signals = metricSignals(values, "up", { from: "2024-01", to: "2025-03" });
    expect(signals.ok).toBe(true);
    if (!signals.ok) return;
    const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
    const movingRanges = baseline.slice(1).map((v, i) => Math.abs(v - baseline[i]!));
    const spread = (2.66 * movingRanges.reduce((a, b) => a + b, 0)) / movingRanges.length;
    const last = signals.rows.at(-1)!;
    expect(last.mean).toBeCloseTo(mean, 10);
    expect(last.upperLimit).toBeCloseTo(mean + spread, 10);
    expect(last.lowerLimit).toBeCloseTo(mean - spread, 10);
    expect(signals.rows[0]!.month).toBe("2024-01");
    expect(signals.limitsFrom).toBe(
      "The mean and limits are drawn from the baseline, Jan 2024 to Mar 2025, and carried on, so a change since shows as a signal. The 12 months before the baseline are not read: they belong to the process before it.",
    );
    // A gap before the baseline no longer stops the reading.
    expect(
      metricSignals(
        values.filter((v) => v.month !== "2023-05"),
        "up",
        { from: "2024-01", to: "2025-03" },
      ).ok,
    ).toBe(true);
  });
});

describe("the demo's metrics, as a page shows them", () => {
  const metrics = generateDemoPrimedMetrics(2026, "2026-11-22");

  it("has four metrics of 36 finished months, a 24-month baseline before the change and 12 months of trajectory", () => {
    expect(metrics.map((m) => m.name)).toEqual([
      "People in residential and nursing care",
      "Average weekly cost of a residential placement",
      "Reablement: still at home after 91 days",
      "Staff pulse survey score",
    ]);
    expect(metrics.map((m) => m.countedMeasure)).toEqual(["care.in-residential-nursing", "care.placement-cost.residential", null, null]);
    for (const m of metrics) {
      expect(m.values.map((v) => v.month)).toEqual(monthRange("2023-11", "2026-10"));
      expect([m.baselineFrom, m.baselineTo]).toEqual(["2024-02", "2026-01"]);
      expect(m.trajectory.map((t) => t.month)).toEqual(monthRange("2026-02", "2027-01"));
    }
    expect(generateDemoPrimedMetrics(2026, "2026-11-22")).toEqual(metrics);
    expect(generateDemoPrimedMetrics(2027, "2026-11-22")).not.toEqual(metrics);
  });

  it("takes a counted metric's values from the data, and draws its trajectory from their baseline", () => {
    const counted = generateDemoPrimedMetrics(2026, "2026-11-22", (measure, months) =>
      months.map((month, i) => ({ month, value: measure === "care.in-residential-nursing" ? 500 + 2 * i : 1000 })),
    );
    const residential = counted[0]!;
    expect(residential.values.slice(0, 2)).toEqual([
      { month: "2023-11", value: 500 },
      { month: "2023-12", value: 502 },
    ]);
    // The baseline's line (2 a month) carried on, bent by the plan's 3 fewer each month.
    const onTheLine = 500 + 2 * (monthRange("2023-11", "2026-02").length - 1);
    expect(residential.trajectory[0]).toEqual({ month: "2026-02", value: onTheLine - 3 });
    expect(counted[2]).toEqual(metrics[2]);
  });

  it("puts the same figures in the chart and its table, and tells the story in words", () => {
    const residential = metrics[0]!;
    const view = metricView(residential, residential.values, residential.trajectory);
    expect(view.chart.labels).toHaveLength(view.rows.length);
    expect(view.chart.series[0]!.data).toEqual(view.rows.map((r) => r.actual));
    expect(view.chart.series[1]!.data).toEqual(view.rows.map((r) => r.trajectory));
    expect(view.rows.find((r) => r.month === "2024-01")!.projection).toBeNull();
    expect(view.baseline!.sentence).toMatch(/^\d+ fewer people in residential and nursing care than the baseline projects \(October 2026\): better/);
    expect(view.baseline!.verdict).toBe("better");
    expect(view.signals.ok && view.signals.variation).toBe("improvement_low");
    const entry = metricListEntry(residential, residential.values, residential.trajectory);
    expect(entry.latestMonth).toBe("2026-10");
    expect(entry.againstTrajectory).toMatch(/^(\d+ (above|below)|on) the trajectory$/);
  });
});
