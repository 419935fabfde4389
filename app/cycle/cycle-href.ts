/** The address of a team's cycle page for a month, or one of its parts ("meeting", "pack"). */
export const cycleHref = (slug: string, month: string, part = "") => `/teams/${slug}/cycle/${month}${part ? `/${part}` : ""}`;
