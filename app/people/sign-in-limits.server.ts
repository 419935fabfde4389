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

/**
 * Checks the limits and counts this attempt as a failure in one step, before
 * its password is hashed; a right password takes the count back
 * (clearSignInFailures). Checked before the hash and counted after it, a
 * burst of parallel guesses all passed the check before any was counted.
 * The transaction begins IMMEDIATE (db/connection.ts), so this holds across
 * server processes too. Returns false, counting nothing, when a limit is
 * reached.
 */
export function reserveSignInAttempt(db: Db, account: string, address: string, now = new Date()): boolean {
  return db.transaction((tx) => {
    const since = windowStart(now);
    tx.delete(signInFailures).where(lt(signInFailures.at, since)).run();
    const byAccount = tx
      .select({ n: count() })
      .from(signInFailures)
      .where(and(eq(signInFailures.account, account), gte(signInFailures.at, since)))
      .get()!.n;
    if (byAccount >= MAX_FAILURES_PER_ACCOUNT) return false;
    const byAddress = tx
      .select({ n: count() })
      .from(signInFailures)
      .where(and(eq(signInFailures.address, address), gte(signInFailures.at, since)))
      .get()!.n;
    if (byAddress >= MAX_FAILURES_PER_ADDRESS) return false;
    tx.insert(signInFailures).values({ account, address, at: now.toISOString() }).run();
    return true;
  });
}

/** After a right password: the account's count starts again (this attempt's reservation with it). */
export function clearSignInFailures(db: Db, account: string) {
  db.delete(signInFailures).where(eq(signInFailures.account, account)).run();
}
