/*
 * Which reminders each person receives, chosen on their account page: every
 * kind is on until they turn it off. A kind turned off is not queued at all.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { mailChoices, mailKinds, type MailKind, type UserRole } from "../../db/schema";
import { audit, actorOf } from "~/audit/audit.server";
import { kindsFor, mailKindWords } from "./mail-kinds";

export { kindsFor, mailKindWords };

/** Whether each kind is on for the person. */
export function mailChoicesOf(db: Db, userId: number): Record<MailKind, boolean> {
  const rows = db.select().from(mailChoices).where(eq(mailChoices.userId, userId)).all();
  return Object.fromEntries(mailKinds.map((kind) => [kind, rows.find((r) => r.kind === kind)?.enabled ?? true])) as Record<MailKind, boolean>;
}

/** The form: the ticked kinds, as repeated `kind` values (read with formObject(form, ["kind"])); none ticked is none. */
export const mailChoicesForm = z.object({ kind: z.array(z.enum(mailKinds, { message: "Choose reminders from the list" })) });

/** Saves the person's choices for the kinds their role receives, audited when any changes. */
export function saveMailChoices(db: Db, user: { id: number; email: string; role: UserRole }, on: readonly MailKind[], now = new Date()) {
  db.transaction(() => {
    const before = mailChoicesOf(db, user.id);
    const changed: Partial<Record<MailKind, boolean>> = {};
    for (const kind of kindsFor(user.role)) {
      const enabled = on.includes(kind);
      if (before[kind] === enabled) continue;
      changed[kind] = enabled;
      db.insert(mailChoices)
        .values({ userId: user.id, kind, enabled })
        .onConflictDoUpdate({ target: [mailChoices.userId, mailChoices.kind], set: { enabled } })
        .run();
    }
    if (Object.keys(changed).length > 0) audit(db, actorOf(user), { action: "update", entity: "mail_choices", entityId: user.id, after: changed }, now);
  });
}
