/*
 * One CSV record as RFC 4180 writes it, for every CSV file Primed writes
 * (downloads, extracts, rows set aside by an import); `safeCsvRecord` for
 * every file a person opens in a spreadsheet. Hand-written rather
 * than csv-stringify's: a 10,000-row download spent about two thirds of its
 * processor time in that library and the garbage it made, where the rule
 * itself is two lines.
 */

export type CsvCell = string | number | null;

// A field holding a comma, a quote or a line break is quoted.
const NEEDS_QUOTES = /[",\r\n]/;

export function csvRecord(cells: readonly CsvCell[]): string {
  let record = "";
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) record += ",";
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    const text = typeof cell === "number" ? String(cell) : cell;
    record += NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  return `${record}\r\n`;
}

// What a spreadsheet takes for the start of a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Cells that start like a formula are prefixed with a quote, so a
 * spreadsheet shows them as text instead of running them (CSV injection).
 */
export function spreadsheetSafe(cell: CsvCell): CsvCell {
  return typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A record for a file people open in a spreadsheet (downloads, rows set aside): every cell made safe. */
export function safeCsvRecord(cells: readonly CsvCell[]): string {
  return csvRecord(cells.map(spreadsheetSafe));
}
