import { and, asc, count, desc, eq, gte, isNull, lt, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { auditLog, users } from "../../db/schema";
import { addDays } from "~/dates";

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

/** The audit trail, newest first, filtered by who, what kind of record, and dates (inclusive). */
export function readAuditTrail(db: Db, query: AuditQuery) {
  const conditions: (SQL | undefined)[] = [
    query.actor === "system" ? isNull(auditLog.actorUserId) : query.actor === undefined ? undefined : eq(auditLog.actorUserId, query.actor),
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.from ? gte(auditLog.at, query.from) : undefined,
    // "to" is a whole day: everything before the next day's start.
    query.to ? lt(auditLog.at, addDays(query.to, 1)) : undefined,
  ];
  const where = and(...conditions);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()!.n;
  const entries = db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((query.page - 1) * AUDIT_PAGE_SIZE)
    .all()
    .map((entry) => ({ ...entry, before: parseJson(entry.before), after: parseJson(entry.after) }));
  return { total, entries, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export function auditFilterChoices(db: Db) {
  return {
    people: db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name)).all(),
    entities: db.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(asc(auditLog.entity)).all().map((r) => r.entity),
  };
}

/** What changed between two snapshots: one line per field whose value differs. */
export function changedFields(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((field) => JSON.stringify(b[field]) !== JSON.stringify(a[field]))
    .map((field) => ({ field, from: b[field] === undefined ? "–" : JSON.stringify(b[field]), to: a[field] === undefined ? "–" : JSON.stringify(a[field]) }));
}
