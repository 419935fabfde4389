import type { Db } from "../../db/connection";
import { auditLog } from "../../db/schema";
import type { AuditRecord } from "./audit-records";

/**
 * Who made a change: a signed-in user, the system (the command line, start-up),
 * or an integration token (a care system's scheduled load, app/extract-feed/).
 */
export type Actor = { kind: "user"; userId: number; email: string } | { kind: "system" } | { kind: "token"; tokenId: number; name: string };

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

/** How an actor is stored with an entry (and a load in the import history): a user by id and email, else a label. */
export function storedActor(actor: Actor): { actor: string; actorUserId: number | null } {
  if (actor.kind === "user") return { actor: actor.email, actorUserId: actor.userId };
  if (actor.kind === "token") return { actor: `Integration token “${actor.name}”`, actorUserId: null };
  return { actor: "system", actorUserId: null };
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
      ...storedActor(actor),
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run();
}
