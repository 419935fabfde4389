import { can } from "~/people/permissions";
import type { ActionRow } from "./queries.server";
import type { SignedInUser } from "~/people/users.server";

/** Whether the user may edit the action (a manager of its team, or a head of service) or only move it on (its owner). */
export function actionRights(user: SignedInUser, action: Pick<ActionRow, "teamId" | "ownerUserId">) {
  const manage = can(user, "manage", "actions", { teamId: action.teamId });
  return {
    edit: manage,
    escalate: manage,
    progress: manage || can(user, "manage", "action-progress", { teamId: action.teamId, ownerUserId: action.ownerUserId }),
  };
}
