import { todayInLondon, type IsoDate } from "../dates";
import { getEnv } from "./env-cache.server";

/**
 * Today, for actions and cycles: what is overdue, what is escalated. A
 * training session (or a test) can fix it with PRIMED_TODAY to show a month
 * later without waiting for one.
 */
export function clockToday(): IsoDate {
  return getEnv().PRIMED_TODAY ?? todayInLondon();
}
