import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { users } from "../../db/schema";
import { audit } from "~/audit/audit.server";
import { findUserByEmail, normaliseEmail } from "./users.server";

/** What the provider's checked ID token says about the person. */
export interface CouncilClaims {
  sub: string;
  email?: unknown;
  preferred_username?: unknown;
}

export type CouncilPersonMatch =
  | { ok: true; userId: number; email: string; linkedNow: boolean }
  | { ok: false; kind: "unknown"; email: string | null }
  | { ok: false; kind: "deactivated"; email: string }
  | { ok: false; kind: "linked_to_another_account"; email: string };

/**
 * The email address the provider gives: `email`, else Entra ID's
 * `preferred_username` (its sign-in name, usually the work address) when it
 * looks like one.
 */
export function emailFromClaims(claims: CouncilClaims): string | null {
  for (const value of [claims.email, claims.preferred_username]) {
    if (typeof value === "string" && /^[^@\s]+@[^@\s]+$/.test(value.trim())) return normaliseEmail(value);
  }
  return null;
}

/**
 * Finds the Primed user behind a council account: by the subject stored at
 * an earlier sign-in, else (the first time) by email address, storing the
 * subject so a later change of address still finds them. A user already
 * linked to another subject is never taken over by someone with the same
 * address: an administrator must unlink them first.
 */
export function matchCouncilPerson(db: Db, claims: CouncilClaims, now = new Date()): CouncilPersonMatch {
  const linked = db.select().from(users).where(eq(users.oidcSubject, claims.sub)).get();
  if (linked) return linked.active ? { ok: true, userId: linked.id, email: linked.email, linkedNow: false } : { ok: false, kind: "deactivated", email: linked.email };
  const email = emailFromClaims(claims);
  const user = email ? findUserByEmail(db, email) : undefined;
  if (!user) return { ok: false, kind: "unknown", email };
  if (!user.active) return { ok: false, kind: "deactivated", email: user.email };
  if (user.oidcSubject !== null) return { ok: false, kind: "linked_to_another_account", email: user.email };
  db.transaction((tx) => {
    tx.update(users).set({ oidcSubject: claims.sub }).where(eq(users.id, user.id)).run();
    audit(
      tx as unknown as Db,
      { kind: "user", userId: user.id, email: user.email },
      { action: "link_council_account", entity: "user", entityId: user.id, after: { councilAccount: "linked" } },
      now,
    );
  });
  return { ok: true, userId: user.id, email: user.email, linkedNow: true };
}
