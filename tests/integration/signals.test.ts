/*
 * Signal or noise on the demo council's real figures: the planted stories
 * show up as special causes where a person would expect them, and what
 * people set (recalculations, targets, directions) changes the reading and
 * is audited.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, recalculations, seriesDirections, targets, users } from "../../db/schema";
import { loadDemoCouncil } from "~/demo/load.server";
import { recordRecalculation, removeRecalculation, SeriesSettingError, setDirection, setTarget, WHOLE_SERVICE, WHOLE_TEAM } from "~/interpretation/series-settings.server";
import { signalExceptions } from "~/interpretation/signal-exceptions";
import { signalPrompt } from "~/interpretation/signal-words";
import { readingsByTeam, seriesReading, seriesReadings, signalMonths, signalSummaryOf } from "~/interpretation/team-signals.server";
import { findTeamBySlug, listTeams, listTeamWorkers } from "~/teams/teams.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
let database: ReturnType<typeof tempDatabase>;
let manager: { id: number; email: string };

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  manager = database.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, "manager@northbrook.example")).get()!;
});
afterAll(() => database.remove());

const teamId = (slug: string) => findTeamBySlug(database.db, slug)!.id;
const reading = (slug: string, key: string) => seriesReading(database.db, { teamId: teamId(slug) }, TODAY, key)!;

describe("the demo council's stories, read as a person would expect", () => {
  it("reads the 24 finished months before the as-of date", () => {
    const months = signalMonths(TODAY);
    expect(months).toHaveLength(24);
    expect(months.at(-1)).toBe("2026-10");
    expect(reading("north-locality", "overdue").months).toEqual(months);
  });

  it("North Locality's climbing overdue work is a special-cause concern, high, with a question for the meeting", () => {
    const overdue = reading("north-locality", "overdue");
    expect(overdue.direction).toBe("down");
    expect(overdue.chart!.variationIcon).toBe("concern_high");
    const prompt = signalPrompt(signalSummaryOf(overdue)!);
    expect(prompt).toMatch(/^Overdue: \d+ months above the mean .*lower is better: a concern\. What changed around \w+ 2026\?$/);
  });

  it("East Locality's growing queue awaiting allocation is a concern", () => {
    expect(reading("east-locality", "awaitingAllocation").chart!.variationIcon).toBe("concern_high");
  });

  it("South Locality's practice change shows as a run in the shares of assessment outcomes", () => {
    // Since the change, more assessments end in information, advice or reablement (no further long-term support).
    const nfa = reading("south-locality", "outcomeShare:No further action");
    expect(nfa.chart!.points.slice(-6).every((p) => p.high.includes("shift"))).toBe(true);
    expect(nfa.chart!.variationIcon).toBe("neither_high");
    // And before it, the share going to support planning sat above the mean.
    const support = reading("south-locality", "outcomeShare:Progress to support planning or services");
    expect(support.chart!.points.slice(0, 18).filter((p) => p.high.includes("shift")).length).toBeGreaterThanOrEqual(6);
  });

  it("a steady team's figures are mostly noise: no special cause in its latest month of overdue work", () => {
    expect(reading("mental-health-social-work", "overdue").chart!.variationIcon).toBe("common_cause");
  });

  it("the overview's exceptions name the concern and its rule", () => {
    const ids = listTeams(database.db).map((t) => t.id);
    const byTeam = readingsByTeam(database.db, ids, signalMonths(TODAY), TODAY);
    const north = signalExceptions(byTeam.get(teamId("north-locality"))!);
    expect(north.map((e) => e.key)).toContain("special-cause-concern:overdue");
    expect(north.find((e) => e.key === "special-cause-concern:overdue")!.reason).toMatch(/^Overdue: \d+ in Oct 2026 is a concern, not noise \(.*above the upper process limit/);
    const steady = signalExceptions(byTeam.get(teamId("mental-health-social-work"))!);
    expect(steady.map((e) => e.key)).not.toContain("special-cause-concern:overdue");
  });
});

describe("what people set", () => {
  it("a recalculation splits the limits at its month, is audited, and can be removed", () => {
    const north = teamId("north-locality");
    recordRecalculation(database.db, manager, { series: "overdue", teamId: north, month: "2026-06", reason: "Two practitioners left in May" });
    const split = reading("north-locality", "overdue");
    expect(split.chart!.sections.map((s) => [s.start, s.end])).toEqual([
      [0, 18],
      [19, 23],
    ]);
    expect(split.recalculations).toMatchObject([{ month: "2026-06", reason: "Two practitioners left in May", by: expect.any(String) }]);
    // The later section's mean is its own months' mean.
    const later = split.chart!.points.slice(19).map((p) => p.value);
    expect(split.chart!.points.at(-1)!.mean).toBeCloseTo(later.reduce((a, b) => a + b, 0) / later.length, 9);
    expect(() => recordRecalculation(database.db, manager, { series: "overdue", teamId: north, month: "2026-06", reason: "again" })).toThrow(SeriesSettingError);

    const entry = database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "record_recalculation"), eq(auditLog.actor, manager.email)))
      .get();
    expect(JSON.parse(entry!.after!)).toMatchObject({ series: "overdue", month: "2026-06" });

    removeRecalculation(database.db, manager, split.recalculations[0]!.id, north);
    expect(reading("north-locality", "overdue").chart!.sections).toHaveLength(1);
    expect(database.db.select().from(auditLog).where(eq(auditLog.action, "remove_recalculation")).all()).toHaveLength(1);
  });

  it("a recalculation in the last month waits for a second month, saying so", () => {
    const north = teamId("north-locality");
    recordRecalculation(database.db, manager, { series: "received", teamId: north, month: "2026-10", reason: "New referral form" });
    const received = reading("north-locality", "received");
    expect(received.chart!.sections).toHaveLength(1);
    expect(received.recalculationNotes[0]).toMatch(/2026-10.*once a second month is in/);
  });

  it("the assurance icon uses the target in force at the last point, the team's before the service's", () => {
    const north = teamId("north-locality");
    setTarget(database.db, manager, { series: "onTimeRate", teamId: WHOLE_SERVICE, workerId: WHOLE_TEAM, startMonth: "2025-01", value: 10 });
    expect(reading("north-locality", "onTimeRate").target).toMatchObject({ value: 10, level: "service" });
    // A team target from a month after the last point is not yet in force.
    setTarget(database.db, manager, { series: "onTimeRate", teamId: north, workerId: WHOLE_TEAM, startMonth: "2026-11", value: 99 });
    expect(reading("north-locality", "onTimeRate").target).toMatchObject({ value: 10, level: "service" });
    setTarget(database.db, manager, { series: "onTimeRate", teamId: north, workerId: WHOLE_TEAM, startMonth: "2026-01", value: 99 });
    const onTime = reading("north-locality", "onTimeRate");
    expect(onTime.target).toMatchObject({ value: 99, level: "team" });
    expect(onTime.chart!.assuranceIcon).toBe("fail");
    expect(signalExceptions([onTime]).map((e) => e.key)).toContain("assurance-fail:onTimeRate");
    // A worker's on-time rate falls back to the team's target; their count of overdue work does not.
    setTarget(database.db, manager, { series: "overdue", teamId: north, workerId: WHOLE_TEAM, startMonth: "2026-01", value: 5 });
    const workerId = listTeamWorkers(database.db, north).find((w) => w.active)!.id;
    const worker = seriesReadings(database.db, { teamId: north, workerId }, TODAY);
    expect(worker.find((r) => r.series.key === "onTimeRate")!.target).toMatchObject({ value: 99, level: "team" });
    expect(worker.find((r) => r.series.key === "overdue")!.target).toBeNull();
    setTarget(database.db, manager, { series: "overdue", teamId: north, workerId, startMonth: "2026-01", value: 2 });
    expect(seriesReadings(database.db, { teamId: north, workerId }, TODAY).find((r) => r.series.key === "overdue")!.target).toMatchObject({ value: 2, level: "worker" });
  });

  it("a direction set for the team turns the same points from concern to improvement", () => {
    const north = teamId("north-locality");
    setDirection(database.db, manager, { series: "overdue", teamId: north, direction: "up" });
    expect(reading("north-locality", "overdue").chart!.variationIcon).toBe("improvement_high");
    setDirection(database.db, manager, { series: "overdue", teamId: north, direction: "down" });
    expect(reading("north-locality", "overdue").chart!.variationIcon).toBe("concern_high");
    expect(database.db.select().from(auditLog).where(eq(auditLog.action, "set_direction")).all()).toHaveLength(2);
  });
});

describe("loading the demo council again", () => {
  it("replaces what people set, with their sign-ins (nothing left pointing at a removed user)", async () => {
    const north = teamId("north-locality");
    recordRecalculation(database.db, manager, { series: "completed", teamId: north, month: "2026-05", reason: "Before a reset" });
    await loadDemoCouncil(database.db, 2026, TODAY);
    for (const table of [recalculations, targets, seriesDirections]) {
      expect(database.db.select().from(table).all()).toEqual([]);
    }
    expect(reading("north-locality", "overdue").recalculations).toEqual([]);
  });
});
