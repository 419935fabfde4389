import os from "node:os";

/**
 * A wait that grows with how busy the machine is: `ms` on a quiet machine, and as many times more as there are
 * runnable processes per core, up to eight times (a loaded 2-core CI machine ran a page load past Playwright's
 * fixed 30 s). Read when the wait begins, so work that starts during a busy spell gets the room it needs.
 */
export function scaledWait(ms: number): number {
  const perCore = os.loadavg()[0]! / Math.max(1, os.availableParallelism());
  return Math.round(ms * Math.min(8, Math.max(1, perCore)));
}
