/*
 * Work nobody is waiting on (reading and checking a load's file, counting the
 * month figures again after it) gives way to the pages people are waiting
 * for: it runs at a lower processor priority (nice 10). On Linux a thread's
 * priority is its own, so only the calling thread gives way; a load's writing
 * thread keeps its priority, as it holds the write lock that saves wait for.
 * See docs/decisions/2026-11-23-writes-during-loads.md.
 */
import os from "node:os";

const BACKGROUND_NICENESS = 10;

/** Lowers the calling thread's priority, for the rest of its life; where the system refuses, it carries on as it was. */
export function giveWayToPeople() {
  try {
    if (os.getPriority(0) < BACKGROUND_NICENESS) os.setPriority(0, BACKGROUND_NICENESS);
  } catch {
    // Not allowed here: the work runs at its normal priority, only slower for people meanwhile.
  }
}
