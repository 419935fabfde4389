/*
 * What each Primed Metrics page needs, read from the database and worked out
 * by the pure modules, ready to send to the browser.
 */
import type { Db } from "../../db/connection";
import { addMonths, monthOf, type IsoDate, type IsoMonth } from "~/dates";
import { mayEnterValues, mayManageMetrics } from "./access";
import { directionLabels, measureLabels } from "./forms";
import { listMetrics, metricTrajectory, metricValues, type Metric } from "./metrics.server";
import type { SignedInUser } from "~/people/users.server";
import { metricListEntry, metricView } from "./view";
import { actionListItem } from "~/actions/action-view";
import { listActions } from "~/actions/queries.server";
import { can } from "~/people/permissions";

export function metricsListPage(db: Db, user: SignedInUser) {
  const metrics = listMetrics(db);
  return {
    metrics: metrics.map((metric) => ({
      id: metric.id,
      name: metric.name,
      owner: metric.ownerName,
      yours: metric.ownerUserId === user.id,
      ...metricListEntry(metric, metricValues(db, metric.id), metricTrajectory(db, metric.id)),
    })),
    canManage: mayManageMetrics(user),
    canUpload: mayManageMetrics(user) || metrics.some((m) => m.ownerUserId === user.id),
  };
}

/** The month the value form offers first: the one after the latest value, unless that is still to come. */
function nextMonthToEnter(latest: IsoMonth | null, currentMonth: IsoMonth): IsoMonth {
  if (!latest) return addMonths(currentMonth, -1);
  const next = addMonths(latest, 1);
  return next > currentMonth ? latest : next;
}

export function metricPage(db: Db, metric: Metric, user: SignedInUser, today: IsoDate) {
  const currentMonth = monthOf(today);
  const values = metricValues(db, metric.id);
  const trajectory = metricTrajectory(db, metric.id);
  // Only the actions of teams whose log the user may see: their titles are on the chart too.
  const linked = listActions(db, { primedMetricId: metric.id }, today).filter((a) => can(user, "view", "actions", { teamId: a.teamId }));
  const view = metricView(metric, values, trajectory, linked);
  return {
    metric: {
      id: metric.id,
      name: metric.name,
      description: metric.description,
      unit: metric.unit,
      measure: measureLabels[metric.measure],
      direction: directionLabels[metric.direction],
      owner: metric.ownerName,
      baselineFrom: metric.baselineFrom,
      baselineTo: metric.baselineTo,
    },
    view,
    trajectoryText: trajectory.map((t) => `${t.month} ${t.value}`).join("\n"),
    valueMonth: nextMonthToEnter(view.latest?.month ?? null, currentMonth),
    currentMonth,
    canEnterValues: mayEnterValues(user, metric),
    canManage: mayManageMetrics(user),
    linkedActions: linked.map((a) => actionListItem(a, today)),
  };
}

const savedMessages: Record<string, string> = {
  created: "Saved: the new metric is in place. Enter its values and trajectory below.",
  updated: "Saved: your changes to the metric are in place.",
  added: "Saved: the value is added.",
  changed: "Saved: the value is changed. The audit trail keeps the old one.",
  unchanged: "Nothing to change: that month already had this value.",
  trajectory: "Saved: the trajectory is replaced.",
};

/** The success banner named in the address; unknown names show nothing. */
export function savedMessage(url: URL): string | null {
  return savedMessages[url.searchParams.get("saved") ?? ""] ?? null;
}
