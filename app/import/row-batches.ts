/*
 * What the row reader thread sends the writing thread: the header's match,
 * then batches of checked rows in file order, then the file's hash. A valid
 * row travels as a run of ITEM_FIELDS values in one flat array, which costs
 * far less to pass between threads than an object per row.
 */
import type { ColumnKey } from "./columns";
import type { FileEncoding } from "./csv-records";
import type { RowProblem, WorkTypeRule } from "./rows";

/** What the reader needs to check rows: all of it read from the database before reading starts. */
export interface RowReaderSetup {
  file: string;
  encoding: FileEncoding;
  workTypes: (WorkTypeRule & { id: number })[];
  outcomes: { id: number; value: string }[];
  /** Today, from the clock (PRIMED_TODAY holds): a Date of Birth after it is refused. */
  today: string;
  /** Send each valid row's cells as read too, for a rejects file (the writer may still reject the row). */
  keepCells: boolean;
  /** The shared counter of batches sent and not yet taken, so the reader waits for the writer. */
  inFlight: SharedArrayBuffer;
}

/**
 * A valid row's values, in this order: its row number, then the work item's
 * columns with the team and worker as named in the file (the writer resolves them).
 */
export const ITEM_FIELDS = 18;
export const ItemField = {
  Row: 0,
  SourceRef: 1,
  PersonRef: 2,
  WorkTypeId: 3,
  Team: 4,
  Worker: 5,
  ReceivedOn: 6,
  AllocatedOn: 7,
  DueOn: 8,
  CompletedOn: 9,
  OutcomeId: 10,
  OutcomeRaw: 11,
  EventType: 12,
  ClientType: 13,
  RouteOfAccess: 14,
  AssessmentType: 15,
  ReviewReason: 16,
  Description: 17,
} as const;

/**
 * A valid Service row's values, in this order: its row number, then the
 * service's columns (staging.server.ts's SERVICE_COLUMNS) with the team and
 * worker as named in the file. No Date of Birth: only the age it gives.
 */
export const SERVICE_FIELDS = 17;
export const ServiceField = {
  Row: 0,
  SourceRef: 1,
  PersonRef: 2,
  Team: 3,
  Worker: 4,
  ServiceType: 5,
  ServiceTypeRaw: 6,
  StartsOn: 7,
  EndsOn: 8,
  UnitCost: 9,
  CostFrequency: 10,
  PlannedUnits: 11,
  WeeklyCost: 12,
  AgeAtStart: 13,
  ServiceComponent: 14,
  DeliveryMechanism: 15,
  ProviderLocation: 16,
} as const;

export interface InvalidRow {
  row: number;
  problems: RowProblem[];
  cells: string[];
}

export interface RowBatch {
  type: "rows";
  /** Valid rows, ITEM_FIELDS values each. */
  items: (string | number | null)[];
  /** The valid rows' cells as read, when the setup asked for them. */
  itemCells: string[][] | null;
  /** Valid Service rows, SERVICE_FIELDS values each. */
  services: (string | number | null)[];
  serviceCells: string[][] | null;
  invalid: InvalidRow[];
  /** Rows read in this batch, including Service rows and invalid ones. */
  rowsRead: number;
  bytesRead: number;
}

export type ReaderMessage =
  | { type: "header"; header: string[]; positions: Partial<Record<ColumnKey, number>>; ignored: string[]; problems: string[] }
  | RowBatch
  | { type: "end"; sha256: string; bytesRead: number; fileProblem: string | null }
  | { type: "failed"; kind: "not_utf8" | "error"; message: string };

/**
 * Rows per batch. Small batches die young: with 4,096 rows a batch waiting
 * its turn outlived V8's young-generation collections and was promoted, and
 * the 1M-row load took 18 s and 390 MB; with 512 it took 12 s and 230 MB.
 */
export const BATCH_ROWS = 512;

/** Batches the reader may send ahead of the writer: bounds memory whatever the file's size. */
export const MAX_IN_FLIGHT = 4;
