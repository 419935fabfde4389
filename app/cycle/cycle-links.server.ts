import type { Db } from "../../db/connection";
import { countActions } from "~/actions/action-rules";
import { listActions } from "~/actions/queries.server";
import { clockToday } from "~/platform/clock.server";
import { lastFinishedMonth } from "~/interpretation/prompt-sheets.server";

/** What the team page says about the cycle under way: its month, and the team's open and overdue actions. */
export function cycleLinks(db: Db, teamId: number) {
  const today = clockToday();
  const counts = countActions(listActions(db, { teamIds: [teamId], show: "open" }, today), today);
  return { month: lastFinishedMonth(today), open: counts.open, overdue: counts.overdue };
}
