/*
 * Who may do what, in one place. A permission is "action:entity:scope":
 * own (the user's own work, or their own team's figures), team (the teams
 * they manage) or any. Loaders and actions ask `can`; pages never decide.
 */
import type { UserRole } from "../../db/schema";

export type Action = "view" | "manage";
export type Entity =
  | "team-figures"
  | "worker-figures"
  | "work-items"
  | "my-work"
  | "service"
  | "users"
  | "teams"
  | "work-types"
  /** The council's adult population by age group and year, for the per-100,000 figures. */
  | "population"
  | "audit"
  | "imports"
  /** The keys a care system's scheduled job loads extracts with (app/extract-feed/). */
  | "integration-tokens"
  /** The reminders by email Primed has sent and failed to send (app/reminders/). */
  | "mail"
  | "worker-load"
  /** Targets, improvement directions and recalculations of a team's series. */
  | "interpretation"
  | "prompt-sheets"
  | "prompt-templates"
  | "primed-metrics"
  /** Objectives: the service's (no team), a team's, or a worker's. */
  | "objectives"
  /** A team's monthly cycle: ground rules, purpose confirmed, the meeting, the pack. */
  | "cycles"
  /** A team's action log: viewing it (own = own team), and editing, escalating or following up its actions. */
  | "actions"
  /** Moving on an action one owns: its status, detail and comments (own = the owner). */
  | "action-progress"
  | "meeting-templates";
export type Scope = "own" | "team" | "any";
export type Permission = `${Action}:${Entity}:${Scope}`;

export const rolePermissions: Record<UserRole, readonly Permission[]> = {
  practitioner: [
    "view:team-figures:own",
    "view:worker-figures:own",
    "view:work-items:own",
    "view:my-work:own",
    "view:prompt-sheets:own",
    "view:primed-metrics:any",
    "view:objectives:own",
    "view:cycles:own",
    "view:actions:own",
    "manage:action-progress:own",
  ],
  team_manager: [
    "view:team-figures:team",
    "view:worker-figures:team",
    "view:work-items:team",
    "view:my-work:own",
    "view:worker-load:team",
    "manage:worker-load:team",
    "manage:interpretation:team",
    "view:prompt-sheets:team",
    "manage:prompt-sheets:team",
    "view:primed-metrics:any",
    "view:objectives:own",
    "view:objectives:team",
    "manage:objectives:team",
    "view:cycles:team",
    "manage:cycles:team",
    "view:actions:team",
    "manage:actions:team",
    "manage:action-progress:own",
  ],
  head_of_service: [
    "view:team-figures:any",
    "view:worker-figures:any",
    "view:work-items:any",
    "view:service:any",
    // Only the actions they own: a head of service has no casework.
    "view:my-work:own",
    "view:worker-load:any",
    "manage:worker-load:any",
    "manage:interpretation:any",
    "view:prompt-sheets:any",
    "manage:prompt-sheets:any",
    "view:primed-metrics:any",
    "manage:primed-metrics:any",
    "view:objectives:any",
    "manage:objectives:any",
    "view:cycles:any",
    "manage:cycles:any",
    "view:actions:any",
    "manage:actions:any",
    "manage:action-progress:own",
  ],
  admin: [
    "view:team-figures:any",
    "manage:users:any",
    "manage:teams:any",
    "manage:work-types:any",
    "manage:population:any",
    "view:audit:any",
    "manage:imports:any",
    "manage:integration-tokens:any",
    "manage:mail:any",
    "manage:prompt-templates:any",
    "view:primed-metrics:any",
    "manage:primed-metrics:any",
    "manage:meeting-templates:any",
  ],
};

export const roleLabels: Record<UserRole, string> = {
  practitioner: "Practitioner",
  team_manager: "Team manager",
  head_of_service: "Head of service",
  admin: "Administrator",
};

/** What the permission checks need to know about the signed-in user. */
export interface Principal {
  /** The user's id: needed only for what a user owns (actions). */
  id?: number;
  role: UserRole;
  workerId: number | null;
  /** The team of the user's own worker record. */
  ownTeamId: number | null;
  /** The teams a team manager manages. */
  managedTeamIds: readonly number[];
}

/** What is being looked at: a team, and within it perhaps one worker's work. */
export interface Target {
  teamId?: number;
  workerId?: number;
  /** The user who owns the thing (an action). */
  ownerUserId?: number;
}

function inScope(user: Principal, scope: Scope, entity: Entity, target: Target): boolean {
  switch (scope) {
    case "any":
      return true;
    case "team":
      return target.teamId !== undefined && user.managedTeamIds.includes(target.teamId);
    case "own":
      // One's own: whatever there is of it (casework needs a worker in a team; actions only a sign-in).
      if (entity === "my-work") return true;
      if (entity === "team-figures" || entity === "prompt-sheets" || entity === "cycles" || entity === "actions") {
        return target.teamId !== undefined && target.teamId === user.ownTeamId;
      }
      if (entity === "action-progress") return user.id !== undefined && target.ownerUserId === user.id;
      // One's own team's objectives, and one's own.
      if (entity === "objectives") {
        return target.teamId !== undefined && target.teamId === user.ownTeamId && (target.workerId === undefined || target.workerId === user.workerId);
      }
      return user.workerId !== null && target.workerId === user.workerId && (target.teamId === undefined || target.teamId === user.ownTeamId);
  }
}

export function can(user: Principal, action: Action, entity: Entity, target: Target = {}): boolean {
  return rolePermissions[user.role].some((permission) => {
    const [a, e, scope] = permission.split(":") as [Action, Entity, Scope];
    return a === action && e === entity && inScope(user, scope, entity, target);
  });
}

/** Whether the user has the permission in any scope at all (for showing a menu item). */
export function hasAny(user: Pick<Principal, "role">, action: Action, entity: Entity): boolean {
  return rolePermissions[user.role].some((p) => p.startsWith(`${action}:${entity}:`));
}
