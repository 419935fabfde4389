import { data } from "@remix-run/node";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { getMetric } from "./metrics.server";
import { actorOf } from "~/audit/audit.server";

/** The signed-in user, allowed to look at (or to manage) Primed Metrics; or a 403. */
export async function requireMetricsUser(request: Request, action: "view" | "manage" = "view") {
  const user = await requireUser(request);
  requireAllowed(user, action, "primed-metrics");
  return { user, actor: actorOf(user) };
}

export const NO_SUCH_METRIC = "There is no Primed Metric at this address. Check the address, or choose the metric from the list of Primed Metrics.";

/** The metric the address names, or a 404 page that says so. */
export function requireMetric(db: Db, param: string | undefined) {
  const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(param);
  const metric = id.success && /^\d+$/.test(param ?? "") ? getMetric(db, id.data) : undefined;
  if (!metric) throw data(NO_SUCH_METRIC, { status: 404 });
  return metric;
}
