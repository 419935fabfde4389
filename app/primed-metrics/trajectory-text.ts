/*
 * A trajectory as people write or paste it: one month and its planned value
 * per line ("2026-04 120", "2026-04,120" or a CSV with a month,value header).
 */
import { formatMonthLong, isIsoMonth, type IsoMonth } from "~/dates";
import { parseNumber } from "./numbers";
import type { MonthValue } from "./projection";

export const MAX_TRAJECTORY_LINES = 240;

export type TrajectoryReading = { ok: true; points: MonthValue[] } | { ok: false; problems: string[] };

export function readTrajectoryText(text: string): TrajectoryReading {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const problems: string[] = [];
  const points: MonthValue[] = [];
  const seen = new Map<IsoMonth, number>();
  let first = true;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    if (line === "") return;
    const isFirst = first;
    first = false;
    // A CSV's header line.
    if (isFirst && /^"?month"?\s*[,;\t ]\s*"?(value|planned value|trajectory)"?$/i.test(line)) return;
    const match = /^"?([^\s,;"]+)"?\s*(?:[,;\t]|\s)\s*(.*)$/.exec(line);
    if (!match) {
      problems.push(`Line ${number}: "${line}" needs a month and a value, like 2026-04 120`);
      return;
    }
    const [, month = "", valueText = ""] = match;
    const reasons: string[] = [];
    if (!isIsoMonth(month)) reasons.push(`"${month}" is not a month written as YYYY-MM, like 2026-04`);
    const value = parseNumber(valueText);
    if (valueText.trim() === "") reasons.push("the value is missing");
    else if (value === null) reasons.push(`"${valueText.trim()}" is not a number`);
    if (isIsoMonth(month)) {
      const earlier = seen.get(month);
      if (earlier !== undefined) reasons.push(`${formatMonthLong(month)} is already on line ${earlier}: one value per month`);
      else seen.set(month, number);
    }
    if (reasons.length > 0) problems.push(`Line ${number}: ${reasons.join("; ")}`);
    else points.push({ month, value: value! });
  });
  if (problems.length === 0 && points.length === 0) problems.push("Enter at least one month and its planned value, like 2026-04 120");
  if (points.length > MAX_TRAJECTORY_LINES) problems.push(`Enter at most ${MAX_TRAJECTORY_LINES} months (20 years)`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, points: points.sort((a, b) => a.month.localeCompare(b.month)) };
}
