import { desc } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { importRuns } from "../../db/schema";

/** Every load of an extract, newest first. */
export function importHistory(db: Db, limit = 200) {
  return db.select().from(importRuns).orderBy(desc(importRuns.startedAt), desc(importRuns.id)).limit(limit).all();
}
