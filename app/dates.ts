/*
 * Calendar dates as ISO strings ("YYYY-MM-DD") and months as "YYYY-MM".
 * Work items are dated by the day, never by the instant, so all arithmetic is
 * done on UTC midnights with the getUTC and Date.UTC methods only, where no
 * daylight-saving shift can move a day.
 *
 * Nothing here may read or write a Date in the process's local time zone:
 * date-fns did (its addDays sets the local day of a UTC midnight), and under
 * TZ=Europe/London adding a day to 29 March gave 29 March again, so every
 * loop over a March never ended. tests/unit/dates.test.ts runs in several
 * time zones to keep it that way.
 */

export type IsoDate = string;
export type IsoMonth = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real calendar date (no 30 February). Checked by arithmetic: imports call it millions of times. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isIsoMonth(value: string): boolean {
  return ISO_MONTH.test(value) && isIsoDate(`${value}-01`);
}

function toUtcDate(date: IsoDate): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtcDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

// Made once: building an Intl formatter costs about half a millisecond, and pages ask for today often.
const londonDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

// England's date changes only at a whole minute of UTC (its clocks are a whole hour from UTC), so one answer serves
// every moment of a minute: a page asks several times, and each format costs about ten microseconds.
let minuteKnown = Number.NaN;
let dayKnown = "";

/** Today's date in England, whatever the server's own time zone. */
export function todayInLondon(now: Date = new Date()): IsoDate {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== minuteKnown) {
    dayKnown = londonDay.format(now);
    minuteKnown = minute;
  }
  return dayKnown;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const utc = toUtcDate(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtcDate(utc);
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). UTC days are all 24 hours long. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcTime(to) - utcTime(from)) / DAY_MS);
}

// Hot in reports (every completed item's duration): no Date objects, no arrays.
function utcTime(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** The date as a day number (whole days since 1970-01-01): for arithmetic over many dates at once. */
export function dayOf(date: IsoDate): number {
  return Math.round(utcTime(date) / DAY_MS);
}

/** The date of a day number. */
export function isoOfDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

export function firstDayOf(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: IsoMonth): IsoDate {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  return `${month}-${String(daysInMonth(year, monthNumber)).padStart(2, "0")}`;
}

export function addMonths(month: IsoMonth, count: number): IsoMonth {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String(index - year * 12 + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to` inclusive, in order. */
export function monthRange(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const months: IsoMonth[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) {
    months.push(month);
  }
  return months;
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return toUtcDate(date).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/*
 * Written out rather than left to Intl: Node and browsers disagree on some
 * short month names ("Sept" or "Sep"), and server and browser must render alike.
 */
const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parts(date: IsoDate): { year: string; month: number; day: number } {
  return { year: date.slice(0, 4), month: Number(date.slice(5, 7)) - 1, day: Number(date.slice(8, 10)) };
}

/** "Mar 2026" */
export function formatMonthShort(month: IsoMonth): string {
  const { year, month: m } = parts(firstDayOf(month));
  return `${SHORT_MONTHS[m]} ${year}`;
}

/** "March 2026" */
export function formatMonthLong(month: IsoMonth): string {
  const { year, month: m } = parts(firstDayOf(month));
  return `${LONG_MONTHS[m]} ${year}`;
}

/** "31 Mar 2026", for tables. */
export function formatShortDate(date: IsoDate): string {
  const { year, month, day } = parts(date);
  return `${day} ${SHORT_MONTHS[month]} ${year}`;
}

/** "31 March 2026" */
export function formatDate(date: IsoDate): string {
  const { year, month, day } = parts(date);
  return `${day} ${LONG_MONTHS[month]} ${year}`;
}

const londonTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hour12: false });

/**
 * Moments already put in words: the same few hundred (when each team's data last changed, an action's history) are
 * shown on page after page, and each costs two Intl formats (the service overview's 120 teams: 4% of its processor).
 */
const momentsSaid = new Map<string, string>();
const MOMENTS_KEPT = 10_000;

/** A moment (an ISO timestamp) as people in England read it: "22 November 2026 at 14:05". */
export function formatMoment(at: string): string {
  let said = momentsSaid.get(at);
  if (said === undefined) {
    const instant = new Date(at);
    said = `${formatDate(todayInLondon(instant))} at ${londonTime.format(instant)}`;
    if (momentsSaid.size >= MOMENTS_KEPT) momentsSaid.clear();
    momentsSaid.set(at, said);
  }
  return said;
}
