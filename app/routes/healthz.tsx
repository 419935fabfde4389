import { getDb } from "~/db.server";
import { checkHealth } from "~/platform/health.server";

/**
 * The health check for a load balancer, a monitor or systemd: 200 when the
 * database answers and is at this version's schema, 503 with the reason when
 * not. No session, and nothing about the service's people or work.
 */
export function loader() {
  const health = checkHealth(() => getDb().$client);
  return new Response(JSON.stringify(health), {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
