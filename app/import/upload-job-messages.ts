/* What the server and an upload's import process say to each other (Node's IPC channel). */
import type { Actor } from "~/audit/audit.server";
import type { ImportProgress, ImportReport } from "./pipeline.server";

export interface ImportJobRequest {
  databasePath: string;
  file: string;
  fileName: string;
  actor: Actor;
  dryRun: boolean;
  skipInvalid: boolean;
  createMissing: boolean;
  rejectsPath: string;
}

export type ImportJobMessage = ({ type: "progress" } & ImportProgress) | { type: "done"; report: ImportReport } | { type: "failed"; message: string };
