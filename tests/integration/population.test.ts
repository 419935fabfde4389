/*
 * The council's adult population by year: recorded, replaced and removed by
 * an administrator, each change on the audit trail with it or not at all;
 * and the demo council's own, replaced when the demo is loaded again.
 */
import { asc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, populationEstimates, users } from "../../db/schema";
import type { Actor } from "~/audit/audit.server";
import { listPopulation, removePopulation, savePopulation } from "~/care/population.server";
import { DEMO_POPULATION_SOURCE } from "~/demo/population";
import { loadDemoCouncil } from "~/demo/load.server";
import { demoCouncilDatabase, tempDatabase } from "../helpers/temp-db";
import { runToday } from "../helpers/today";

const admin: Actor = { kind: "user", userId: 1, email: "admin@northbrook.example" };
const ons2024 = { year: 2024, adults18To64: 198_400, adults65AndOver: 61_200, source: "ONS mid-year estimates 2024" };

describe("an administrator's population figures", () => {
  let database: ReturnType<typeof tempDatabase>;
  beforeAll(() => {
    database = tempDatabase();
  });
  afterAll(() => database.remove());

  const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
  const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();

  it("records a year, with its source, and says who did on the audit trail", () => {
    const since = lastAuditId();
    expect(savePopulation(database.db, admin, ons2024, new Date("2026-07-01T09:00:00Z"))).toEqual({ ok: true, value: "created" });
    expect(listPopulation(database.db)).toEqual([{ ...ons2024, updatedAt: "2026-07-01T09:00:00.000Z" }]);
    const [entry] = auditSince(since);
    expect(entry).toMatchObject({ actor: "admin@northbrook.example", action: "create", entity: "population", entityId: "2024", before: null });
    expect(JSON.parse(entry!.after!)).toEqual({ adults18To64: 198_400, adults65AndOver: 61_200, source: "ONS mid-year estimates 2024" });
  });

  it("replaces a year entered again, keeping what it was on the trail, and lists the latest year first", () => {
    savePopulation(database.db, admin, { ...ons2024, year: 2025, source: "ONS mid-year estimates 2025" });
    const since = lastAuditId();
    expect(savePopulation(database.db, admin, { ...ons2024, adults65AndOver: 61_950, source: "ONS mid-year estimates 2024, revised" })).toEqual({ ok: true, value: "updated" });
    expect(listPopulation(database.db).map((p) => [p.year, p.adults65AndOver, p.source])).toEqual([
      [2025, 61_200, "ONS mid-year estimates 2025"],
      [2024, 61_950, "ONS mid-year estimates 2024, revised"],
    ]);
    const [entry] = auditSince(since);
    expect(entry).toMatchObject({ action: "update", entityId: "2024" });
    expect(JSON.parse(entry!.before!)).toMatchObject({ adults65AndOver: 61_200, source: "ONS mid-year estimates 2024" });
    expect(JSON.parse(entry!.after!)).toMatchObject({ adults65AndOver: 61_950 });
  });

  it("stores nothing when the audit trail cannot take the change", () => {
    database.sqlite.exec("CREATE TEMP TRIGGER audit_unavailable BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;");
    try {
      expect(() => savePopulation(database.db, admin, { ...ons2024, year: 2026 })).toThrow(/audit unavailable/);
      expect(() => removePopulation(database.db, admin, 2025)).toThrow(/audit unavailable/);
    } finally {
      database.sqlite.exec("DROP TRIGGER temp.audit_unavailable");
    }
    expect(listPopulation(database.db).map((p) => p.year)).toEqual([2025, 2024]);
  });

  it("removes a year, and says so plainly when the year is not on the record", () => {
    const since = lastAuditId();
    expect(removePopulation(database.db, admin, 2025)).toEqual({ ok: true, value: 2025 });
    expect(listPopulation(database.db).map((p) => p.year)).toEqual([2024]);
    expect(auditSince(since)).toMatchObject([{ action: "remove", entity: "population", entityId: "2025" }]);
    expect(removePopulation(database.db, admin, 2025)).toEqual({ ok: false, errors: { form: expect.stringMatching(/^No population is recorded for 2025/) } });
  });
});

describe("the demo council's population", () => {
  let database: Awaited<ReturnType<typeof demoCouncilDatabase>>;
  const today = runToday();
  beforeAll(async () => {
    database = await demoCouncilDatabase(today);
  });
  afterAll(() => database.remove());

  it("covers every year its 36 months of data fall in, with its made-up source", () => {
    const years = listPopulation(database.db);
    const thisYear = Number(today.slice(0, 4));
    expect(years.map((p) => p.year)).toEqual(years.length === 3 ? [thisYear, thisYear - 1, thisYear - 2] : [thisYear, thisYear - 1, thisYear - 2, thisYear - 3]);
    expect(years.every((p) => p.source === DEMO_POPULATION_SOURCE && p.adults18To64 > p.adults65AndOver)).toBe(true);
  });

  it("replaces what an administrator recorded when the demo is loaded again", async () => {
    const adminId = database.db.select().from(users).where(eq(users.email, "admin@northbrook.example")).get()!.id;
    savePopulation(database.db, { kind: "user", userId: adminId, email: "admin@northbrook.example" }, { ...ons2024, year: 1999 });
    await loadDemoCouncil(database.db, 2026, today);
    expect(database.db.select().from(populationEstimates).where(eq(populationEstimates.year, 1999)).all()).toEqual([]);
    expect(listPopulation(database.db).every((p) => p.source === DEMO_POPULATION_SOURCE)).toBe(true);
  });
});
