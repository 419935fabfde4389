/** The values CSV's shape, for the upload page (without the parser, which stays on the server). */
export const CSV_COLUMNS = ["metric", "month", "value"] as const;
export const MAX_CSV_ROWS = 5_000;

export interface CsvProblem {
  /** The row as a spreadsheet numbers it; the header is row 1. */
  row: number;
  reasons: string[];
}
