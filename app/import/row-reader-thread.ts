/*
 * The import's second thread: it reads the file, parses the CSV and checks
 * every row, while the main thread writes the rows before it to SQLite. The
 * two halves cost about the same, so on two cores a load takes about half as
 * long. It never touches the database: everything it needs comes in its setup.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { giveWayToPeople } from "../platform/background-priority.server";
import { matchHeaders } from "./columns";
import { CsvShapeError, NotUtf8Error, readCsv } from "./csv-records";
import { BATCH_ROWS, MAX_IN_FLIGHT, type InvalidRow, type ReaderMessage, type RowBatch, type RowReaderSetup } from "./row-batches";
import { RowReader } from "./rows";
import { OutcomeResolver } from "./values";

// Nobody waits on the reading as they wait on a page.
giveWayToPeople();

const setup = workerData as RowReaderSetup;
const inFlight = new Int32Array(setup.inFlight);
const post = (message: ReaderMessage) => parentPort!.postMessage(message);

const workTypeIds = new Map(setup.workTypes.map((t) => [t.code, t.id]));
const outcomeIds = new Map(setup.outcomes.map((o) => [o.value, o.id]));
const outcomes = new OutcomeResolver(setup.outcomes.map((o) => o.value));
const hash = createHash("sha256");
let bytesRead = 0;
let headerSeen = false;
let rows: RowReader | undefined;

const emptyBatch = (): RowBatch => ({
  type: "rows",
  items: [],
  itemCells: setup.keepCells ? [] : null,
  services: [],
  serviceCells: setup.keepCells ? [] : null,
  invalid: [],
  rowsRead: 0,
  bytesRead: 0,
});
let batch = emptyBatch();

/** Sends the batch, first waiting while the writer has MAX_IN_FLIGHT batches still to take. */
function send() {
  if (batch.rowsRead === 0) return;
  for (let waiting = Atomics.load(inFlight, 0); waiting >= MAX_IN_FLIGHT; waiting = Atomics.load(inFlight, 0)) {
    Atomics.wait(inFlight, 0, waiting);
  }
  Atomics.add(inFlight, 0, 1);
  batch.bytesRead = bytesRead;
  post(batch);
  batch = emptyBatch();
}

const stopReading = new Error("stop reading");

function onRecord(cells: string[], line: number) {
  if (!headerSeen) {
    headerSeen = true;
    const match = matchHeaders(cells);
    post({ type: "header", header: cells, ...match });
    if (match.problems.length > 0) throw stopReading;
    rows = new RowReader({ positions: match.positions, workTypes: setup.workTypes, outcomes, today: setup.today });
    return;
  }
  // Spreadsheets leave rows of empty cells at the end of a sheet.
  if (cells[0] === "" && cells.every((cell) => cell.trim() === "")) return;
  batch.rowsRead += 1;
  const result = rows!.read(cells, line);
  if (result.kind === "invalid") batch.invalid.push({ row: line, problems: result.problems, cells } satisfies InvalidRow);
  else if (result.kind === "service") {
    const service = result.service;
    batch.services.push(
      line,
      service.sourceRef,
      service.personRef,
      service.team,
      service.worker,
      service.serviceType,
      service.serviceTypeRaw,
      service.startsOn,
      service.endsOn,
      service.unitCost,
      service.costFrequency,
      service.plannedUnits,
      service.weeklyCost,
      service.ageAtStart,
      service.serviceComponent,
      service.deliveryMechanism,
      service.providerLocation,
    );
    batch.serviceCells?.push(cells);
  } else {
    const item = result.item;
    batch.items.push(
      line,
      item.sourceRef,
      item.personRef,
      workTypeIds.get(item.workTypeCode)!,
      item.team,
      item.worker,
      item.receivedOn,
      item.allocatedOn,
      item.dueOn,
      item.completedOn,
      item.outcome === null ? null : outcomeIds.get(item.outcome)!,
      item.outcomeRaw,
      item.eventType,
      item.clientType,
      item.routeOfAccess,
      item.assessmentType,
      item.reviewReason,
      item.description,
    );
    batch.itemCells?.push(cells);
  }
  if (batch.rowsRead === BATCH_ROWS) send();
}

/** Reads the whole file, then sends its hash and any problem with the file itself. */
async function readFile(): Promise<void> {
  let fileProblem: string | null = null;
  try {
    await readCsv(setup.file, setup.encoding, onRecord, (chunk, read) => {
      hash.update(chunk);
      bytesRead = read;
    });
    send();
  } catch (error) {
    if (error instanceof NotUtf8Error) return post({ type: "failed", kind: "not_utf8", message: error.message });
    if (error instanceof CsvShapeError) fileProblem = error.message;
    else if (error !== stopReading) {
      return post({ type: "failed", kind: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  // Reading stopped early (a bad header, a broken quote): the history still records the whole file's hash.
  const totalBytes = fs.statSync(setup.file).size;
  if (bytesRead < totalBytes) {
    for await (const chunk of fs.createReadStream(setup.file, { start: bytesRead })) hash.update(chunk as Buffer);
  }
  post({ type: "end", sha256: hash.digest("hex"), bytesRead: totalBytes, fileProblem: headerSeen ? fileProblem : "The file is empty: it has no header row." });
}

await readFile();
