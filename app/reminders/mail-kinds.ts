/*
 * The kinds of reminder in people's words, and who can receive each: shared by
 * the account page, the admin's mail page and the server, so it holds no
 * server-only code (a page's module must load in the browser too).
 */
import { mailKinds, type MailKind, type UserRole } from "../../db/schema";

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
