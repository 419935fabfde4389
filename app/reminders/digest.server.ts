/*
 * The weekly digest, on Mondays, for each team manager (their teams) and
 * head of service (every team).
 */
import type { Db } from "../../db/connection";
import type { IsoDate } from "~/dates";
import type { MailSettings } from "./mail-settings";

export function queueWeeklyDigests(_db: Db, _settings: MailSettings, _today: IsoDate, _now: Date): number {
  return 0;
}
