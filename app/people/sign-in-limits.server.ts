import { and, count, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { signInFailures } from "../../db/schema";

/*
 * Failed sign-ins are counted over a sliding window, per account (someone
 * guessing one person's password) and per address (someone trying many).
 */
export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

function windowStart(now: Date): string {
  return new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000).toISOString();
}

export function isSignInBlocked(db: Db, account: string, address: string, now = new Date()): boolean {
  const since = windowStart(now);
  const byAccount = db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.account, account), gte(signInFailures.at, since)))
    .get()!.n;
  if (byAccount >= MAX_FAILURES_PER_ACCOUNT) return true;
  const byAddress = db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(signInFailures.address, address), gte(signInFailures.at, since)))
    .get()!.n;
  return byAddress >= MAX_FAILURES_PER_ADDRESS;
}

export function recordSignInFailure(db: Db, account: string, address: string, now = new Date()) {
  db.transaction((tx) => {
    tx.insert(signInFailures).values({ account, address, at: now.toISOString() }).run();
    tx.delete(signInFailures).where(lt(signInFailures.at, windowStart(now))).run();
  });
}

export function clearSignInFailures(db: Db, account: string) {
  db.delete(signInFailures).where(eq(signInFailures.account, account)).run();
}
