import type { Db } from "../../db/connection";
import { formatDate, formatMoment, formatMonthLong, type IsoDate } from "../dates";
import { reportSeriesOf } from "../interpretation/report-series";
import { signalsHref } from "../interpretation/signals-href";
import { outcomeGroupMap } from "../reference-data/outcomes.server";
import { actionListItem } from "./action-view";
import type { ActionRow } from "./queries.server";

/** One action as its page shows it: the list's view plus its detail, where it came from, the measure it serves and its escalation. */
export function actionDetail(db: Db, actionRow: ActionRow, today: IsoDate) {
  const groups = [...new Set(Object.values(outcomeGroupMap(db)))];
  const series = actionRow.series ? reportSeriesOf(actionRow.series, groups) : undefined;
  return {
    ...actionListItem(actionRow, today),
    detail: actionRow.detail,
    status: actionRow.status,
    teamSlug: actionRow.teamSlug,
    monthLabel: formatMonthLong(actionRow.month),
    meetingMonth: actionRow.meetingId === null ? null : actionRow.month,
    objective: actionRow.objectiveStatement,
    measure: series
      ? { label: series.label, href: signalsHref(actionRow.teamSlug, series.key, null, today) }
      : actionRow.primedMetricId !== null
        ? { label: `${actionRow.metricName} (Primed Metric)`, href: `/metrics/${actionRow.primedMetricId}` }
        : null,
    completedOn: actionRow.completedOn && formatDate(actionRow.completedOn),
    escalation: actionRow.escalatedAt && { by: actionRow.escalatedBy ?? "Primed, automatically", when: formatMoment(actionRow.escalatedAt), reason: actionRow.escalationReason },
  };
}

export type ActionDetail = ReturnType<typeof actionDetail>;
