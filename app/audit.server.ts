import type { Db } from "../db/connection";
import { auditLog } from "../db/schema";

/** Who made a change: a signed-in user, or the system (the command line, start-up). */
export type Actor = { kind: "user"; userId: number; email: string } | { kind: "system" };

export const SYSTEM: Actor = { kind: "system" };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends to the audit trail. Call it inside the transaction that makes the
 * change, so the change and its record stand or fall together.
 */
export function audit(db: Db, actor: Actor, entry: AuditEntry, now = new Date()) {
  db.insert(auditLog)
    .values({
      at: now.toISOString(),
      actorUserId: actor.kind === "user" ? actor.userId : null,
      actor: actor.kind === "user" ? actor.email : "system",
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run();
}
