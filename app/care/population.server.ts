import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { populationEstimates } from "../../db/schema";
import { audit, type Actor } from "~/audit/audit.server";
import type { AdminResult } from "~/admin/users.server";
import type { PopulationInput, PopulationYear } from "./population";

/** What the audit trail keeps of a year: its figures and source. */
const recorded = (p: PopulationInput) => ({ adults18To64: p.adults18To64, adults65AndOver: p.adults65AndOver, source: p.source });

/** Every year recorded, the latest first. */
export function listPopulation(db: Db): PopulationYear[] {
  return db.select().from(populationEstimates).orderBy(desc(populationEstimates.year)).all();
}

/** Records a year's population, or replaces the one recorded; the change and its audit entry stand or fall together. */
export function savePopulation(db: Db, actor: Actor, input: PopulationInput, now = new Date()): AdminResult<"created" | "updated"> {
  return db.transaction((tx) => {
    const before = tx.select().from(populationEstimates).where(eq(populationEstimates.year, input.year)).get();
    const row = { ...input, updatedAt: now.toISOString() };
    if (before) tx.update(populationEstimates).set(row).where(eq(populationEstimates.year, input.year)).run();
    else tx.insert(populationEstimates).values(row).run();
    audit(
      tx as unknown as Db,
      actor,
      { action: before ? "update" : "create", entity: "population", entityId: input.year, before: before && recorded(before), after: recorded(input) },
      now,
    );
    return { ok: true as const, value: before ? ("updated" as const) : ("created" as const) };
  });
}

/** Takes a year's population off the record (entered for the wrong year, say). */
export function removePopulation(db: Db, actor: Actor, year: number): AdminResult<number> {
  return db.transaction((tx) => {
    const before = tx.select().from(populationEstimates).where(eq(populationEstimates.year, year)).get();
    if (!before) return { ok: false as const, errors: { form: `No population is recorded for ${year}: the page may be out of date. Reload it and try again.` } };
    tx.delete(populationEstimates).where(eq(populationEstimates.year, year)).run();
    audit(tx as unknown as Db, actor, { action: "remove", entity: "population", entityId: year, before: recorded(before) });
    return { ok: true as const, value: year };
  });
}
