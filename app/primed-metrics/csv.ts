/*
 * A small CSV of monthly values (metric, month, value), checked whole before
 * anything is stored: every bad row is reported with its row number as a
 * spreadsheet shows it (the header is row 1) and every reason.
 */
import Papa from "papaparse";
import { formatMonthLong, isIsoMonth, type IsoMonth } from "~/dates";
import { parseNumber } from "./numbers";

import { CSV_COLUMNS, MAX_CSV_ROWS, type CsvProblem } from "./csv-format";

export { CSV_COLUMNS, MAX_CSV_ROWS, type CsvProblem };

export interface CsvValue {
  row: number;
  metricId: number;
  month: IsoMonth;
  value: number;
}

export type CsvReading = { ok: true; values: CsvValue[] } | { ok: false; problems: CsvProblem[] };

export interface CsvMetric {
  id: number;
  name: string;
}

export interface CsvContext {
  metrics: readonly CsvMetric[];
  /** Months after this one are in the future. */
  currentMonth: IsoMonth;
  /** Why the person loading may not enter values for this metric, or null if they may. */
  refusal?: (metricId: number) => string | null;
}

const key = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

function monthProblem(text: string, currentMonth: IsoMonth): string | null {
  if (text === "") return "the month is missing: write it as YYYY-MM, like 2026-04";
  if (!isIsoMonth(text)) return `"${text}" is not a month written as YYYY-MM, like 2026-04`;
  if (text > currentMonth) return `${formatMonthLong(text)} is in the future: values go up to ${formatMonthLong(currentMonth)}`;
  return null;
}

export function readValuesCsv(text: string, context: CsvContext): CsvReading {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const records = parsed.data;
  // A file that ends with a line break has an empty last record: not a row.
  while (records.length > 0 && records[records.length - 1]!.every((cell) => cell.trim() === "")) records.pop();
  const problems = new Map<number, string[]>();
  const refuse = (row: number, reason: string) => problems.set(row, [...(problems.get(row) ?? []), reason]);
  const result = (): CsvReading => ({ ok: false, problems: [...problems].sort(([a], [b]) => a - b).map(([row, reasons]) => ({ row, reasons })) });

  for (const error of parsed.errors) {
    if (error.type === "Quotes") refuse((error.row ?? 0) + 1, 'a quoted value is never closed: check the quote marks (")');
  }
  if (records.length === 0) {
    refuse(1, `the file is empty: row 1 must name the columns ${CSV_COLUMNS.join(", ")}`);
    return result();
  }
  const header = records[0]!.map((cell) => key(cell));
  const column = Object.fromEntries(CSV_COLUMNS.map((name) => [name, header.indexOf(name)])) as Record<(typeof CSV_COLUMNS)[number], number>;
  const missing = CSV_COLUMNS.filter((name) => column[name] < 0);
  const unknown = header.filter((cell) => cell !== "" && !(CSV_COLUMNS as readonly string[]).includes(cell));
  if (missing.length > 0) {
    refuse(
      1,
      `row 1 must name the columns ${CSV_COLUMNS.join(", ")}; ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing${header.some(Boolean) ? ` (it has: ${records[0]!.filter((c) => c.trim()).join(", ")})` : ""}`,
    );
  }
  if (unknown.length > 0)
    refuse(1, `${unknown.map((u) => `"${u}"`).join(", ")} ${unknown.length === 1 ? "is not a column" : "are not columns"} this file takes (only ${CSV_COLUMNS.join(", ")})`);
  if (missing.length > 0) return result();
  if (records.length - 1 > MAX_CSV_ROWS) {
    refuse(MAX_CSV_ROWS + 2, `the file has more than ${MAX_CSV_ROWS.toLocaleString("en-GB")} rows of values: load it in parts`);
    return result();
  }

  const metricsByName = new Map(context.metrics.map((m) => [key(m.name), m]));
  const known = context.metrics.map((m) => m.name).join(", ");
  const seen = new Map<string, number>();
  const values: CsvValue[] = [];
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    if (record.every((cell) => cell.trim() === "")) return;
    const cell = (name: (typeof CSV_COLUMNS)[number]) => (record[column[name]] ?? "").trim();
    const reasons: string[] = [];
    const metricName = cell("metric");
    const metric = metricsByName.get(key(metricName));
    if (metricName === "") reasons.push("the metric is missing");
    else if (!metric) reasons.push(`there is no metric called "${metricName}"${known ? ` (the metrics are: ${known})` : ""}`);
    else {
      const refusal = context.refusal?.(metric.id);
      if (refusal) reasons.push(refusal);
    }
    const month = cell("month");
    const badMonth = monthProblem(month, context.currentMonth);
    if (badMonth) reasons.push(badMonth);
    const valueText = cell("value");
    const value = parseNumber(valueText);
    if (valueText === "") reasons.push("the value is missing");
    else if (value === null) reasons.push(`"${valueText}" is not a number: write it in digits, like 412 or 135.5`);
    if (metric && !badMonth) {
      const pair = `${metric.id}|${month}`;
      const earlier = seen.get(pair);
      if (earlier !== undefined) reasons.push(`${metric.name} for ${formatMonthLong(month)} is already on row ${earlier}: keep one value per metric and month`);
      else seen.set(pair, row);
    }
    if (reasons.length > 0) for (const reason of reasons) refuse(row, reason);
    else values.push({ row, metricId: metric!.id, month, value: value! });
  });
  if (problems.size > 0) return result();
  if (values.length === 0) {
    refuse(2, "the file has no values: add a row for each metric and month under the header");
    return result();
  }
  return { ok: true, values };
}
