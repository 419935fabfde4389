import type { TimescaleUnit } from "../../db/schema";
import { addDays, type IsoDate } from "~/dates";
import { addWorkingDays } from "./working-days";

/** The default due date of work received on `received`, from its work type's timescale. */
export function defaultDueDate(received: IsoDate, timescale: { timescale: number; timescaleUnit: TimescaleUnit }): IsoDate {
  return timescale.timescaleUnit === "working_days" ? addWorkingDays(received, timescale.timescale) : addDays(received, timescale.timescale);
}
