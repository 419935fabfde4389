import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { services } from "../../db/schema";
import type { Env } from "~/platform/env.server";

/** Demo mode: the demo is switched on and the service in the database is the generated demo council. */
export function isDemoMode(db: Db, env: Env): boolean {
  return env.PRIMED_DEMO === "on" && db.select({ id: services.id }).from(services).where(eq(services.demo, true)).get() !== undefined;
}
