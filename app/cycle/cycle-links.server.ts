import type { Db } from "../../db/connection";
import { keptWhileUnchanged } from "../../db/kept-while-unchanged";
import { countActions } from "~/actions/action-rules";
import { listActions } from "~/actions/queries.server";
import { clockToday } from "~/platform/clock.server";
import { lastFinishedMonth } from "~/interpretation/prompt-sheets.server";

/**
 * What the team page says about the cycle under way: its month, and the team's open and overdue actions. Kept while
 * the database is unchanged: every team page asked for the team's open actions again.
 */
export function cycleLinks(db: Db, teamId: number) {
  const today = clockToday();
  return keptWhileUnchanged(db, `cycle-links|${teamId}|${today}`, () => {
    const counts = countActions(listActions(db, { teamIds: [teamId], show: "open" }, today), today);
    return { month: lastFinishedMonth(today), open: counts.open, overdue: counts.overdue };
  });
}
