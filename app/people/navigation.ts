import { hasAny } from "./permissions";
import type { UserRole } from "../../db/schema";

export interface NavItem {
  label: string;
  to: string;
}

/** The menu a role sees. Hiding a link is a courtesy: every page checks permission itself. */
export function navigationFor(user: { role: UserRole; workerId: number | null }): NavItem[] {
  const items: NavItem[] = [];
  if (hasAny(user, "view", "my-work")) items.push({ label: "My work", to: "/my-work" });
  if (hasAny(user, "view", "team-figures")) items.push({ label: "Teams", to: "/teams" });
  if (hasAny(user, "view", "objectives")) items.push({ label: "Purpose", to: "/purpose" });
  if (hasAny(user, "view", "cycles")) items.push({ label: "Cycles", to: "/cycles" });
  if (hasAny(user, "view", "service")) items.push({ label: "Action tracker", to: "/actions" });
  if (hasAny(user, "view", "primed-metrics")) items.push({ label: "Primed Metrics", to: "/metrics" });
  if (hasAny(user, "manage", "users")) items.push({ label: "Admin", to: "/admin" });
  items.push({ label: "Definitions", to: "/definitions" });
  return items;
}
