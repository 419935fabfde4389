import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { workTypes, type TimescaleUnit } from "../../db/schema";
import { audit, type Actor } from "~/audit/audit.server";
import type { AdminResult } from "./users.server";

export function listWorkTypes(db: Db) {
  return db.select().from(workTypes).orderBy(asc(workTypes.id)).all();
}

/** A new timescale applies to due dates worked out from now on; stored items keep theirs. */
export function updateTimescale(db: Db, actor: Actor, input: { workTypeId: number; timescale: number; timescaleUnit: TimescaleUnit }): AdminResult {
  const before = db.select().from(workTypes).where(eq(workTypes.id, input.workTypeId)).get();
  if (!before) return { ok: false, errors: { workTypeId: "Choose a work type from the list" } };
  db.transaction((tx) => {
    tx.update(workTypes).set({ timescale: input.timescale, timescaleUnit: input.timescaleUnit }).where(eq(workTypes.id, input.workTypeId)).run();
    audit(tx as unknown as Db, actor, {
      action: "update",
      entity: "work_type",
      entityId: input.workTypeId,
      before: { timescale: before.timescale, timescaleUnit: before.timescaleUnit },
      after: { timescale: input.timescale, timescaleUnit: input.timescaleUnit },
    });
  });
  return { ok: true, value: input.workTypeId };
}
