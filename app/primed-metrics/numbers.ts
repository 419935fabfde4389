/*
 * Reading and writing a Primed Metric's numbers. A metric's unit is free text
 * ("people in residential and nursing care", "£ a day", "%", "points"); its
 * kind decides how values and differences are written.
 */

export type UnitKind = "money" | "percent" | "points" | "count";

export function unitKind(unit: string): UnitKind {
  const u = unit.trim().toLowerCase();
  if (u.startsWith("£")) return "money";
  if (u === "%" || u.startsWith("percent") || u.startsWith("per cent") || u.startsWith("% ")) return "percent";
  if (u.startsWith("point") || u.startsWith("score")) return "points";
  return "count";
}

const NUMBER = /^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * A number as people type or paste it: digits with an optional minus, decimal
 * point and thousands commas; a leading £ or a trailing % is allowed. Anything
 * else (words, two numbers, "1.2.3") is null.
 */
export function parseNumber(text: string): number | null {
  let t = text
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim();
  t = t
    .replace(/^(-?)£/, "$1")
    .replace(/%$/, "")
    .trim();
  if (!NUMBER.test(t)) return null;
  const value = Number(t.replace(/,/g, ""));
  return Number.isFinite(value) ? value : null;
}

// One formatter per number of decimals, made once: building one per value is slow.
const formatters = new Map<number, Intl.NumberFormat>();

function format(value: number, decimals: number): string {
  let formatter = formatters.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(decimals, formatter);
  }
  return formatter.format(value);
}

/** How many decimal places a metric's values are written with: as many as its values use, at most 2 (money always 2). */
export function displayDecimals(values: readonly number[], unit: string): number {
  if (unitKind(unit) === "money") return 2;
  let decimals = 0;
  for (const value of values) {
    const text = String(value);
    const point = text.indexOf(".");
    if (point >= 0) decimals = Math.max(decimals, text.length - point - 1);
  }
  return Math.min(decimals, 2);
}

/** A value as a table shows it: "£135.20", "80.1%", "412". */
export function formatValue(value: number, unit: string, decimals: number): string {
  switch (unitKind(unit)) {
    case "money":
      return `${value < 0 ? "-" : ""}£${format(Math.abs(value), decimals)}`;
    case "percent":
      return `${format(value, decimals)}%`;
    default:
      return format(value, decimals);
  }
}

/** The figure and unit in a sentence: "412 people", "£135.20 a day", "80.1%", "6.8 points". */
export function formatWithUnit(value: number, unit: string, decimals: number): string {
  const kind = unitKind(unit);
  if (kind === "money") {
    const rest = unit.trim().slice(1).trim();
    return `${formatValue(value, unit, decimals)}${rest ? ` ${rest}` : ""}`;
  }
  if (kind === "percent") return formatValue(value, unit, decimals);
  return `${formatValue(value, unit, decimals)} ${unit.trim()}`;
}

/**
 * Rounding for a difference: money to the penny under £100 and to the pound
 * above; anything else as precise as the metric's own values (412 people,
 * 80.1%, 6.8 points), and whole above 100.
 */
export function differenceDecimals(amount: number, unit: string, valueDecimals: number): number {
  const size = Math.abs(amount);
  if (unitKind(unit) === "money") return size >= 100 ? 0 : 2;
  if (size >= 100) return 0;
  return Math.min(valueDecimals, 2);
}

export { format as formatNumber };
