/*
 * Which reminders each person receives, chosen on their account page: every
 * kind is on until they turn it off. A kind turned off is not queued at all.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { mailChoices, mailKinds, type MailKind } from "../../db/schema";
import { audit, actorOf } from "~/audit/audit.server";
import type { UserRole } from "../../db/schema";

/** Each kind in the person's words, and who can receive it. */
export const mailKindWords: Record<MailKind, { label: string; hint: string; roles: readonly UserRole[] }> = {
  action_given: { label: "An action is given to me", hint: "When someone else makes you an action's owner.", roles: ["practitioner", "team_manager", "head_of_service"] },
  due_soon: { label: "My action is due soon", hint: "A few days before an action you own is due.", roles: ["practitioner", "team_manager", "head_of_service"] },
  overdue: { label: "My action is overdue", hint: "The day after an action you own passes its deadline.", roles: ["practitioner", "team_manager", "head_of_service"] },
  escalated: { label: "An action is escalated", hint: "When a manager, or Primed itself, escalates an action to the head of service.", roles: ["head_of_service"] },
  pack_issued: { label: "A meeting pack is issued", hint: "When your team's meeting pack is issued, with its PDF.", roles: ["practitioner", "team_manager", "head_of_service"] },
  weekly_digest: {
    label: "The weekly digest",
    hint: "On Monday mornings: each of your teams' exceptions, actions overdue and escalated, and reviews overdue.",
    roles: ["team_manager", "head_of_service"],
  },
};

/** The kinds a person with this role can receive, in the page's order. */
export const kindsFor = (role: UserRole): MailKind[] => mailKinds.filter((kind) => mailKindWords[kind].roles.includes(role));

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
