/*
 * Who an action is given to. Anyone in the team may own one, as the meeting's
 * attendance list shows them; someone with no Primed account yet gets one when
 * they are given their first action, made from their worker record and the
 * council email their manager gives, so they can sign in with the council's
 * account and see and update it (docs/decisions/2026-12-04-every-worker-an-owner.md).
 */
import type { Db } from "../../db/connection";
import { createWorkerAccount, emailInUse } from "~/admin/users.server";
import type { Actor } from "~/audit/audit.server";
import type { FieldErrors } from "~/forms/form-kit";
import type { ActionFields } from "./action-forms";
import { ownerChoices } from "./choices.server";

export type CheckedOwner = { userId: number } | { newAccount: { workerId: number; name: string; email: string } };

export const NOT_AN_OWNER = "Choose an owner from the list: someone in the team, its manager or a head of service";

/** The owner checked against the team's list; for someone without an account, their email is needed and must be free. */
export function checkOwner(db: Db, teamId: number, fields: Pick<ActionFields, "owner" | "ownerEmail">): { ok: true; owner: CheckedOwner } | { ok: false; errors: FieldErrors } {
  const choices = ownerChoices(db, teamId);
  const wanted = fields.owner;
  const choice =
    typeof wanted === "number"
      ? choices.find((c) => c.userId === wanted)
      : // Someone may have made their account since the form was drawn: the account is used.
        choices.find((c) => c.workerId === wanted.workerId);
  if (!choice) return { ok: false, errors: { owner: NOT_AN_OWNER } };
  if (choice.userId !== null) return { ok: true, owner: { userId: choice.userId } };
  if (!fields.ownerEmail) {
    return { ok: false, errors: { ownerEmail: `Enter ${choice.name}'s council email address: they have no Primed account yet, and will sign in with it` } };
  }
  if (emailInUse(db, fields.ownerEmail)) {
    return { ok: false, errors: { ownerEmail: "Someone else already signs in to Primed with this email address: check it, or choose that person" } };
  }
  return { ok: true, owner: { newAccount: { workerId: choice.workerId!, name: choice.name, email: fields.ownerEmail } } };
}

/** The owner's account id, making the account first if they had none. Call it inside the action's transaction. */
export function ownerAccount(db: Db, actor: Actor, owner: CheckedOwner, now: Date): number {
  return "userId" in owner ? owner.userId : createWorkerAccount(db, actor, owner.newAccount, now);
}
