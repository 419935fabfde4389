import type { Actor } from "~/audit/audit.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import type { Action, Entity } from "~/people/permissions";

/** The signed-in administrator, as the actor their changes are audited under; or a 403. */
export async function requireAdmin(request: Request, action: Action, entity: Entity) {
  const user = await requireUser(request);
  requireAllowed(user, action, entity);
  const actor: Actor = { kind: "user", userId: user.id, email: user.email };
  return { user, actor };
}
