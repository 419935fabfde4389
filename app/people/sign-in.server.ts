import type { Db } from "../../db/connection";
import { audit } from "~/audit/audit.server";
import type { Env } from "~/platform/env.server";
import { UNUSABLE_HASH, verifyPassword } from "./passwords.server";
import { startSession } from "./sessions.server";
import { clearSignInFailures, reserveSignInAttempt } from "./sign-in-limits.server";
import { findUserByEmail, normaliseEmail } from "./users.server";

export type SignInResult = { ok: true; userId: number; setCookie: string } | { ok: false; reason: "not_recognised" | "too_many_attempts" };

/**
 * Checks an email and password. The answer never says which was wrong, and
 * an unknown account costs as much time as a known one.
 */
export async function signIn(db: Db, env: Env, attempt: { email: string; password: string; address: string }, now = new Date()): Promise<SignInResult> {
  const account = normaliseEmail(attempt.email);
  // Counted as a failure before the slow hash, so parallel guesses cannot all pass the check first.
  if (!reserveSignInAttempt(db, account, attempt.address, now)) return { ok: false, reason: "too_many_attempts" };
  const user = findUserByEmail(db, account);
  const matches = await verifyPassword(attempt.password, user?.passwordHash ?? UNUSABLE_HASH);
  if (!user || !user.active || !matches) return { ok: false, reason: "not_recognised" };
  clearSignInFailures(db, account);
  const setCookie = await startSession(db, env, user.id, now);
  audit(db, { kind: "user", userId: user.id, email: user.email }, { action: "sign_in", entity: "session", entityId: user.id }, now);
  return { ok: true, userId: user.id, setCookie };
}
