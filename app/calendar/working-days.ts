import { addDays, isWeekend, type IsoDate } from "~/dates";
import bankHolidays from "./england-and-wales-bank-holidays.json";

const holidays = new Set<IsoDate>(bankHolidays.dates);

export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

/** The date `count` working days after `from` (weekends and bank holidays skipped). */
export function addWorkingDays(from: IsoDate, count: number): IsoDate {
  let date = from;
  let remaining = count;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) remaining -= 1;
  }
  return date;
}
