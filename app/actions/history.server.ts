/* An action's history, read back from the audit trail in the words the pages use. */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { auditLog, objectives, primedMetrics, users, type ActionStatus } from "../../db/schema";
import { actorLabel } from "~/audit/audit.server";
import { formatDate, isIsoDate } from "~/dates";
import { reportSeriesOf } from "~/interpretation/report-series";
import { outcomeGroupMap } from "~/reference-data/outcomes.server";
import { actionStatusLabels } from "./action-rules";
import { fieldLabels, type ChangeableField } from "./change.server";

export interface HistoryEntry {
  at: string;
  who: string;
  what: string;
  changes: { field: string; before: string; after: string }[];
  comment: string | null;
}

const historyWords: Record<string, string> = {
  create: "Created the action",
  update: "Edited the action",
  progress: "Updated the action",
  escalate: "Escalated to the head of service",
  escalate_automatically: "Escalated automatically",
  follow_up: "Followed up in the team meeting",
};

/** The action's changes from the audit trail, newest first, in words. */
export function actionHistory(db: Db, id: number): HistoryEntry[] {
  const rows = db
    .select({ at: auditLog.at, actor: auditLog.actor, name: users.name, action: auditLog.action, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, "action"), eq(auditLog.entityId, String(id))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .all();
  const names = new Map<number, string>();
  const nameOf = (userId: unknown) => {
    if (typeof userId !== "number") return "";
    if (!names.has(userId)) names.set(userId, db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? `user ${userId}`);
    return names.get(userId)!;
  };
  const objectiveOf = (objectiveId: number) => db.select({ statement: objectives.statement }).from(objectives).where(eq(objectives.id, objectiveId)).get()?.statement;
  const metricOf = (metricId: number) => db.select({ name: primedMetrics.name }).from(primedMetrics).where(eq(primedMetrics.id, metricId)).get()?.name;
  const groups = [...new Set(Object.values(outcomeGroupMap(db)))];
  // In the words the pages use: names, dates as people write them, the measure's label.
  const shown = (field: string, value: unknown): string => {
    if (field === "escalatedAt") return value ? "yes" : "no";
    if (value === null || value === undefined || value === "") return "none";
    if (field === "status") return actionStatusLabels[value as ActionStatus] ?? String(value);
    if (field === "ownerUserId") return nameOf(value);
    if ((field === "deadline" || field === "completedOn") && typeof value === "string" && isIsoDate(value)) return formatDate(value);
    if (field === "objectiveId" && typeof value === "number") return objectiveOf(value) ?? `objective ${value}`;
    if (field === "primedMetricId" && typeof value === "number") return metricOf(value) ?? `Primed Metric ${value}`;
    if (field === "series" && typeof value === "string") return reportSeriesOf(value, groups)?.label ?? value;
    return String(value);
  };
  return rows.map((row) => {
    const before = (row.before ? JSON.parse(row.before) : {}) as Record<string, unknown>;
    const after = (row.after ? JSON.parse(row.after) : {}) as Record<string, unknown>;
    const { comment, ...changed } = after;
    const changes =
      row.action === "create"
        ? []
        : Object.keys(changed)
            // An escalation's own entry says so in its words, with its reason; any other change to it (its end) is shown as a change.
            .filter((field): field is ChangeableField => field in fieldLabels && !(field === "escalatedAt" && row.action.startsWith("escalate")))
            .map((field) => ({ field: fieldLabels[field], before: shown(field, before[field]), after: shown(field, changed[field]) }));
    return {
      at: row.at,
      who: actorLabel(row.name, row.actor),
      what: historyWords[row.action] ?? row.action,
      changes,
      comment: typeof comment === "string" && comment !== "" ? comment : null,
    };
  });
}
