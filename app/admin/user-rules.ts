/*
 * The rules a person's role, worker record and teams must meet, beyond the
 * form's own checks: one pure function, so the user forms
 * (app/admin/users.server.ts) and a CSV of users (app/admin/bulk-users.ts)
 * check a person the same way.
 */
import type { UserRole } from "../../db/schema";
import type { FieldErrors } from "~/forms/form-kit";

export interface UserFields {
  name: string;
  role: UserRole;
  workerId?: number;
  teamIds: number[];
}

/** What is stored that the fields may name. */
export interface KnownRecords {
  hasWorker: (workerId: number) => boolean;
  hasTeam: (teamId: number) => boolean;
}

export function userFieldProblems(fields: UserFields, known: KnownRecords): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.workerId !== undefined && !known.hasWorker(fields.workerId)) errors.workerId = "Choose a worker from the list";
  if (fields.role === "practitioner" && fields.workerId === undefined) {
    errors.workerId = "A practitioner must be linked to their worker record, so Primed can show them their own work";
  }
  if (fields.teamIds.some((teamId) => !known.hasTeam(teamId))) errors.teamIds = "Choose teams from the list";
  else if (fields.role === "team_manager" && fields.teamIds.length === 0) errors.teamIds = "Choose the team or teams this manager manages";
  return errors;
}

/** An administrator may not take away their own administrator role (another must). */
export const OWN_ADMIN_ROLE = "You cannot remove your own administrator role: ask another administrator";
