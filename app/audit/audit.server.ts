import type { Db } from "../../db/connection";
import { auditLog } from "../../db/schema";
import type { AuditRecord } from "./audit-records";

/** Who made a change: a signed-in user, or the system (the command line, start-up). */
export type Actor = { kind: "user"; userId: number; email: string } | { kind: "system" };

export const SYSTEM: Actor = { kind: "system" };

/** The one way to name a signed-in person as the actor of an audited change (any SignedInUser will do). */
export const actorOf = (person: { id: number; email: string }): Actor => ({ kind: "user", userId: person.id, email: person.email });

/**
 * Who made an audited change, as every page names a person: by their name
 * now (`name`, from users), else the label stored with the entry; Primed
 * itself for the command line, start-up and automatic steps.
 */
export function actorLabel(name: string | null, actor: string): string {
  return name ?? (actor === "system" ? "Primed" : actor);
}

export interface AuditEntry {
  action: string;
  /** The kind of record: each is listed in `auditRecords`, which says whose words its entries hold. */
  entity: AuditRecord;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends to the audit trail. Call it inside the transaction that makes the
 * change, so the change and its record stand or fall together. The entry is
 * kept whole; what each reader sees of its words is decided where it is read
 * (`auditChanges` in app/audit/audit-records.ts).
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
