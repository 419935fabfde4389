/*
 * Automatic escalation: an open action overdue by more than the days set
 * (a setting a head of service changes) is escalated by the system.
 */
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { actions, appSettings } from "../../db/schema";
import { audit, SYSTEM } from "~/audit/audit.server";
import { addDays, formatDate, type IsoDate } from "~/dates";
import { DEFAULT_ESCALATION_DAYS, needsAutomaticEscalation } from "./action-rules";
import { changeAction } from "./change.server";
import { actorOf } from "~/audit/audit.server";
import type { SignedInUser } from "~/people/users.server";
import { openStatus } from "./queries.server";

const ESCALATION_DAYS_KEY = "action_escalation_days";

/** How many days an action may be overdue before it is escalated automatically. */
export function escalationDays(db: Db): number {
  const row = db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, ESCALATION_DAYS_KEY)).get();
  return row ? Number(row.value) : DEFAULT_ESCALATION_DAYS;
}

/** Sets the days, audited, and escalates at once what is now past them. */
export function setEscalationDays(db: Db, author: SignedInUser, days: number, today: IsoDate, now = new Date()): number {
  return db.transaction((tx) => {
    const before = escalationDays(tx as unknown as Db);
    // Saving the same number again changes nothing, so the trail records nothing.
    if (before !== days) {
      tx.insert(appSettings)
        .values({ key: ESCALATION_DAYS_KEY, value: String(days) })
        .onConflictDoUpdate({ target: appSettings.key, set: { value: String(days) } })
        .run();
      audit(tx as unknown as Db, actorOf(author), { action: "update", entity: "setting", entityId: ESCALATION_DAYS_KEY, before, after: days }, now);
    }
    return escalateOverdueActions(tx as unknown as Db, today, now);
  });
}

/**
 * Escalates every open action overdue by more than the allowed days that is
 * not escalated yet, each with its audit entry by the system. Safe to run at
 * any time: an escalated action is not escalated twice. Returns how many.
 */
export function escalateOverdueActions(db: Db, today: IsoDate, now = new Date()): number {
  const days = escalationDays(db);
  // Overdue by more than `days`: the deadline is before today minus days.
  const candidates = db
    .select({ id: actions.id, status: actions.status, deadline: actions.deadline, escalatedAt: actions.escalatedAt })
    .from(actions)
    .where(and(openStatus, isNull(actions.escalatedAt), lt(actions.deadline, addDays(today, -days))))
    .all()
    .filter((a) => needsAutomaticEscalation(a, today, days));
  if (candidates.length === 0) return 0;
  db.transaction((tx) => {
    for (const action of candidates) {
      const reason = `Overdue by more than ${days} days (deadline ${formatDate(action.deadline)})`;
      changeAction(
        tx as unknown as Db,
        SYSTEM,
        action.id,
        { escalatedAt: now.toISOString(), escalatedByUserId: null, escalationReason: reason },
        "",
        "escalate_automatically",
        now,
      );
    }
  });
  return candidates.length;
}
