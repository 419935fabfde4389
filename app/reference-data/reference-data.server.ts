import type { Db } from "../../db/connection";
import { outcomes, workTypes } from "../../db/schema";
import { cldOutcomes, defaultWorkTypes, outcomeGroupOf } from "./reference-data";

/** Adds the default work types and CLD outcomes that are missing; leaves edited ones alone. */
export function ensureReferenceData(db: Db) {
  db.insert(workTypes).values(defaultWorkTypes).onConflictDoNothing().run();
  db.insert(outcomes)
    .values(cldOutcomes.map((value, index) => ({ value, group: outcomeGroupOf(value), sortOrder: index + 1 })))
    .onConflictDoNothing()
    .run();
}
