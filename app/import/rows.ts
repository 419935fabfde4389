/*
 * One row of the extract into one work item, or the reasons it cannot be:
 * each reason names the column, the value, what is wrong and what is accepted.
 */
import { defaultDueDate } from "~/calendar/due-dates";
import type { IsoDate } from "~/dates";
import type { TimescaleUnit } from "../../db/schema";
import { columns, type ColumnKey } from "./columns";
import { OutcomeResolver, parseDate, parseEventType, valueKey, workTypeOfEvent, type Parsed } from "./values";

export interface RowProblem {
  /** The row's line in the file, counting the header as line 1. */
  row: number;
  column: string;
  value: string;
  problem: string;
  accepted: string;
}

export interface ImportedItem {
  sourceRef: string;
  personRef: string;
  workTypeCode: string;
  team: string;
  worker: string | null;
  receivedOn: IsoDate;
  allocatedOn: IsoDate | null;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  outcome: string | null;
  outcomeRaw: string | null;
  eventType: string;
  clientType: string | null;
  routeOfAccess: string | null;
  assessmentType: string | null;
  reviewReason: string | null;
  description: string | null;
}

export interface WorkTypeRule {
  code: string;
  name: string;
  timescale: number;
  timescaleUnit: TimescaleUnit;
}

export interface RowContext {
  positions: Partial<Record<ColumnKey, number>>;
  workTypes: WorkTypeRule[];
  outcomes: OutcomeResolver;
}

export type RowResult =
  | { kind: "item"; item: ImportedItem }
  | { kind: "not_work" }
  | { kind: "invalid"; problems: RowProblem[] };

const MAX_TEXT = 500;

export function readRow(record: string[], line: number, context: RowContext): RowResult {
  const problems: RowProblem[] = [];
  const cell = (key: ColumnKey): string => {
    const index = context.positions[key];
    return index === undefined ? "" : (record[index] ?? "").trim();
  };
  const fail = (key: ColumnKey, value: string, problem: string, accepted: string) => {
    problems.push({ row: line, column: columns[key].header, value, problem, accepted });
  };
  const take = <T>(key: ColumnKey, parsed: Parsed<T>, value: string): T | null => {
    if (parsed.ok) return parsed.value;
    fail(key, value, parsed.problem, parsed.accepted);
    return null;
  };
  const required = (key: ColumnKey, what: string): string => {
    const value = cell(key);
    if (value === "") fail(key, value, "is empty", what);
    return value;
  };
  const text = (key: ColumnKey): string | null => {
    const value = cell(key);
    if (value.length > MAX_TEXT) fail(key, `${value.slice(0, 40)}...`, `is longer than ${MAX_TEXT} characters`, `at most ${MAX_TEXT} characters`);
    return value === "" ? null : value;
  };
  const optionalDate = (key: ColumnKey): IsoDate | null => {
    const value = cell(key);
    return value === "" ? null : take(key, parseDate(value), value);
  };

  const eventTypeRaw = required("eventType", "the CLD Event Type: Request, Assessment, Review, Safeguarding Concern or Section 42 Enquiry");
  const eventType = eventTypeRaw === "" ? null : take("eventType", parseEventType(eventTypeRaw), eventTypeRaw);
  if (eventType === "Services") return { kind: "not_work" };

  const sourceRef = required("eventReference", "the event's unique reference from the care system");
  const personRef = required("personRef", "the person's pseudonymous reference (LA Person Unique Identifier or NHS Number)");
  const team = required("team", "the name of the team the work is with");
  const startRaw = required("startDate", "the date the work started, dd/mm/yyyy or yyyy-mm-dd");
  const receivedOn = startRaw === "" ? null : take("startDate", parseDate(startRaw), startRaw);
  const completedOn = optionalDate("endDate");
  const allocatedOn = optionalDate("allocatedDate");
  const dueGiven = optionalDate("dueDate");
  const worker = text("worker");
  const clientType = text("clientType");
  const assessmentType = text("assessmentType");
  const reviewReason = text("reviewReason");
  for (const key of ["eventReference", "personRef", "team"] as const) {
    if (cell(key).length > 200) fail(key, `${cell(key).slice(0, 40)}...`, "is longer than 200 characters", "at most 200 characters");
  }

  let workType: WorkTypeRule | undefined;
  const workTypeRaw = cell("workType");
  if (workTypeRaw !== "") {
    workType = context.workTypes.find((t) => valueKey(t.name) === valueKey(workTypeRaw) || valueKey(t.code) === valueKey(workTypeRaw));
    if (!workType) fail("workType", workTypeRaw, "is not a work type Primed knows", context.workTypes.map((t) => t.name).join(", "));
  } else if (eventType) {
    const code = take(
      "assessmentType",
      workTypeOfEvent({ eventType, clientType: clientType ?? "", assessmentType: assessmentType ?? "", reviewReason: reviewReason ?? "" }),
      assessmentType ?? "",
    );
    workType = code ? context.workTypes.find((t) => t.code === code) : undefined;
  }

  if (eventType && !workType && problems.length === 0) {
    fail("eventType", eventTypeRaw, "has no matching work type set up in Primed", "ask the administrator to add the work type");
  }

  const outcomeRaw = text("outcome");
  const outcome = outcomeRaw === null ? null : take("outcome", context.outcomes.resolve(outcomeRaw), outcomeRaw);

  if (receivedOn) {
    if (completedOn && completedOn < receivedOn) {
      fail("endDate", cell("endDate"), "is before the Event Start Date", "an end date on or after the start date");
    }
    if (dueGiven && dueGiven < receivedOn) {
      fail("dueDate", cell("dueDate"), "is before the Event Start Date", "a due date on or after the start date");
    }
    if (allocatedOn && allocatedOn < receivedOn) {
      fail("allocatedDate", cell("allocatedDate"), "is before the Event Start Date", "an allocated date on or after the start date");
    }
  }
  if (outcomeRaw !== null && completedOn === null) {
    fail("outcome", outcomeRaw, "is given for work that has no Event End Date", "an empty outcome while the work is open, or an end date");
  }
  if (worker !== null && allocatedOn === null) {
    fail("allocatedDate", "", "is empty although a Worker is named", "the date the work was allocated to the worker");
  }
  if (worker === null && allocatedOn !== null) {
    fail("worker", "", "is empty although an Allocated Date is given", "the name of the worker the work was allocated to");
  }

  if (problems.length > 0 || !receivedOn || !eventType || !workType) return { kind: "invalid", problems };
  return {
    kind: "item",
    item: {
      sourceRef,
      personRef,
      workTypeCode: workType.code,
      team,
      worker,
      receivedOn,
      allocatedOn,
      dueOn: dueGiven ?? defaultDueDate(receivedOn, workType),
      completedOn,
      outcome,
      outcomeRaw,
      eventType,
      clientType,
      routeOfAccess: text("routeOfAccess"),
      assessmentType,
      reviewReason,
      description: text("description"),
    },
  };
}
