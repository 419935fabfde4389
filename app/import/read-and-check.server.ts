/*
 * Read and check: a second thread reads and checks the extract's rows
 * (reader-thread.server.ts); here each valid row's team and worker are
 * resolved (or, with createMissing, given ids below zero until the write
 * makes them), a repeated reference is compared with its first row, the
 * problems are counted and rejected rows written out, and the rows staged:
 * work rows and Service rows alike, each into its own staging table.
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { clockToday } from "~/platform/clock.server";
import { safeCsvRecord } from "~/platform/csv";
import { columns } from "./columns";
import type { FileEncoding } from "./csv-records";
import type { ImportOptions, ImportReport } from "./pipeline.server";
import { startReaderThread } from "./reader-thread.server";
import { ITEM_FIELDS, ItemField, SERVICE_FIELDS, ServiceField, type InvalidRow, type RowBatch } from "./row-batches";
import type { RowProblem, WorkTypeRule } from "./rows";
import { ReferenceSet } from "./reference-set";
import { ITEM_COLUMNS, SERVICE_COLUMNS, type ItemColumn, type ServiceColumn, type StagedValue, type StagingTable } from "./staging.server";
import { valueKey } from "./values";

export const PROBLEM_LIST_CAP = 200;

/** About what a row of an extract takes (a first load's 1,133,000 rows are 242 MB): sizes the set of references seen, which grows if the rows are shorter. */
const BYTES_PER_ROW = 200;

/** What reading the file found besides its rows: its hash, the teams and workers to make (ids below zero), and the teams of the rows staged. */
export interface ReadResult {
  sha256: string;
  newTeams: Map<number, string>;
  newWorkers: Map<number, { teamId: number; name: string }>;
  /** The team of every staged row, work row or Service row (below zero: a team to make). */
  stagedTeams: Set<number>;
}

/**
 * Reads the file with `encoding` into `staging` (work rows) and
 * `serviceStaging` (Service rows), counting into `report`. Run
 * under the load's read snapshot: the teams, workers, work types and
 * outcomes it checks against are read here, from that snapshot.
 */
export async function readAndCheck(
  sqlite: Database.Database,
  staging: StagingTable,
  serviceStaging: StagingTable,
  options: ImportOptions,
  encoding: FileEncoding,
  totalBytes: number,
  report: ImportReport,
): Promise<ReadResult> {
  const problem = (p: RowProblem) => {
    report.problemCount += 1;
    if (report.problems.length < PROBLEM_LIST_CAP) report.problems.push(p);
  };
  let rejects: { fd: number; header: string[] } | null = null;

  const teams = sqlite.prepare("select id, name from teams").all() as { id: number; name: string }[];
  const teamIds = new Map(teams.map((t) => [valueKey(t.name), t.id]));
  const workers = sqlite.prepare("select id, team_id, name from workers where team_id is not null").all() as { id: number; team_id: number; name: string }[];
  const workerIds = new Map(workers.map((w) => [`${w.team_id}|${valueKey(w.name)}`, w.id]));
  // Names by id, to say how two rows of one reference differ.
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const workerNames = new Map(workers.map((w) => [w.id, w.name]));
  const workTypes = sqlite.prepare("select id, code, name, timescale, timescale_unit as timescaleUnit from work_types").all() as (WorkTypeRule & { id: number })[];
  const outcomeRows = sqlite.prepare("select id, value from outcomes").all() as { id: number; value: string }[];
  // Teams and workers the file names and Primed does not have (with createMissing): they
  // are given ids below zero here, and made, with real ids, only when the rows are written.
  const newTeams = new Map<number, string>();
  const newWorkers = new Map<number, { teamId: number; name: string }>();
  const stagedTeams = new Set<number>();

  const workTypeNames = new Map(workTypes.map((t) => [t.id, t.name]));
  /** A staged value as the file's reader knows it: names for ids, "(empty)" for nothing. */
  const shown = (column: ItemColumn, value: StagedValue): string => {
    if (value === null) return "(empty)";
    const named =
      column === "team_id"
        ? (teamNames.get(value as number) ?? newTeams.get(value as number))
        : column === "worker_id"
          ? (workerNames.get(value as number) ?? newWorkers.get(value as number)?.name)
          : column === "work_type_id"
            ? workTypeNames.get(value as number)
            : undefined;
    return named ?? String(value);
  };
  /**
   * Every reference given so far, with the row it first appeared on: a work
   * row's line as it is, a Service row's below zero, and 0 for a service
   * already stored (loaded first, so a work row with its reference is found
   * by the one look-up every row makes anyway). One reference is one thing:
   * never both a work item and a service.
   */
  const seen = ReferenceSet.sizedFor(totalBytes / BYTES_PER_ROW);
  const STORED_SERVICE = 0;
  for (const ref of sqlite.prepare("select source_ref from care_services").pluck().iterate() as IterableIterator<string>) seen.firstRowOrAdd(ref, STORED_SERVICE);
  const isStoredService = sqlite.prepare("select 1 from care_services where source_ref = ?").pluck();
  const isStoredItem = sqlite.prepare("select 1 from work_items where source_ref = ?").pluck();
  // A first load has no work items to look each service up in.
  const anyStoredItems = sqlite.prepare("select exists (select 1 from work_items)").pluck().get() === 1;
  const bothKinds = (line: number, sourceRef: string, problemText: string, cells: string[] | undefined) => {
    problem({
      row: line,
      column: "Event Reference",
      value: sourceRef,
      problem: problemText,
      kind: "is both a work item's and a service's",
      accepted: "an Event Reference of its own for each work item and each service",
    });
    reject(cells ?? [], `Event Reference ${sourceRef} ${problemText}`);
  };
  let header: string[] = [];

  const reject = (cells: string[], reasons: string) => {
    report.rejected += 1;
    if (!options.skipInvalid || !options.rejectsPath) return;
    if (!rejects) {
      fs.mkdirSync(path.dirname(path.resolve(options.rejectsPath)), { recursive: true });
      rejects = { fd: fs.openSync(options.rejectsPath, "w"), header };
      // Opened in a spreadsheet to be put right: made safe like every download.
      fs.writeSync(rejects.fd, safeCsvRecord([...header, "Reason"]));
      report.rejectsPath = options.rejectsPath;
    }
    fs.writeSync(rejects.fd, safeCsvRecord([...cells, reasons]));
  };

  const teamFor = (team: string, line: number): number | null => {
    const key = valueKey(team);
    let id = teamIds.get(key);
    if (id === undefined && options.createMissing) {
      id = -(newTeams.size + 1);
      newTeams.set(id, team);
      teamIds.set(key, id);
      report.created.teams.push(team);
    }
    if (id === undefined) {
      problem({
        row: line,
        column: "Team",
        value: team,
        problem: "is not a team Primed knows",
        accepted: "the name of a team set up in Primed, or choose to create missing teams and workers",
      });
      return null;
    }
    return id;
  };

  const workerFor = (worker: string | null, team: string, teamId: number, line: number): number | null | undefined => {
    if (worker === null) return null;
    const key = `${teamId}|${valueKey(worker)}`;
    let id = workerIds.get(key);
    if (id === undefined && options.createMissing) {
      id = -(newWorkers.size + 1);
      newWorkers.set(id, { teamId, name: worker });
      workerIds.set(key, id);
      report.created.workers.push(`${worker} (${team})`);
    }
    if (id === undefined) {
      problem({
        row: line,
        column: "Worker",
        value: worker,
        problem: `is not a worker in ${team}`,
        accepted: "the name of a worker in the row's team, or choose to create missing teams and workers",
      });
      return undefined;
    }
    return id;
  };

  /**
   * Resolves a valid row's team and worker (a work row's or a Service row's) into `resolved`, or answers false
   * when either is not known: the row is then rejected. One object reused for every row: no garbage per row.
   */
  const resolved = { teamId: 0, workerId: null as number | null };
  const teamAndWorker = (team: string, worker: string | null, line: number, cells: string[] | undefined): boolean => {
    const before = report.problemCount;
    const teamId = teamFor(team, line);
    const workerId = teamId === null ? undefined : workerFor(worker, team, teamId, line);
    if (teamId === null || workerId === undefined) {
      reject(
        cells ?? [],
        report.problems
          .slice(before)
          .map((p) => `${p.column} ${p.problem}`)
          .join("; ") || "team or worker not known",
      );
      return false;
    }
    resolved.teamId = teamId;
    resolved.workerId = workerId;
    return true;
  };

  /** One valid row from the reader thread: its team and worker resolved, then written (or compared, if repeated). */
  const takeItem = (items: RowBatch["items"], at: number, cells: string[] | undefined) => {
    const line = items[at + ItemField.Row] as number;
    const sourceRef = items[at + ItemField.SourceRef] as string;
    const team = items[at + ItemField.Team] as string;
    const worker = items[at + ItemField.Worker] as string | null;
    if (!teamAndWorker(team, worker, line, cells)) return;
    const { teamId, workerId } = resolved;
    const values = items.slice(at + ItemField.SourceRef, at + ITEM_FIELDS);
    // The file names the team and worker; the work item keeps their ids.
    values[ItemField.Team - ItemField.SourceRef] = teamId;
    values[ItemField.Worker - ItemField.SourceRef] = workerId;
    const firstRow = seen.firstRowOrAdd(sourceRef, line);
    if (firstRow !== undefined && firstRow <= STORED_SERVICE) {
      // A Service row's reference (in this file, or stored), unless two references share a hash.
      if (firstRow === STORED_SERVICE ? isStoredService.get(sourceRef) !== undefined : serviceStaging.firstStaged(sourceRef, -firstRow) !== undefined) {
        const where =
          firstRow === STORED_SERVICE ? "is already a service's (a Service row of an earlier extract)" : `is a service's on row ${-firstRow} and a work item's on row ${line}`;
        return bothKinds(line, sourceRef, where, cells);
      }
    } else if (firstRow !== undefined) {
      // Repeated in this file: compare with its first row (one look-up by key, for repeats only).
      const staged = staging.firstStaged(sourceRef, firstRow);
      if (staged) {
        const { values: first, line: firstLine } = staged;
        const differences = ITEM_COLUMNS.flatMap((column, i) =>
          // The outcome's id follows from its wording, listed under Event Outcome.
          column === "outcome_id" || sameValue(first[i + 1]!, values[i + 1]!)
            ? []
            : [`${COLUMN_NAMES[column]}: ${shown(column, first[i + 1]!)} and ${shown(column, values[i + 1]!)}`],
        );
        if (differences.length > 0) repeatedDifferently(sourceRef, firstLine, line, differences, cells);
        // Identical: the same work item twice, counted once.
        return;
      }
      // A different reference that shares its hash with one seen before: staged as new.
    }
    // Rows are staged even once the file is known to be refused, so that a
    // repeated reference can be compared.
    staging.add(line, values);
    stagedTeams.add(teamId);
  };

  /** A reference repeated in the file with different values, work row or Service row: a problem, and the row rejected. */
  const repeatedDifferently = (sourceRef: string, firstLine: number, line: number, differences: string[], cells: string[] | undefined) => {
    const differ = `appears on rows ${firstLine} and ${line} with different values (${differences.join("; ")})`;
    problem({
      row: line,
      column: "Event Reference",
      value: sourceRef,
      problem: differ,
      kind: "appears on two rows with different values",
      accepted: "each Event Reference once, or repeated only with identical values",
    });
    reject(cells ?? [], `Event Reference ${sourceRef} ${differ}`);
  };

  /** One valid Service row from the reader thread, taken as a work row is. */
  const takeService = (services: RowBatch["services"], at: number, cells: string[] | undefined) => {
    const line = services[at + ServiceField.Row] as number;
    const sourceRef = services[at + ServiceField.SourceRef] as string;
    const team = services[at + ServiceField.Team] as string;
    const worker = services[at + ServiceField.Worker] as string | null;
    if (!teamAndWorker(team, worker, line, cells)) return;
    const { teamId, workerId } = resolved;
    const values = services.slice(at + ServiceField.SourceRef, at + SERVICE_FIELDS);
    values[ServiceField.Team - ServiceField.SourceRef] = teamId;
    values[ServiceField.Worker - ServiceField.SourceRef] = workerId;
    const firstRow = seen.firstRowOrAdd(sourceRef, -line);
    if (firstRow === undefined) {
      // New to this file: a work item's reference already stored cannot become a service's.
      if (anyStoredItems && isStoredItem.get(sourceRef) !== undefined) return bothKinds(line, sourceRef, "is already a work item's (a work row of an earlier extract)", cells);
    } else if (firstRow === STORED_SERVICE) {
      // A stored service, given again: an update. Its row here is the one later repeats compare with.
      seen.setRow(sourceRef, -line);
    } else if (firstRow > 0) {
      if (staging.firstStaged(sourceRef, firstRow) !== undefined) return bothKinds(line, sourceRef, `is a work item's on row ${firstRow} and a service's on row ${line}`, cells);
    } else {
      const staged = serviceStaging.firstStaged(sourceRef, -firstRow);
      if (staged) {
        const { values: first, line: firstLine } = staged;
        const differences = SERVICE_COLUMNS.flatMap((column, i) =>
          // The mapped Service Type follows from its wording, listed under Service Type; the weekly cost from the cost columns.
          column === "service_type" || column === "weekly_cost" || sameValue(first[i + 1]!, values[i + 1]!)
            ? []
            : [`${SERVICE_COLUMN_NAMES[column]}: ${shownService(column, first[i + 1]!)} and ${shownService(column, values[i + 1]!)}`],
        );
        if (differences.length > 0) repeatedDifferently(sourceRef, firstLine, line, differences, cells);
        return;
      }
    }
    serviceStaging.add(line, values);
    stagedTeams.add(teamId);
  };
  /** A staged service's value as the file's reader knows it. */
  const shownService = (column: ServiceColumn, value: StagedValue): string => {
    if (column === "age_at_start") return value === null ? "(no Date of Birth)" : `age ${value} at the start`;
    return column === "team_id" || column === "worker_id" ? shown(column, value) : value === null ? "(empty)" : String(value);
  };

  const takeInvalid = (row: InvalidRow) => {
    row.problems.forEach(problem);
    reject(row.cells, row.problems.map((p) => `${p.column} ${p.problem}`).join("; "));
  };

  const reader = startReaderThread({
    file: options.file,
    encoding,
    workTypes,
    outcomes: outcomeRows,
    today: clockToday(),
    keepCells: Boolean(options.skipInvalid && options.rejectsPath),
  });
  let sha256 = "";
  try {
    for await (const message of reader.messages) {
      if (message.type === "header") {
        header = message.header;
        report.ignoredColumns = message.ignored;
        report.fileProblems.push(...message.problems);
      } else if (message.type === "rows") {
        report.rowsRead += message.rowsRead;
        // Work rows, Service rows and invalid rows, merged back into file order.
        const { items, invalid, itemCells, services, serviceCells } = message;
        let next = 0;
        let nextService = 0;
        let serviceRow = services.length > 0 ? (services[0] as number) : Infinity;
        for (let at = 0, n = 0; at < items.length; at += ITEM_FIELDS, n += 1) {
          const row = items[at] as number;
          while (serviceRow < row || (next < invalid.length && invalid[next]!.row < row)) {
            if (next < invalid.length && invalid[next]!.row < serviceRow) takeInvalid(invalid[next++]!);
            else {
              takeService(services, nextService * SERVICE_FIELDS, serviceCells?.[nextService]);
              nextService += 1;
              serviceRow = nextService * SERVICE_FIELDS < services.length ? (services[nextService * SERVICE_FIELDS] as number) : Infinity;
            }
          }
          takeItem(items, at, itemCells?.[n]);
        }
        while (serviceRow < Infinity || next < invalid.length) {
          if (next < invalid.length && invalid[next]!.row < serviceRow) takeInvalid(invalid[next++]!);
          else {
            takeService(services, nextService * SERVICE_FIELDS, serviceCells?.[nextService]);
            nextService += 1;
            serviceRow = nextService * SERVICE_FIELDS < services.length ? (services[nextService * SERVICE_FIELDS] as number) : Infinity;
          }
        }
        options.onProgress?.({ bytesRead: message.bytesRead, totalBytes, rowsRead: report.rowsRead });
      } else {
        sha256 = message.sha256;
        if (message.fileProblem) report.fileProblems.push(message.fileProblem);
      }
    }
  } finally {
    await reader.stop();
    if (rejects) fs.closeSync((rejects as { fd: number }).fd);
  }
  staging.flush();
  serviceStaging.flush();
  return { sha256, newTeams, newWorkers, stagedTeams };
}

/** The file's name for each work item column, to say how two rows differ. */
const COLUMN_NAMES: Record<ItemColumn, string> = {
  person_ref: columns.personRef.header,
  work_type_id: columns.workType.header,
  team_id: columns.team.header,
  worker_id: columns.worker.header,
  received_on: columns.startDate.header,
  allocated_on: columns.allocatedDate.header,
  due_on: columns.dueDate.header,
  completed_on: columns.endDate.header,
  outcome_id: columns.outcome.header,
  outcome_raw: columns.outcome.header,
  event_type: columns.eventType.header,
  client_type: columns.clientType.header,
  route_of_access: columns.routeOfAccess.header,
  assessment_type: columns.assessmentType.header,
  review_reason: columns.reviewReason.header,
  description: columns.description.header,
};

/** A staged value and a new one alike (as SQLite's `is` compares them: a number read back as stored). */
function sameValue(staged: StagedValue, value: StagedValue): boolean {
  return staged === value || (staged !== null && value !== null && String(staged) === String(value));
}

/** The file's name for each service column, to say how two rows differ. */
const SERVICE_COLUMN_NAMES: Record<ServiceColumn, string> = {
  person_ref: columns.personRef.header,
  team_id: columns.team.header,
  worker_id: columns.worker.header,
  service_type: columns.serviceType.header,
  service_type_raw: columns.serviceType.header,
  starts_on: columns.startDate.header,
  ends_on: columns.endDate.header,
  unit_cost: columns.unitCost.header,
  cost_frequency: columns.costFrequency.header,
  planned_units: columns.plannedUnits.header,
  weekly_cost: columns.unitCost.header,
  age_at_start: columns.dateOfBirth.header,
  service_component: columns.serviceComponent.header,
  delivery_mechanism: columns.deliveryMechanism.header,
  provider_location: columns.providerLocation.header,
};
