/*
 * Writes work items and services as the extract a council's care system
 * produces: CLD's columns as councils name them, plus Primed's, dates as
 * dd/mm/yyyy. Work rows leave the service columns empty and service rows
 * the work columns (docs/definitions.md#care-and-support); the services follow the work.
 */
import fs from "node:fs";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { csvRecord } from "~/platform/csv";
import type { IsoDate } from "~/dates";
import { costFrequencies, serviceTypes } from "~/care/service-types";
import type { DemoItem } from "./generate";
import type { DemoService } from "./care";

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
  "Service Type",
  "Service Component",
  "Delivery Mechanism",
  "Unit Cost",
  "Cost Frequency (Unit Type)",
  "Planned units per week",
  "Provider CQC Location ID",
  "Date of Birth",
];

export type ExtractItem = DemoItem & { workerName: string | null };
export type ExtractService = DemoService & { workerName: string | null };

function cld(date: IsoDate | null): string {
  return date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : "";
}

const noService = ["", "", "", "", "", "", "", ""];

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
    ...noService,
  ];
}

/** A service as CLD's Service event: no outcome, no allocated or due date; its cost as the care system holds it. */
export function serviceRow(service: ExtractService, laCode: string): string[] {
  return [
    laCode,
    service.personRef,
    "Service",
    service.sourceRef,
    cld(service.startsOn),
    cld(service.endsOn),
    "",
    service.clientType,
    "",
    "",
    "",
    "",
    service.teamName,
    service.workerName ?? "",
    "",
    "",
    "",
    serviceTypes[service.serviceType],
    service.serviceComponent,
    service.deliveryMechanism,
    service.unitCost === null ? "" : service.unitCost.toFixed(2),
    costFrequencies[service.costFrequency],
    service.plannedUnits === null ? "" : String(service.plannedUnits),
    service.providerLocation ?? "",
    cld(service.dateOfBirth),
  ];
}

export function isService(row: ExtractItem | ExtractService): row is ExtractService {
  return "serviceType" in row;
}

/**
 * Streams work items and services to a CSV file; returns how many of each were written. The work
 * comes first and the services after it, as care systems often list one kind of event after
 * another (and so the first rows of a file are work, as before there were services). The services
 * wait in a file beside the extract, so any number of rows still streams in flat memory.
 */
export async function writeExtract(file: string, rows: Iterable<ExtractItem | ExtractService>, laCode: string): Promise<{ work: number; services: number }> {
  const out = fs.createWriteStream(file);
  const spill = `${file}.services-${process.pid}.tmp`;
  const later = fs.createWriteStream(spill);
  const written = { work: 0, services: 0 };
  try {
    out.write(csvRecord(EXTRACT_HEADER));
    for (const row of rows) {
      if (isService(row)) {
        written.services += 1;
        if (!later.write(csvRecord(serviceRow(row, laCode)))) await once(later, "drain");
      } else {
        written.work += 1;
        if (!out.write(csvRecord(extractRow(row, laCode)))) await once(out, "drain");
      }
    }
    later.end();
    await once(later, "finish");
    // Appends the services and ends the extract.
    await pipeline(fs.createReadStream(spill), out);
  } finally {
    later.destroy();
    fs.rmSync(spill, { force: true });
  }
  return written;
}
