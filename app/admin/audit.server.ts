import { and, asc, count, desc, eq, gte, isNull, lt, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { auditLog, users } from "../../db/schema";
import { auditChanges } from "~/audit/audit-records";
import { actorLabel } from "~/audit/audit.server";
import { addDays } from "~/dates";
import type { Principal } from "~/people/permissions";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  actor?: "system" | number;
  entity?: string;
  from?: string;
  to?: string;
  page: number;
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/**
 * The audit trail, newest first, filtered by who, what kind of record, and
 * dates (inclusive), as `reader` may see it: each entry's changes field by
 * field, without the words of records the reader may not open elsewhere.
 * Entries' raw before and after never leave here.
 */
export function readAuditTrail(db: Db, query: AuditQuery, reader: Principal) {
  const conditions: (SQL | undefined)[] = [
    // "system" is Primed itself: not an integration token, which has no user either.
    query.actor === "system" ? and(isNull(auditLog.actorUserId), eq(auditLog.actor, "system")) : query.actor === undefined ? undefined : eq(auditLog.actorUserId, query.actor),
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.from ? gte(auditLog.at, query.from) : undefined,
    // "to" is a whole day: everything before the next day's start.
    query.to ? lt(auditLog.at, addDays(query.to, 1)) : undefined,
  ];
  const where = and(...conditions);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()!.n;
  const entries = db
    .select({ entry: auditLog, name: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((query.page - 1) * AUDIT_PAGE_SIZE)
    .all()
    .map(({ entry, name }) => ({
      id: entry.id,
      at: entry.at,
      actorUserId: entry.actorUserId,
      who: actorLabel(name, entry.actor),
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      changes: auditChanges(entry.entity, parseJson(entry.before), parseJson(entry.after), reader),
    }));
  return { total, entries, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export function auditFilterChoices(db: Db) {
  return {
    people: db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name)).all(),
    entities: db
      .selectDistinct({ entity: auditLog.entity })
      .from(auditLog)
      .orderBy(asc(auditLog.entity))
      .all()
      .map((r) => r.entity),
  };
}
