import { asc } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { preparedOnce } from "../../db/prepared";
import { outcomes } from "../../db/schema";

/** Each outcome value's group, as the service has set it. */
export function outcomeGroupMap(db: Db): Record<string, string> {
  const rows = preparedOnce(db, "outcomes", () => db.select().from(outcomes).orderBy(asc(outcomes.sortOrder)).prepare()).all();
  return Object.fromEntries(rows.map((row) => [row.value, row.group]));
}
