/*
 * A save waits its turn for SQLite's one write lock without stopping its
 * process. SQLite's own busy timeout waits in a sleep that blocks the whole
 * Node process: while a load or the month figures' refresh briefly holds the
 * lock, one person's save would freeze every page that process was serving.
 * So before a request that may write, this middleware polls for the lock
 * (take it, give it straight back) between other requests, and hands the
 * request on once it is free. See docs/decisions/2026-11-23-writes-during-loads.md.
 */
import Database from "better-sqlite3";
import type { NextFunction, Request, Response } from "express";

/** Requests that only read never wait. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface WriteLockWaitOptions {
  /** How often to look again while the lock is held. */
  pollMs?: number;
  /** After this long the request goes on and meets the lock itself (SQLite's busy timeout, then a clear error). */
  limitMs?: number;
}

/** Whether the write lock is free this instant, from a connection of its own that never waits. */
export function writeLockProbe(file: string) {
  let probe: Database.Database | undefined;
  return function isFree(): boolean {
    if (!probe) {
      probe = new Database(file, { timeout: 0, fileMustExist: true });
      // Closed before the app's own connection, so that one is the last to close and tidies the write-ahead log away.
      const opened = probe;
      process.prependOnceListener("exit", () => opened.close());
    }
    try {
      probe.exec("BEGIN IMMEDIATE");
      probe.exec("ROLLBACK");
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
      throw error;
    }
  };
}

export function waitForWriteLock(file: string, { pollMs = 5, limitMs = 30_000 }: WriteLockWaitOptions = {}) {
  const isFree = writeLockProbe(file);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (READS.has(req.method)) return next();
    const started = performance.now();
    const look = () => {
      let free: boolean;
      try {
        free = isFree();
      } catch {
        // Not a held lock (a missing file, a full disk): the request meets the problem itself and explains it.
        return next();
      }
      if (free || performance.now() - started >= limitMs) return next();
      setTimeout(look, pollMs);
    };
    look();
  };
}
