/*
 * Every change to an action goes through `changeAction`, in the transaction
 * that makes it, so the audit trail holds its whole history: who, when, what
 * changed (before and after) and their comment.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { actions } from "../../db/schema";
import { audit, type Actor } from "~/audit/audit.server";
import { mailActionGiven, mailEscalated } from "~/reminders/events.server";

/** The columns a person can change, as the history names them. */
export const fieldLabels = {
  title: "Title",
  detail: "Detail",
  ownerUserId: "Owner",
  deadline: "Deadline",
  status: "Status",
  objectiveId: "Objective",
  series: "Measure",
  primedMetricId: "Measure",
  completedOn: "Done on",
  escalatedAt: "Escalated",
  escalationReason: "Reason for escalating",
} as const;
export type ChangeableField = keyof typeof fieldLabels;
export type Changes = Partial<Pick<typeof actions.$inferInsert, ChangeableField | "escalatedByUserId">>;

/**
 * Applies changes to one action with its audit entry: only the fields that
 * really change are written and recorded; a comment alone is recorded too.
 * Call it inside a transaction.
 */
export function changeAction(db: Db, actor: Actor, id: number, changes: Changes, comment: string, auditAction: string, now: Date) {
  const current = db.select().from(actions).where(eq(actions.id, id)).get();
  if (!current) throw new Error(`No action ${id}`);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes) as [keyof Changes, unknown][]) {
    if (value === undefined || current[field] === value) continue;
    before[field] = current[field];
    after[field] = value;
  }
  if (Object.keys(after).length === 0 && comment === "") return false;
  if (Object.keys(after).length > 0) {
    db.update(actions)
      .set({ ...(after as Changes), updatedAt: now.toISOString() })
      .where(eq(actions.id, id))
      .run();
  }
  audit(db, actor, { action: auditAction, entity: "action", entityId: id, before, after: comment === "" ? after : { ...after, comment } }, now);
  // Reminders by email, queued in this transaction (nothing while mail is off).
  if (after.ownerUserId !== undefined) mailActionGiven(db, id, actor.kind === "user" ? actor.userId : null, now);
  if (typeof after.escalatedAt === "string") mailEscalated(db, id, after.escalatedAt, actor.kind !== "user", now);
  return true;
}
