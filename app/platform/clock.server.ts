import { todayInLondon, type IsoDate } from "../dates";
import { getEnv } from "./env-cache.server";

/**
 * Today, for everything the app dates by today: the figures' "as of" date,
 * the last finished month, what is overdue, what is escalated. A training
 * session (or a test run) can fix it with PRIMED_TODAY to show a month later
 * without waiting for one. Only this function reads the real clock's date.
 */
export function clockToday(): IsoDate {
  return getEnv().PRIMED_TODAY ?? todayInLondon();
}
