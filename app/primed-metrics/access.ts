/*
 * Who may change a Primed Metric's figures: its owner enters its values; a
 * head of service or administrator (manage:primed-metrics) does everything.
 */
import { can, type Principal } from "~/people/permissions";

export interface MetricOwner {
  ownerUserId: number;
}

export function mayManageMetrics(user: Principal): boolean {
  return can(user, "manage", "primed-metrics");
}

export function mayEnterValues(user: Principal & { id: number }, metric: MetricOwner): boolean {
  return metric.ownerUserId === user.id || mayManageMetrics(user);
}

export const NOT_OWNER = "Only the metric's owner, a head of service or an administrator may enter its values. If you need to, ask a head of service to make you its owner.";
