/*
 * One row of the extract into one work item or one service, or the reasons it cannot be:
 * each reason names the column, the value, what is wrong and what is accepted.
 * A RowReader is made once per file: it runs for every row, so it keeps its
 * work per row small.
 */
import { defaultDueDate } from "~/calendar/due-dates";
import {
  ageOn,
  COST_FREQUENCIES_ACCEPTED,
  needsPlannedUnits,
  parseCostFrequency,
  parseServiceType,
  SERVICE_TYPES_ACCEPTED,
  weeklyCost,
  type CostFrequency,
  type ServiceTypeCode,
} from "~/care/service-types";
import type { IsoDate } from "~/dates";
import type { TimescaleUnit } from "../../db/schema";
import { columns, type ColumnKey } from "./columns";
import { ownCopy } from "./own-copy";
import { OutcomeResolver, parseAmount, parseDate, parseEventType, valueKey, workTypeOfEvent, type Parsed } from "./values";

export interface RowProblem {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string;
  value: string;
  problem: string;
  accepted: string;
  /** The kind of problem, when `problem` carries this row's own details (rows, values); else `problem` is its kind. */
  kind?: string;
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

/**
 * A Service row (docs/definitions.md#care-and-support): one line of a person's care package.
 * The Date of Birth is read only to work out the age on the start date, and goes no further.
 */
export interface ImportedService {
  sourceRef: string;
  personRef: string;
  team: string;
  worker: string | null;
  serviceType: ServiceTypeCode;
  serviceTypeRaw: string;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  unitCost: number | null;
  costFrequency: CostFrequency | null;
  plannedUnits: number | null;
  weeklyCost: number;
  ageAtStart: number | null;
  serviceComponent: string | null;
  deliveryMechanism: string | null;
  providerLocation: string | null;
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
  /** Today (the clock's, so PRIMED_TODAY holds): a Date of Birth after it is refused. */
  today: IsoDate;
}

export type RowResult = { kind: "item"; item: ImportedItem } | { kind: "service"; service: ImportedService } | { kind: "invalid"; problems: RowProblem[] };

const MAX_TEXT = 500;
const MAX_KEY = 200;

export class RowReader {
  private record: string[] = [];
  private row = 0;
  private problems: RowProblem[] = [];
  private readonly workTypeByKey: Map<string, WorkTypeRule>;
  private readonly workTypeByCode: Map<string, WorkTypeRule>;
  // An extract repeats a handful of Service Types and frequencies a hundred thousand times: each is matched once.
  private readonly serviceTypeByRaw = new Map<string, ServiceTypeCode | null>();
  private readonly frequencyByRaw = new Map<string, CostFrequency | null>();

  constructor(private readonly context: RowContext) {
    this.workTypeByCode = new Map(context.workTypes.map((t) => [t.code, t]));
    this.workTypeByKey = new Map(
      context.workTypes.flatMap(
        (t) =>
          [
            [valueKey(t.name), t],
            [valueKey(t.code), t],
          ] as [string, WorkTypeRule][],
      ),
    );
  }

  private cell(key: ColumnKey): string {
    const index = this.context.positions[key];
    return index === undefined ? "" : (this.record[index] ?? "").trim();
  }

  private fail(key: ColumnKey, value: string, problem: string, accepted: string) {
    this.problems.push({ row: this.row, column: columns[key].header, value, problem, accepted });
  }

  private take<T>(key: ColumnKey, parsed: Parsed<T>, value: string): T | null {
    if (parsed.ok) return parsed.value;
    this.fail(key, value, parsed.problem, parsed.accepted);
    return null;
  }

  private required(key: ColumnKey, what: string, maxLength = MAX_KEY): string {
    const value = this.cell(key);
    if (value === "") this.fail(key, value, "is empty", what);
    else if (value.length > maxLength) this.fail(key, `${value.slice(0, 40)}...`, `is longer than ${maxLength} characters`, `at most ${maxLength} characters`);
    return value;
  }

  private text(key: ColumnKey): string | null {
    const value = this.cell(key);
    if (value.length > MAX_TEXT) this.fail(key, `${value.slice(0, 40)}...`, `is longer than ${MAX_TEXT} characters`, `at most ${MAX_TEXT} characters`);
    return value === "" ? null : value;
  }

  private date(key: ColumnKey): IsoDate | null {
    const value = this.cell(key);
    return value === "" ? null : this.take(key, parseDate(value), value);
  }

  read(record: string[], row: number): RowResult {
    this.record = record;
    this.row = row;
    this.problems = [];

    const eventTypeRaw = this.required("eventType", "the CLD Event Type: Request, Assessment, Review, Safeguarding Concern, Section 42 Enquiry or Service");
    const eventType = eventTypeRaw === "" ? null : this.take("eventType", parseEventType(eventTypeRaw), eventTypeRaw);
    if (eventType === "Service") return this.readService();

    const sourceRef = this.required("eventReference", "the event's unique reference from the care system");
    const personRef = this.required("personRef", "the person's pseudonymous reference (LA Person Unique Identifier or NHS Number)");
    const team = this.required("team", "the name of the team the work is with");
    const startRaw = this.required("startDate", "the date the work started, dd/mm/yyyy or yyyy-mm-dd");
    const receivedOn = startRaw === "" ? null : this.take("startDate", parseDate(startRaw), startRaw);
    const completedOn = this.date("endDate");
    const allocatedOn = this.date("allocatedDate");
    const dueGiven = this.date("dueDate");
    const worker = this.text("worker");
    const clientType = this.text("clientType");
    const assessmentType = this.text("assessmentType");
    const reviewReason = this.text("reviewReason");

    let workType: WorkTypeRule | undefined;
    const workTypeRaw = this.cell("workType");
    if (workTypeRaw !== "") {
      workType = this.workTypeByKey.get(valueKey(workTypeRaw));
      if (!workType) this.fail("workType", workTypeRaw, "is not a work type Primed knows", this.context.workTypes.map((t) => t.name).join(", "));
    } else if (eventType) {
      const code = this.take(
        "assessmentType",
        workTypeOfEvent({ eventType, clientType: clientType ?? "", assessmentType: assessmentType ?? "", reviewReason: reviewReason ?? "" }),
        assessmentType ?? "",
      );
      workType = code ? this.workTypeByCode.get(code) : undefined;
      if (code && !workType) this.fail("eventType", eventTypeRaw, "has no matching work type set up in Primed", "ask the administrator to add the work type");
    }

    const outcomeRaw = this.text("outcome");
    const outcome = outcomeRaw === null ? null : this.take("outcome", this.context.outcomes.resolve(outcomeRaw), outcomeRaw);

    if (receivedOn) {
      if (completedOn && completedOn < receivedOn) {
        this.fail("endDate", this.cell("endDate"), "is before the Event Start Date", "an end date on or after the start date");
      }
      if (dueGiven && dueGiven < receivedOn) {
        this.fail("dueDate", this.cell("dueDate"), "is before the Event Start Date", "a due date on or after the start date");
      }
      if (allocatedOn && allocatedOn < receivedOn) {
        this.fail("allocatedDate", this.cell("allocatedDate"), "is before the Event Start Date", "an allocated date on or after the start date");
      }
    }
    if (outcomeRaw !== null && completedOn === null) {
      this.fail("outcome", outcomeRaw, "is given for work that has no Event End Date", "an empty outcome while the work is open, or an end date");
    }
    if (worker !== null && allocatedOn === null) {
      this.fail("allocatedDate", "", "is empty although a Worker is named", "the date the work was allocated to the worker");
    }
    if (worker === null && allocatedOn !== null) {
      this.fail("worker", "", "is empty although an Allocated Date is given", "the name of the worker the work was allocated to");
    }

    if (this.problems.length > 0 || !receivedOn || !eventType || !workType) return { kind: "invalid", problems: this.problems };
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
        routeOfAccess: this.text("routeOfAccess"),
        assessmentType,
        reviewReason,
        description: this.text("description"),
      },
    };
  }

  private amount(key: ColumnKey, money: boolean): number | null {
    const value = this.cell(key);
    return value === "" ? null : this.take(key, parseAmount(value, money), value);
  }

  /** A Service row: Allocated Date, Due Date and Work Type do not apply to services, and are not read. */
  private readService(): RowResult {
    const sourceRef = this.required("eventReference", "the service's unique reference from the care system");
    const personRef = this.required("personRef", "the person's pseudonymous reference (LA Person Unique Identifier or NHS Number)");
    const team = this.required("team", "the name of the team responsible for the person's support");
    const startRaw = this.required("startDate", "the date the service started, dd/mm/yyyy or yyyy-mm-dd");
    const startsOn = startRaw === "" ? null : this.take("startDate", parseDate(startRaw), startRaw);
    const endsOn = this.date("endDate");
    const worker = this.text("worker");

    const serviceTypeRaw = this.required("serviceType", SERVICE_TYPES_ACCEPTED, MAX_TEXT);
    const serviceType = serviceTypeRaw === "" ? null : remembered(this.serviceTypeByRaw, serviceTypeRaw, parseServiceType);
    if (serviceTypeRaw !== "" && serviceType === null) this.fail("serviceType", serviceTypeRaw, "is not a Service Type Primed knows", SERVICE_TYPES_ACCEPTED);

    const unitCost = this.amount("unitCost", true);
    const plannedUnits = this.amount("plannedUnits", false);
    const frequencyRaw = this.cell("costFrequency");
    const costFrequency = frequencyRaw === "" ? null : remembered(this.frequencyByRaw, frequencyRaw, parseCostFrequency);
    if (frequencyRaw !== "" && costFrequency === null) {
      this.fail("costFrequency", frequencyRaw, "is not a Cost Frequency Primed knows", COST_FREQUENCIES_ACCEPTED);
    } else if (frequencyRaw === "" && this.cell("unitCost") !== "") {
      // A cost without its frequency cannot be made a weekly cost: refused, not guessed.
      this.fail("costFrequency", "", "is empty although a Unit Cost is given", COST_FREQUENCIES_ACCEPTED);
    }
    if (costFrequency !== null && needsPlannedUnits(costFrequency) && this.cell("plannedUnits") === "") {
      // One wording whatever the frequency, so the problems group as one kind (problem-kinds.ts).
      this.fail("plannedUnits", "", "is empty although the Cost Frequency is Hourly or Per session", "the planned hours or sessions a week, so the weekly cost can be known");
    }

    const dobRaw = this.cell("dateOfBirth");
    const born = this.date("dateOfBirth");
    // Kept only as the age it gives on the start date (age_at_start): the date itself is stored nowhere.
    if (born !== null && born > this.context.today) {
      this.fail("dateOfBirth", dobRaw, "is in the future", "the person's date of birth, on or before today");
    } else if (born !== null && startsOn !== null && born > startsOn) {
      this.fail("dateOfBirth", dobRaw, "is after the Event Start Date", "the person's date of birth, on or before the service started");
    }

    if (startsOn && endsOn && endsOn < startsOn) {
      this.fail("endDate", this.cell("endDate"), "is before the Event Start Date", "an end date on or after the start date (the end date is the last day of service)");
    }
    const outcomeRaw = this.cell("outcome");
    if (outcomeRaw !== "") this.fail("outcome", outcomeRaw, "is given for a service", "an empty Event Outcome on Service rows: outcomes are for work");

    const serviceComponent = this.text("serviceComponent");
    const deliveryMechanism = this.text("deliveryMechanism");
    const providerLocation = this.text("providerLocation");
    if (this.problems.length > 0 || !startsOn || !serviceType) return { kind: "invalid", problems: this.problems };
    return {
      kind: "service",
      service: {
        sourceRef,
        personRef,
        team,
        worker,
        serviceType,
        serviceTypeRaw,
        startsOn,
        endsOn,
        unitCost,
        costFrequency,
        plannedUnits,
        // Not null: a frequency that needs planned units without them was refused above.
        weeklyCost: weeklyCost(unitCost, costFrequency, plannedUnits)!,
        ageAtStart: born === null ? null : ageOn(born, startsOn),
        serviceComponent,
        deliveryMechanism,
        providerLocation,
      },
    };
  }
}

/** The value of `raw` in `memory`, worked out by `parse` the first time (a file's few hundred values at most are kept). */
function remembered<T>(memory: Map<string, T | null>, raw: string, parse: (raw: string) => T | null): T | null {
  let value = memory.get(raw);
  if (value === undefined) {
    value = parse(raw);
    if (memory.size < 1000) memory.set(ownCopy(raw), value);
  }
  return value;
}
