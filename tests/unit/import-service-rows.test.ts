/* The row reader on Service rows (docs/definitions.md#care-and-support): what it reads, and each reason it refuses a row. */
import { describe, expect, it } from "vitest";
import { SERVICE_TYPES_ACCEPTED } from "~/care/service-types";
import { matchHeaders } from "~/import/columns";
import { problemKinds } from "~/import/problem-kinds";
import { RowReader, type RowResult } from "~/import/rows";
import { OutcomeResolver, parseAmount } from "~/import/values";
import { cldOutcomes } from "~/reference-data/reference-data";

const HEADER = [
  "LA Person Unique Identifier",
  "Event Type",
  "Event Reference",
  "Event Start Date",
  "Event End Date",
  "Event Outcome",
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

function reader(header = HEADER, today = "2026-06-30") {
  const match = matchHeaders(header);
  expect(match.problems).toEqual([]);
  expect(match.ignored).toEqual([]);
  return new RowReader({
    positions: match.positions,
    workTypes: [{ code: "request", name: "Request", timescale: 5, timescaleUnit: "working_days" }],
    outcomes: new OutcomeResolver(cldOutcomes),
    today,
  });
}

/** A Service row, with any cells changed by header. */
function row(cells: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  const base: Record<string, string> = {
    "LA Person Unique Identifier": "P1",
    "Event Type": "Service",
    "Event Reference": "S1",
    "Event Start Date": "10/01/2026",
    Team: "Team R",
    "Service Type": "Long term support: Residential care",
    "Unit Cost": "900",
    "Cost Frequency (Unit Type)": "Weekly",
    "Date of Birth": "01/05/1950",
  };
  return HEADER.map((h) => ({ ...base, ...cells })[h] ?? "");
}

function service(result: RowResult) {
  if (result.kind !== "service") throw new Error(`not a service: ${JSON.stringify(result)}`);
  return result.service;
}

function problems(result: RowResult) {
  if (result.kind !== "invalid") throw new Error(`not refused: ${JSON.stringify(result)}`);
  return result.problems;
}

describe("a Service row", () => {
  it("is read as a service, whether its Event Type is Service or Services, in any case", () => {
    for (const eventType of ["Service", "Services", "SERVICES", "service"]) {
      expect(reader().read(row({ "Event Type": eventType }), 2).kind).toBe("service");
    }
  });

  it("gives every column of the service, its weekly cost and the age on its start date, and no Date of Birth", () => {
    const s = service(
      reader().read(
        row({
          Worker: "Alex Worker",
          "Event End Date": "2026-05-31",
          "Service Component": "Residential care",
          "Delivery Mechanism": "Council managed",
          "Provider CQC Location ID": "1-123456789",
        }),
        2,
      ),
    );
    expect(s).toEqual({
      sourceRef: "S1",
      personRef: "P1",
      team: "Team R",
      worker: "Alex Worker",
      serviceType: "lt_residential",
      serviceTypeRaw: "Long term support: Residential care",
      startsOn: "2026-01-10",
      endsOn: "2026-05-31",
      unitCost: 900,
      costFrequency: "weekly",
      plannedUnits: null,
      weeklyCost: 900,
      ageAtStart: 75,
      serviceComponent: "Residential care",
      deliveryMechanism: "Council managed",
      providerLocation: "1-123456789",
    });
    expect(JSON.stringify(s)).not.toContain("1950");
  });

  it("maps Release 1 Service Type wording and keeps the value as loaded", () => {
    const s = service(reader().read(row({ "Service Type": "Carer Support: Direct to Carer" }), 2));
    expect(s).toMatchObject({ serviceType: "carer_direct", serviceTypeRaw: "Carer Support: Direct to Carer" });
  });

  it.each([
    ["22", "Hourly", "10", 220],
    ["15", "per session", "3", 45],
    ["60", "Daily", "", 420],
    ["40", "DAILY", "5", 200],
    ["900", "weekly", "", 900],
    ["1,200.50", "Fortnightly", "", 600.25],
    ["£1,200.50", "4-weekly", "", 300.125],
    ["520", "Monthly", "", 120],
    ["1,300", "Quarterly", "", 100],
    ["5,200", "Annually", "", 100],
    ["450", "One-off", "", 0],
    ["", "No charge to client", "", 0],
    ["", "", "", 0],
  ])("costs %s %s with %s planned units at %s a week", (u, f, p, w) => {
    const s = service(reader().read(row({ "Unit Cost": u, "Cost Frequency (Unit Type)": f, "Planned units per week": p }), 2));
    expect(s.weeklyCost).toBe(w);
  });

  it("reads Allocated Date, Due Date and Work Type on a service not at all, and needs no Allocated Date for its Worker", () => {
    const s = service(reader().read(row({ Worker: "Alex Worker", "Allocated Date": "not a date", "Due Date": "01/01/2020", "Work Type": "Nonsense" }), 2));
    expect(s.worker).toBe("Alex Worker");
  });

  it("takes the cost frequency from a Cost Frequency or a Unit Type column too", () => {
    for (const name of ["Cost Frequency", "unit_type", "COST FREQUENCY (UNIT TYPE)"]) {
      const header = HEADER.map((h) => (h === "Cost Frequency (Unit Type)" ? name : h));
      expect(service(reader(header).read(row(), 2)).costFrequency).toBe("weekly");
    }
  });

  it("leaves a work row's reading as it was: the service columns are not read on it", () => {
    const result = reader().read(row({ "Event Type": "Request", "Service Type": "Nonsense", "Unit Cost": "-5", "Date of Birth": "never" }), 2);
    expect(result.kind).toBe("item");
  });
});

describe("a Service row is refused, naming the row, the column, the value, what is wrong and what is accepted", () => {
  const cases: [string, Parameters<typeof row>[0], { column: string; value: string; problem: string | RegExp; accepted?: string | RegExp }][] = [
    [
      "an unknown Service Type",
      { "Service Type": "Home care" },
      { column: "Service Type", value: "Home care", problem: "is not a Service Type Primed knows", accepted: SERVICE_TYPES_ACCEPTED },
    ],
    ["no Service Type", { "Service Type": "" }, { column: "Service Type", value: "", problem: "is empty", accepted: SERVICE_TYPES_ACCEPTED }],
    [
      "an unknown Cost Frequency",
      { "Cost Frequency (Unit Type)": "Sometimes" },
      { column: "Cost Frequency (Unit Type)", value: "Sometimes", problem: "is not a Cost Frequency Primed knows", accepted: /Hourly, Per session, Daily/ },
    ],
    [
      "a Unit Cost without a Cost Frequency",
      { "Cost Frequency (Unit Type)": "" },
      { column: "Cost Frequency (Unit Type)", value: "", problem: "is empty although a Unit Cost is given" },
    ],
    [
      "Hourly without planned units",
      { "Unit Cost": "22", "Cost Frequency (Unit Type)": "Hourly" },
      { column: "Planned units per week", value: "", problem: "is empty although the Cost Frequency is Hourly or Per session" },
    ],
    [
      "Per session without planned units",
      { "Unit Cost": "15", "Cost Frequency (Unit Type)": "Per session" },
      { column: "Planned units per week", value: "", problem: "is empty although the Cost Frequency is Hourly or Per session" },
    ],
    ["a Unit Cost that is not a number", { "Unit Cost": "abc" }, { column: "Unit Cost", value: "abc", problem: "is not an amount of money", accepted: /£1,200.50/ }],
    ["a negative Unit Cost", { "Unit Cost": "-5" }, { column: "Unit Cost", value: "-5", problem: "is negative" }],
    ["a negative Unit Cost in pounds", { "Unit Cost": "-£5" }, { column: "Unit Cost", value: "-£5", problem: "is negative" }],
    [
      "planned units that are not a number",
      { "Unit Cost": "22", "Cost Frequency (Unit Type)": "Hourly", "Planned units per week": "ten" },
      { column: "Planned units per week", value: "ten", problem: "is not a number" },
    ],
    [
      "negative planned units",
      { "Unit Cost": "22", "Cost Frequency (Unit Type)": "Hourly", "Planned units per week": "-5" },
      { column: "Planned units per week", value: "-5", problem: "is negative" },
    ],
    ["an end before the start", { "Event End Date": "09/01/2026" }, { column: "Event End Date", value: "09/01/2026", problem: "is before the Event Start Date" }],
    ["a Date of Birth that is not a date", { "Date of Birth": "sometime in 1950" }, { column: "Date of Birth", value: "sometime in 1950", problem: "is not a date" }],
    ["a Date of Birth that is not a real date", { "Date of Birth": "31/02/1950" }, { column: "Date of Birth", value: "31/02/1950", problem: "is not a real date" }],
    ["a Date of Birth in the future", { "Date of Birth": "01/07/2026" }, { column: "Date of Birth", value: "01/07/2026", problem: "is in the future" }],
    ["a Date of Birth after the service started", { "Date of Birth": "11/01/2026" }, { column: "Date of Birth", value: "11/01/2026", problem: "is after the Event Start Date" }],
    ["an Event Outcome", { "Event Outcome": "NFA: Other" }, { column: "Event Outcome", value: "NFA: Other", problem: "is given for a service" }],
    ["no Team", { Team: "" }, { column: "Team", value: "", problem: "is empty" }],
  ];

  it.each(cases)("%s", (_name, cells, expected) => {
    const [first, ...rest] = problems(reader().read(row(cells), 7));
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ row: 7, ...expected, accepted: expected.accepted ?? expect.any(String) });
    expect(first!.accepted.length).toBeGreaterThan(0);
  });

  it("takes today from the caller (the clock, so PRIMED_TODAY holds): a birth after it is in the future", () => {
    expect(reader(HEADER, "2026-06-30").read(row({ "Event Start Date": "2026-07-02", "Date of Birth": "2026-07-01" }), 2).kind).toBe("invalid");
    expect(reader(HEADER, "2026-07-01").read(row({ "Event Start Date": "2026-07-02", "Date of Birth": "2026-07-01" }), 2).kind).toBe("service");
  });
});

describe("amounts", () => {
  it.each([
    ["1,200.50", true, 1200.5],
    ["£1,200.50", true, 1200.5],
    ["£ 900", true, 900],
    ["0", true, 0],
    ["7.5", false, 7.5],
  ])("reads %s", (raw, money, value) => expect(parseAmount(raw, money)).toEqual({ ok: true, value }));

  it.each([
    ["abc", true, "is not an amount of money"],
    ["-5", true, "is negative"],
    ["£-5", true, "is negative"],
    ["1,20", true, "is not an amount of money"],
    ["£10", false, "is not a number"],
    ["-5", false, "is negative"],
  ])("refuses %s", (raw, money, problem) => expect(parseAmount(raw, money)).toMatchObject({ ok: false, problem }));
});

describe("the kinds of problem a load lists", () => {
  it("group Service rows' problems by what is wrong, whatever the row's own values", () => {
    const read = (cells: Parameters<typeof row>[0], line: number) => problems(reader().read(row(cells), line));
    const found = [
      ...read({ "Unit Cost": "22", "Cost Frequency (Unit Type)": "Hourly" }, 2),
      ...read({ "Unit Cost": "15", "Cost Frequency (Unit Type)": "per session" }, 3),
      ...read({ "Service Type": "Home care" }, 4),
      ...read({ "Service Type": "Day care" }, 5),
      ...read({ "Date of Birth": "01/07/2026" }, 6),
      ...read({ "Date of Birth": "01/01/2030" }, 7),
    ];
    expect(problemKinds(found)).toEqual([
      { kind: "Planned units per week is empty although the Cost Frequency is Hourly or Per session", count: 2 },
      { kind: "Service Type is not a Service Type Primed knows", count: 2 },
      { kind: "Date of Birth is in the future", count: 2 },
    ]);
  });
});
