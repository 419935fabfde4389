/** A CSV of users' shape, for the upload page (without the parser, which stays on the server side). */
export const MAX_USER_ROWS = 5_000;
export const MAX_USERS_FILE_BYTES = 2 * 1024 * 1024;

/** The columns, as the example and the messages name them. */
export const USER_COLUMNS = ["Name", "Email", "Role", "Teams", "Worker"] as const;
export type UserColumn = (typeof USER_COLUMNS)[number];

export interface UserCsvProblem {
  /** The row as a spreadsheet numbers it; the header is row 1. */
  row: number;
  /** The column, or "" for the file as a whole. */
  column: UserColumn | "";
  value: string;
  message: string;
}

/** A file's bytes as text: UTF-8, else Windows-1252 (Excel's plain "CSV"); a byte order mark is dropped. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return text.replace(/^\uFEFF/, "");
}
