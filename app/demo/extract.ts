/*
 * Writes work items as the extract a council's care system produces: CLD's
 * columns as councils name them, plus Primed's, dates as dd/mm/yyyy.
 */
import fs from "node:fs";
import { once } from "node:events";
import { csvRecord } from "~/platform/csv";
import type { IsoDate } from "~/dates";
import type { DemoItem } from "./generate";

export const EXTRACT_HEADER = [
  "LA Code",
  "LA Person Unique Identifier",
  "Event Type",
  "Event Reference",
  "Event Start Date",
  "Event End Date",
  "Event Outcome",
  "Client Type",
  "Request: Route of Access",
  "Assessment Type",
  "Review Reason",
  "Event Description",
  "Team",
  "Worker",
  "Allocated Date",
  "Due Date",
  "Work Type",
];

export type ExtractItem = DemoItem & { workerName: string | null };

function cld(date: IsoDate | null): string {
  return date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : "";
}

export function extractRow(item: ExtractItem, laCode: string): string[] {
  return [
    laCode,
    item.personRef,
    item.eventType,
    item.sourceRef,
    cld(item.receivedOn),
    cld(item.completedOn),
    item.outcome ?? "",
    item.clientType,
    item.routeOfAccess ?? "",
    item.assessmentType ?? "",
    item.reviewReason ?? "",
    "",
    item.teamName,
    item.workerName ?? "",
    cld(item.allocatedOn),
    cld(item.dueOn),
    "",
  ];
}

/** Streams up to `limit` items to a CSV file; returns how many were written. */
export async function writeExtract(file: string, items: Iterable<ExtractItem>, laCode: string, limit = Infinity): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write(csvRecord(EXTRACT_HEADER));
  let written = 0;
  for (const item of items) {
    if (written >= limit) break;
    if (!out.write(csvRecord(extractRow(item, laCode)))) await once(out, "drain");
    written += 1;
  }
  out.end();
  await once(out, "finish");
  return written;
}
