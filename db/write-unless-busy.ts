import type { Db } from "./connection";

/**
 * Runs a write that may be left out (a session's "last seen") only if SQLite's
 * write lock is free this instant; returns whether it ran. SQLite's busy
 * timeout waits in a sleep that stops the whole Node process: a page that
 * touched its session while a load held the write lock froze every request of
 * its process until the lock came free (the morning rush: pages up to 2.7 s,
 * and a 500 when a load held it over the 5 s timeout). Saves wait for the lock
 * between requests instead (app/http/write-lock-wait.server.ts).
 */
export function writeUnlessBusy(db: Db, write: () => void): boolean {
  const sqlite = db.$client;
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma("busy_timeout = 0");
  try {
    write();
    return true;
  } catch (error) {
    if (String((error as { code?: unknown }).code ?? "").startsWith("SQLITE_BUSY")) return false;
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}
