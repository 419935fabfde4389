/*
 * `npm run primed -- metrics` on the demo council: every metric with the
 * values stored for it, and the same projection and differences as its page.
 */
import { spawnSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { primedMetrics, primedMetricTrajectory, primedMetricValues, users } from "../../db/schema";
import { metricPage } from "~/primed-metrics/pages.server";
import { getMetric } from "~/primed-metrics/metrics.server";
import { loadSignedInUser, type SignedInUser } from "~/people/users.server";
import type { MetricReport } from "~/cli/metrics-command";
import { demoCouncilDatabase } from "../helpers/temp-db";
import { runToday } from "../helpers/today";
import { builtCommand } from "../helpers/built-command";

let database: Awaited<ReturnType<typeof demoCouncilDatabase>>;

beforeAll(async () => {
  database = await demoCouncilDatabase(runToday());
});
afterAll(() => database.remove());

function primed(...args: string[]) {
  const result = spawnSync(...builtCommand("bin/primed.ts", args), {
    env: { ...process.env, DATABASE_PATH: database.file },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("primed metrics", () => {
  let metrics: MetricReport[];
  beforeAll(() => {
    const { code, out, err } = primed("metrics", "--json");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.trim().split("\n")).toHaveLength(1);
    metrics = JSON.parse(out) as MetricReport[];
  });

  it("lists every metric once, with its kind, unit, scope and owner", () => {
    const stored = database.db.select().from(primedMetrics).all();
    expect(metrics.map((m) => m.name).sort()).toEqual(stored.map((m) => m.name).sort());
    for (const m of metrics) {
      const row = stored.find((s) => s.id === m.id)!;
      expect(m).toMatchObject({
        kind: row.kind,
        countedMeasure: row.countedMeasure,
        // The demo's counted metrics count the whole service.
        scope: "the whole service",
        unit: row.unit,
        measure: row.measure,
        direction: row.direction,
        baseline: { from: row.baselineFrom, to: row.baselineTo },
      });
    }
  });

  it("gives each entered month the value and planned value stored for it, and no other", () => {
    expect(metrics.filter((m) => m.kind === "entered")).toHaveLength(2);
    for (const m of metrics.filter((m) => m.kind === "entered")) {
      const values = database.db.select().from(primedMetricValues).where(eq(primedMetricValues.metricId, m.id)).all();
      const planned = database.db.select().from(primedMetricTrajectory).where(eq(primedMetricTrajectory.metricId, m.id)).all();
      expect(Object.fromEntries(m.months.filter((r) => r.actual !== null).map((r) => [r.month, r.actual]))).toEqual(Object.fromEntries(values.map((v) => [v.month, v.value])));
      expect(Object.fromEntries(m.months.filter((r) => r.trajectory !== null).map((r) => [r.month, r.trajectory]))).toEqual(
        Object.fromEntries(planned.map((v) => [v.month, v.value])),
      );
    }
  });

  it("has the projection and the differences in words that the metric's page shows", () => {
    const head = database.db.select().from(users).where(eq(users.email, "head@northbrook.example")).get()!;
    const user = loadSignedInUser(database.db, head.id) as SignedInUser;
    for (const m of metrics) {
      const page = metricPage(database.db, getMetric(database.db, m.id)!, user, runToday());
      expect(m.months.map((r) => r.projection)).toEqual(page.view.rows.map((r) => (r.projection === null ? null : Number(r.projection.toFixed(page.view.projectionDecimals)))));
      expect(m.againstBaseline).toBe(page.view.baseline?.sentence ?? page.view.baselineMissing);
      expect(m.againstTrajectory).toBe(page.view.trajectory?.sentence ?? page.view.trajectoryMissing);
    }
    // The demo's headline: fewer people in residential and nursing care than the baseline projects.
    expect(metrics.find((m) => m.name === "People in residential and nursing care")!.againstBaseline).toMatch(
      /fewer people in residential and nursing care than the baseline projects .*: better/,
    );
  });

  it("prints one metric as a readable block, and names the metrics when asked for one that does not exist", () => {
    const one = primed("metrics", "--metric", "people in residential and nursing care");
    expect(one.code).toBe(0);
    expect(one.out).toMatch(/^People in residential and nursing care \(people in residential and nursing care; a level: the latest month counts; lower is better\)\n/);
    expect(one.out).toMatch(/\n {2}month +actual +trajectory +projection\n/);
    expect(one.out).toMatch(/\n {2}Against the baseline: .*fewer people/);
    expect(one.out).not.toMatch(/Staff pulse survey/);
    const none = primed("metrics", "--metric", "Bed days");
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^Error: No Primed Metric is called "Bed days"\. The metrics are: .*People in residential and nursing care/);
    expect(none.err).not.toMatch(/\n\s+at /);
  });
});
