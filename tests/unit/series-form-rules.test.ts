/* The settings forms' rules on a series' chart (app/interpretation/series-forms.ts), out of the route action. */
import { describe, expect, it } from "vitest";
import { seriesFormRefusal, type SeriesFormContext } from "~/interpretation/series-forms";

const chart: SeriesFormContext = { mayManageService: false, workerOpen: false, months: ["2026-01", "2026-02", "2026-03"], unit: "percent" };
const target = (level: "team" | "service" | "worker", value: number) => ({ intent: "target" as const, level, value, startMonth: "2026-02" });

describe("a series setting", () => {
  it("lets only a head of service set a direction or target for the whole service", () => {
    expect(seriesFormRefusal({ intent: "direction", level: "service", direction: "up" } as never, chart)).toEqual({
      status: 403,
      errors: { level: "Only a head of service may set this for the whole service" },
    });
    expect(seriesFormRefusal(target("service", 50) as never, { ...chart, mayManageService: true })).toBeNull();
    expect(seriesFormRefusal(target("team", 50) as never, chart)).toBeNull();
  });

  it("keeps a percentage's target from 0 to 100", () => {
    expect(seriesFormRefusal(target("team", 101) as never, chart)).toEqual({ status: 400, errors: { value: "This figure is a percentage: enter a target from 0 to 100" } });
    expect(seriesFormRefusal(target("team", -1) as never, chart)?.errors.value).toMatch(/0 to 100/);
    expect(seriesFormRefusal(target("team", 0) as never, chart)).toBeNull();
    expect(seriesFormRefusal(target("team", 100) as never, chart)).toBeNull();
    expect(seriesFormRefusal(target("team", 150) as never, { ...chart, unit: "count" })).toBeNull();
  });

  it("sets a worker's target only on a worker's chart", () => {
    expect(seriesFormRefusal(target("worker", 5) as never, chart)).toEqual({ status: 400, errors: { level: "Open one worker's chart to set a target for them" } });
    expect(seriesFormRefusal(target("worker", 5) as never, { ...chart, workerOpen: true })).toBeNull();
  });

  it("recalculates only from a month after the chart's first", () => {
    const recalculate = (month: string) => ({ intent: "recalculate" as const, month, reason: "New way of working" }) as never;
    expect(seriesFormRefusal(recalculate("2026-01"), chart)?.errors.month).toMatch(/^Choose a month after Jan 2026 and up to Mar 2026/);
    expect(seriesFormRefusal(recalculate("2026-04"), chart)?.status).toBe(400);
    expect(seriesFormRefusal(recalculate("2026-02"), chart)).toBeNull();
    expect(seriesFormRefusal(recalculate("2026-02"), { ...chart, months: [] })?.errors.month).toBe("This series has no months to recalculate");
  });
});
