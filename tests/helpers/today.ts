import { isIsoDate, todayInLondon, type IsoDate } from "~/dates";

/**
 * The test run's today. tests/global-setup.ts pins PRIMED_TODAY when the run
 * starts, and every test file and every app a test starts inherits it, so a
 * run that crosses midnight (or a month's end) sees one date throughout:
 * the tests' expectations and the app's clock cannot disagree.
 */
export function runToday(): IsoDate {
  const pinned = process.env.PRIMED_TODAY;
  return pinned !== undefined && isIsoDate(pinned) ? pinned : todayInLondon();
}
