import { asc } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { keptWhileUnchanged } from "../../db/kept-while-unchanged";
import { preparedOnce } from "../../db/prepared";
import { outcomes } from "../../db/schema";

/** Each outcome value's group, as the service has set it. Kept while the database is unchanged: read it, never change it. */
export function outcomeGroupMap(db: Db): Readonly<Record<string, string>> {
  return keptWhileUnchanged(db, "outcome-groups", () => {
    const rows = preparedOnce(db, "outcomes", () => db.select().from(outcomes).orderBy(asc(outcomes.sortOrder)).prepare()).all();
    return Object.fromEntries(rows.map((row) => [row.value, row.group]));
  });
}
