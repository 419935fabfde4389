/*
 * The extract's columns (docs/loading-data.md; docs/definitions.md#the-extract): CLD's, as councils write them,
 * and Primed's own. Headers match in any case, with spaces, underscores or
 * punctuation between the words.
 */

export const columns = {
  laCode: { header: "LA Code", aliases: [] },
  personRef: { header: "LA Person Unique Identifier", aliases: ["NHS Number"] },
  eventType: { header: "Event Type", aliases: [] },
  eventReference: { header: "Event Reference", aliases: [] },
  startDate: { header: "Event Start Date", aliases: [] },
  endDate: { header: "Event End Date", aliases: [] },
  outcome: { header: "Event Outcome", aliases: [] },
  clientType: { header: "Client Type", aliases: [] },
  routeOfAccess: { header: "Request: Route of Access", aliases: ["Route of Access"] },
  assessmentType: { header: "Assessment Type", aliases: [] },
  reviewReason: { header: "Review Reason", aliases: [] },
  description: { header: "Event Description", aliases: [] },
  team: { header: "Team", aliases: [] },
  worker: { header: "Worker", aliases: [] },
  allocatedDate: { header: "Allocated Date", aliases: [] },
  dueDate: { header: "Due Date", aliases: [] },
  workType: { header: "Work Type", aliases: [] },
  // Service rows only (docs/definitions.md#care-and-support); ignored on work rows.
  serviceType: { header: "Service Type", aliases: [] },
  serviceComponent: { header: "Service Component", aliases: [] },
  deliveryMechanism: { header: "Delivery Mechanism", aliases: [] },
  unitCost: { header: "Unit Cost", aliases: [] },
  costFrequency: { header: "Cost Frequency (Unit Type)", aliases: ["Cost Frequency", "Unit Type"] },
  plannedUnits: { header: "Planned units per week", aliases: [] },
  providerLocation: { header: "Provider CQC Location ID", aliases: [] },
  dateOfBirth: { header: "Date of Birth", aliases: [] },
} as const;

export type ColumnKey = keyof typeof columns;

export const requiredColumns: ColumnKey[] = ["personRef", "eventType", "eventReference", "startDate", "team"];

/** "Request: Route of Access", "request_route_of_access" and "REQUEST ROUTE OF ACCESS" are one header. */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const byKey = new Map<string, ColumnKey>(
  (Object.entries(columns) as [ColumnKey, (typeof columns)[ColumnKey]][]).flatMap(([key, column]) =>
    [column.header, ...column.aliases].map((name) => [headerKey(name), key] as const),
  ),
);

export interface HeaderMatch {
  /** For each known column, the index of the file's column holding it. */
  positions: Partial<Record<ColumnKey, number>>;
  /** Headers the file has that Primed does not use (ignored, and reported). */
  ignored: string[];
  problems: string[];
}

export function matchHeaders(headers: string[]): HeaderMatch {
  // Excel's "Unicode Text" is UTF-16: read as bytes, every other character is a zero and no column matches. Say so, not which columns are missing.
  if (headers.some((header) => header.includes("\u0000"))) {
    return {
      positions: {},
      ignored: [],
      problems: [
        'The header row has zero bytes in it, so the file is not a CSV file saved as text. If Excel saved it as "Unicode Text" (UTF-16), save it as "CSV UTF-8" and load it again.',
      ],
    };
  }
  const positions: Partial<Record<ColumnKey, number>> = {};
  const ignored: string[] = [];
  const problems: string[] = [];
  headers.forEach((header, index) => {
    const key = byKey.get(headerKey(header));
    if (!key) {
      if (header.trim() !== "") ignored.push(header);
      return;
    }
    if (positions[key] !== undefined) {
      problems.push(`The column "${columns[key].header}" appears twice (columns ${positions[key]! + 1} and ${index + 1}).`);
      return;
    }
    positions[key] = index;
  });
  for (const key of requiredColumns) {
    if (positions[key] === undefined) {
      const names = [columns[key].header, ...columns[key].aliases].map((n) => `"${n}"`).join(" or ");
      problems.push(`The file has no ${names} column, which every row needs.`);
    }
  }
  return { positions, ignored, problems };
}
