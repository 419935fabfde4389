/*
 * Whether a database holds no service yet: the server asks at every start, so this lives apart from the demo's
 * loader, which brings the demo's generator (and faker) with it.
 */
import { count } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { teams } from "../../db/schema";

/** True before any team exists: a new database, where the demo council may be loaded. */
export function isServiceEmpty(db: Db): boolean {
  return (db.select({ n: count() }).from(teams).get()?.n ?? 0) === 0;
}
