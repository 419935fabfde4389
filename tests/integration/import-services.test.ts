/*
 * Service rows through the import pipeline against a real SQLite file
 * (issue 18, item 1; docs/definitions.md#care-and-support): the worked
 * example's services, reloads and newer extracts, each refusal, and the
 * choices (dry run, rows set aside).
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM } from "~/audit/audit.server";
import { formatImportReport } from "~/cli/import-command";
import { SERVICE_TYPES_ACCEPTED } from "~/care/service-types";
import { runImport, type ImportOptions } from "~/import/pipeline.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

const WORKED_EXAMPLE = path.resolve("tests/fixtures/care-worked-example.csv");
const HEADER =
  "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Event End Date,Event Outcome,Review Reason,Team,Worker,Allocated Date,Service Type,Unit Cost,Cost Frequency (Unit Type),Planned units per week,Date of Birth";
/** A Service row of Team A (the worked example's team of work items). */
const service = (
  ref: string,
  cells: { person?: string; start?: string; end?: string; team?: string; worker?: string; type?: string; u?: string; f?: string; p?: string; dob?: string; outcome?: string } = {},
) =>
  [
    cells.person ?? "P1",
    "Service",
    ref,
    cells.start ?? "01/03/2026",
    cells.end ?? "",
    cells.outcome ?? "",
    "",
    cells.team ?? "Team A",
    cells.worker ?? "",
    "",
    cells.type ?? "Long term support: Community",
    cells.u ?? "100",
    cells.f ?? "Weekly",
    cells.p ?? "",
    cells.dob ?? "01/05/1950",
  ]
    .map((c) => (c.includes(",") ? `"${c}"` : c))
    .join(",");
const workRow = (ref: string) => `P9,Request,${ref},02/03/2026,,,,Team A,,,,,,,`;

let database: ReturnType<typeof tempDatabase>;
let dir: string;

beforeEach(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
  dir = database.dir;
});
afterEach(() => database.remove());

function csv(name: string, rows: string[], header = HEADER): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [header, ...rows].join("\n") + "\n");
  return file;
}

const load = (file: string, options: Partial<ImportOptions> = {}) => runImport({ databasePath: database.file, file, actor: SYSTEM, ...options });
const all = (sql: string) => database.sqlite.prepare(sql).all();
/** Everything stored that a load could change, exactly. */
const stored = () => JSON.stringify([all("select * from care_services order by id"), all("select * from work_items order by id"), all("select * from teams order by id")]);

describe("the worked example's services (docs/definitions.md#care-and-support)", () => {
  it("load with the weekly cost and the age on the start date as the rule says, R1 wording mapped and kept, and V1 as a review", async () => {
    const report = await load(WORKED_EXAMPLE, { createMissing: true });
    expect(report).toMatchObject({ status: "loaded", rowsRead: 8, added: 1, servicesAdded: 7, servicesUpdated: 0, servicesUnchanged: 0, problemCount: 0, notWorkItems: 0 });
    expect(report.created.teams).toEqual(["Team R"]);
    const services = all(
      "select s.source_ref as ref, s.person_ref as person, t.name as team, s.service_type as type, s.service_type_raw as raw, s.starts_on, s.ends_on, s.unit_cost as u, s.cost_frequency as f, s.planned_units as p, s.weekly_cost as w, s.age_at_start as age from care_services s join teams t on t.id = s.team_id order by s.source_ref",
    );
    const R = { team: "Team R" };
    expect(services).toEqual([
      {
        ref: "S1",
        person: "P1",
        ...R,
        type: "lt_residential",
        raw: "Long Term Support: Residential Care",
        starts_on: "2026-01-10",
        ends_on: null,
        u: 900,
        f: "weekly",
        p: null,
        w: 900,
        age: 75,
      },
      {
        ref: "S2",
        person: "P2",
        ...R,
        type: "lt_community",
        raw: "Long term support: Community",
        starts_on: "2026-02-01",
        ends_on: "2026-04-15",
        u: 22,
        f: "hourly",
        p: 10,
        w: 220,
        age: 75,
      },
      {
        ref: "S3",
        person: "P2",
        ...R,
        type: "lt_nursing",
        raw: "Long term support: Nursing care",
        starts_on: "2026-04-16",
        ends_on: null,
        u: 1200,
        f: "weekly",
        p: null,
        w: 1200,
        age: 75,
      },
      {
        ref: "S4",
        person: "P3",
        ...R,
        type: "lt_community",
        raw: "Long term support: Community",
        starts_on: "2026-03-01",
        ends_on: "2026-05-10",
        u: 60,
        f: "daily",
        p: null,
        w: 420,
        age: 55,
      },
      {
        ref: "S5",
        person: "P4",
        ...R,
        type: "st_max",
        raw: "Short term support: ST-Max",
        starts_on: "2026-05-01",
        ends_on: "2026-05-28",
        u: 300,
        f: "weekly",
        p: null,
        w: 300,
        age: 76,
      },
      {
        ref: "S6",
        person: "P3",
        ...R,
        type: "lt_community",
        raw: "Long term support: Community",
        starts_on: "2026-03-01",
        ends_on: "2026-03-01",
        u: 450,
        f: "one_off",
        p: null,
        w: 0,
        age: 55,
      },
      {
        ref: "S7",
        person: "P3",
        ...R,
        type: "lt_community",
        raw: "Long term support: Community",
        starts_on: "2026-05-11",
        ends_on: null,
        u: 40,
        f: "daily",
        p: null,
        w: 280,
        age: 56,
      },
    ]);
    const review = database.sqlite
      .prepare("select w.person_ref, t.code, w.received_on, w.completed_on from work_items w join work_types t on t.id = w.work_type_id where w.source_ref = 'V1'")
      .get();
    expect(review).toEqual({ person_ref: "P3", code: "planned_review", received_on: "2026-04-20", completed_on: "2026-05-10" });
  });

  it("keeps no Date of Birth anywhere in the database", async () => {
    await load(WORKED_EXAMPLE, { createMissing: true });
    database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const bytes = fs.readFileSync(database.file).toString("latin1");
    for (const born of ["1950-05-01", "01/05/1950", "1970-03-03", "03/03/1970"]) expect(bytes).not.toContain(born);
    const columns = all("select name from pragma_table_info('care_services')").map((c) => (c as { name: string }).name);
    expect(columns.filter((c) => /birth|dob/i.test(c))).toEqual([]);
  });

  it("loaded again changes nothing; a newer extract updates what it changes and adds what is new, the latest record winning", async () => {
    await load(WORKED_EXAMPLE, { createMissing: true });
    const before = stored();
    const version = () => database.sqlite.prepare("select value from app_settings where key = 'work_items_version'").pluck().get();
    const versionBefore = version();
    const again = await load(WORKED_EXAMPLE, { createMissing: true });
    expect(again).toMatchObject({ status: "loaded", added: 0, updated: 0, unchanged: 1, servicesAdded: 0, servicesUpdated: 0, servicesUnchanged: 7 });
    expect(stored()).toBe(before);
    expect(version()).toBe(versionBefore);

    // Month figures counted and kept: a load of services alone must not throw them away (only work items are counted into them).
    database.sqlite.prepare("insert into app_settings (key, value) values ('month_summaries', 'counted')").run();
    const newer = csv("newer.csv", [
      // S3 moves to Team A with a worker, ends, and costs more; S8 is new.
      'P2,Service,S3,16/04/2026,20/06/2026,,,Team A,Alex Worker,,Long term support: Nursing care,"£1,300.00",Weekly,,01/05/1950',
      "P5,Services,S8,01/06/2026,,,,Team R,,,Long term support: Community,25.50,Hourly,12,",
    ]);
    const report = await load(newer);
    expect(report).toMatchObject({ status: "loaded", added: 0, updated: 0, unchanged: 0, servicesAdded: 1, servicesUpdated: 1, servicesUnchanged: 0 });
    const s3 = database.sqlite
      .prepare(
        "select t.name as team, k.name as worker, s.ends_on, s.unit_cost, s.weekly_cost from care_services s join teams t on t.id = s.team_id left join workers k on k.id = s.worker_id where s.source_ref = 'S3'",
      )
      .get();
    expect(s3).toEqual({ team: "Team A", worker: "Alex Worker", ends_on: "2026-06-20", unit_cost: 1300, weekly_cost: 1300 });
    expect(database.sqlite.prepare("select weekly_cost, age_at_start from care_services where source_ref = 'S8'").get()).toEqual({ weekly_cost: 306, age_at_start: null });
    expect(database.sqlite.prepare("select count(*) from care_services").pluck().get()).toBe(8);
    // Cached figures are out of date; the stored month figures are left alone.
    expect(version()).not.toBe(versionBefore);
    expect(database.sqlite.prepare("select value from app_settings where key = 'month_summaries'").pluck().get()).toBe("counted");

    // The history and the command line say it in words.
    const run = database.sqlite.prepare("select services_added, services_updated, services_unchanged, message from import_runs where id = ?").get(report.importId);
    expect(run).toEqual({
      services_added: 1,
      services_updated: 1,
      services_unchanged: 0,
      message: "Added 0, updated 0, 0 unchanged, 0 rejected. Added 1 service, updated 1, 0 unchanged",
    });
    expect(formatImportReport(report)).toContain("Services: Added 1 service, updated 1, 0 unchanged.");
  });

  it("a dry run says what would change and writes nothing", async () => {
    const before = stored();
    const report = await load(WORKED_EXAMPLE, { createMissing: true, dryRun: true });
    expect(report).toMatchObject({ status: "dry_run", added: 1, servicesAdded: 7 });
    expect(stored()).toBe(before);
    expect(formatImportReport(report)).toContain("Services: Would add 7 services, update 0, 0 unchanged.");
  });
});

describe("a file with a bad Service row is refused whole, nothing written, and the problem named", () => {
  const cases: [string, string, { column: string; value: string; problem: string | RegExp; accepted?: string }][] = [
    [
      "an unknown Service Type",
      service("B1", { type: "Home care" }),
      { column: "Service Type", value: "Home care", problem: "is not a Service Type Primed knows", accepted: SERVICE_TYPES_ACCEPTED },
    ],
    [
      "an unknown Cost Frequency",
      service("B1", { f: "Now and then" }),
      { column: "Cost Frequency (Unit Type)", value: "Now and then", problem: "is not a Cost Frequency Primed knows" },
    ],
    [
      "Hourly without planned units",
      service("B1", { f: "Hourly" }),
      { column: "Planned units per week", value: "", problem: "is empty although the Cost Frequency is Hourly or Per session" },
    ],
    [
      "Per session without planned units",
      service("B1", { f: "Per session" }),
      { column: "Planned units per week", value: "", problem: "is empty although the Cost Frequency is Hourly or Per session" },
    ],
    ["a Unit Cost that is not a number", service("B1", { u: "abc" }), { column: "Unit Cost", value: "abc", problem: "is not an amount of money" }],
    ["a negative Unit Cost", service("B1", { u: "-5" }), { column: "Unit Cost", value: "-5", problem: "is negative" }],
    ["planned units that are not a number", service("B1", { f: "Hourly", p: "abc" }), { column: "Planned units per week", value: "abc", problem: "is not a number" }],
    ["negative planned units", service("B1", { f: "Hourly", p: "-5" }), { column: "Planned units per week", value: "-5", problem: "is negative" }],
    ["an end before the start", service("B1", { end: "28/02/2026" }), { column: "Event End Date", value: "28/02/2026", problem: "is before the Event Start Date" }],
    ["a Date of Birth that is not a date", service("B1", { dob: "1st May 1950" }), { column: "Date of Birth", value: "1st May 1950", problem: "is not a date" }],
    ["a Date of Birth in the future", service("B1", { start: "01/01/2100", dob: "01/01/2099" }), { column: "Date of Birth", value: "01/01/2099", problem: "is in the future" }],
    ["a Date of Birth after the start", service("B1", { dob: "02/03/2026" }), { column: "Date of Birth", value: "02/03/2026", problem: "is after the Event Start Date" }],
    ["an outcome on a service", service("B1", { outcome: "NFA: Other" }), { column: "Event Outcome", value: "NFA: Other", problem: "is given for a service" }],
    ["an unknown team", service("B1", { team: "Team Z" }), { column: "Team", value: "Team Z", problem: "is not a team Primed knows" }],
    ["an unknown worker", service("B1", { worker: "Nobody" }), { column: "Worker", value: "Nobody", problem: "is not a worker in Team A" }],
    [
      "a work row's reference in the same file",
      `${workRow("B1")}\n${service("B1")}`,
      { column: "Event Reference", value: "B1", problem: "is a work item's on row 3 and a service's on row 4" },
    ],
    [
      "a service's reference on a later work row",
      `${service("B1")}\n${workRow("B1")}`,
      { column: "Event Reference", value: "B1", problem: "is a service's on row 3 and a work item's on row 4" },
    ],
    ["a stored work item's reference", service("WE-1"), { column: "Event Reference", value: "WE-1", problem: "is already a work item's (a work row of an earlier extract)" }],
    [
      "the same reference twice with different values",
      `${service("B1")}\n${service("B1", { u: "120", dob: "01/05/1960" })}`,
      {
        column: "Event Reference",
        value: "B1",
        problem: "appears on rows 3 and 4 with different values (Unit Cost: 100 and 120; Date of Birth: age 75 at the start and age 65 at the start)",
      },
    ],
  ];

  it.each(cases)("%s", async (_name, badRows, expected) => {
    await load(csv("good.csv", [service("G1"), service("G2", { u: "£1,200.50", f: "4-weekly" })]));
    const before = stored();
    // A good row first, so the bad row is row 3 (or, for two rows, rows 3 and 4).
    const report = await load(csv("bad.csv", [service("G3"), ...badRows.split("\n"), workRow("W-OK")]));
    expect(report.status).toBe("refused");
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ row: badRows.includes("\n") ? 4 : 3, ...expected });
    if (expected.accepted) expect(report.problems[0]!.accepted).toBe(expected.accepted);
    expect(report.problems[0]!.accepted.length).toBeGreaterThan(0);
    expect(stored()).toBe(before);
  });

  it("a work row with a stored service's reference", async () => {
    await load(csv("good.csv", [service("G1")]));
    expect(database.sqlite.prepare("select unit_cost from care_services where source_ref = 'G1'").pluck().get()).toBe(100);
    const before = stored();
    const report = await load(csv("bad.csv", [workRow("G1")]));
    expect(report.status).toBe("refused");
    expect(report.problems[0]).toMatchObject({ row: 2, column: "Event Reference", value: "G1", problem: "is already a service's (a Service row of an earlier extract)" });
    expect(stored()).toBe(before);
  });

  it("a stored service given again, then repeated in the file with different values", async () => {
    await load(csv("good.csv", [service("G1")]));
    const report = await load(csv("again.csv", [service("G1", { u: "110" }), service("G1", { u: "120" })]));
    expect(report.problems[0]).toMatchObject({ row: 3, column: "Event Reference", value: "G1", problem: "appears on rows 2 and 3 with different values (Unit Cost: 110 and 120)" });
    // Repeated with the same values: one service, updated once.
    expect(await load(csv("same.csv", [service("G1", { u: "110" }), service("G1", { u: "110" })]))).toMatchObject({ status: "loaded", servicesUpdated: 1, servicesAdded: 0 });
  });
});

describe("rows set aside", () => {
  it("--skip-invalid loads the valid rows and gives the bad Service rows back with their reasons", async () => {
    const rejectsPath = path.join(dir, "rejects.csv");
    const bad = service("B1", { f: "Hourly", dob: "01/01/2099" });
    const unknownTeam = service("B2", { team: "Team Z" });
    const report = await load(csv("mixed.csv", [service("G1"), bad, workRow("W-1"), unknownTeam]), { skipInvalid: true, rejectsPath });
    expect(report).toMatchObject({ status: "loaded", added: 1, servicesAdded: 1, rejected: 2 });
    const rejects = fs.readFileSync(rejectsPath, "utf8").trim().split("\r\n");
    expect(rejects).toEqual([
      `${HEADER},Reason`,
      `${bad},Planned units per week is empty although the Cost Frequency is Hourly or Per session; Date of Birth is in the future`,
      `${unknownTeam},Team is not a team Primed knows`,
    ]);
    expect(database.sqlite.prepare("select source_ref from care_services").pluck().all()).toEqual(["G1"]);
  });
});

describe("a first load into an empty database", () => {
  it("counts every row as new, and records the teams it made as changed, by their real ids", async () => {
    const empty = tempDatabase();
    try {
      // A team Primed already has, with nothing stored, and two it does not: every row is new.
      empty.sqlite.prepare("insert into services (name) values ('Adult Social Care')").run();
      empty.sqlite.prepare("insert into teams (service_id, name, slug, type) values (1, 'Team K', 'team-k', 'locality')").run();
      const rows = [
        workRow("W1").replace("Team A", "Team N"),
        workRow("W2").replace("Team A", "Team K"),
        workRow("W2").replace("Team A", "Team K"),
        service("S1", { team: "Team S" }),
        service("S2", { team: "Team N" }),
      ];
      const report = await runImport({ databasePath: empty.file, file: csv("first.csv", rows), actor: SYSTEM, createMissing: true });
      expect(report).toMatchObject({ status: "loaded", rowsRead: 5, added: 2, updated: 0, unchanged: 0, servicesAdded: 2, servicesUpdated: 0, servicesUnchanged: 0 });
      expect(report.created.teams).toEqual(["Team N", "Team S"]);
      const teamIds = new Map(empty.sqlite.prepare("select name, id from teams").raw().all() as [string, number][]);
      const changed = JSON.parse(empty.sqlite.prepare("select value from app_settings where key = 'team_data_changed'").pluck().get() as string) as Record<string, string>;
      expect(Object.keys(changed).map(Number).sort()).toEqual([teamIds.get("Team K"), teamIds.get("Team N"), teamIds.get("Team S")].sort());
      expect(empty.sqlite.prepare("select count(*) from work_items").pluck().get()).toBe(2);
      // Loaded again, nothing is new: the counts come from comparing with what is stored.
      const again = await runImport({ databasePath: empty.file, file: csv("again.csv", rows), actor: SYSTEM, createMissing: true });
      expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2, servicesAdded: 0, servicesUpdated: 0, servicesUnchanged: 2 });
    } finally {
      empty.remove();
    }
  });
});

describe("a load larger than twice what is stored", () => {
  it("builds the secondary indexes again once its rows are in, exactly as they were", async () => {
    const indexes = () => JSON.stringify(all("select name, tbl_name, sql from sqlite_master where type = 'index' and tbl_name in ('work_items', 'care_services') order by name"));
    const before = indexes();
    // Over the thresholds (50,000 work rows, 20,000 services): the indexes are dropped, then built again.
    const rows = [...Array.from({ length: 50_100 }, (_, i) => workRow(`BIG-W${i}`)), ...Array.from({ length: 20_100 }, (_, i) => service(`BIG-S${i}`, { person: `P${i}` }))];
    const report = await load(csv("big.csv", rows));
    expect(report).toMatchObject({ status: "loaded", added: 50_100, servicesAdded: 20_100 });
    expect(indexes()).toBe(before);
    expect(database.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    // The indexes answer: a person's services found through theirs.
    const plan = all("explain query plan select * from care_services where person_ref = 'P77' order by starts_on") as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toContain("care_services_person");
    expect(all("select source_ref from care_services where person_ref = 'P77'")).toEqual([{ source_ref: "BIG-S77" }]);
  });
});

describe("a reload that changes some columns of some rows", () => {
  it("stores each row exactly as a load into an empty database does, whichever columns changed", async () => {
    const first = [
      service("C1", { person: "P1" }),
      service("C2", { person: "P2", u: "100" }),
      service("C3", { person: "P3" }),
      service("C4", { person: "P4" }),
      workRow("CW1"),
      workRow("CW2"),
      workRow("CW3"),
    ];
    const newer = [
      // A new person (an index reads it), a new cost (none does), a new team made by the load, the same.
      service("C1", { person: "Q1" }),
      service("C2", { person: "P2", u: "140", f: "Weekly" }),
      service("C3", { person: "P3", team: "Team New", worker: "Nia New" }),
      service("C4", { person: "P4" }),
      // A new start date and end (indexes read both), a new team, the same.
      workRow("CW1").replace("02/03/2026,,", "03/03/2026,20/03/2026,"),
      workRow("CW2").replace("Team A", "Team New"),
      workRow("CW3"),
    ];
    await load(csv("first.csv", first), { createMissing: true });
    const report = await load(csv("newer.csv", newer), { createMissing: true });
    expect(report).toMatchObject({ status: "loaded", added: 0, updated: 2, unchanged: 1, servicesAdded: 0, servicesUpdated: 3, servicesUnchanged: 1 });
    expect(database.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");

    const fresh = tempDatabase();
    try {
      loadWorkedExample(fresh.db);
      await runImport({ databasePath: fresh.file, file: csv("newer-alone.csv", newer), actor: SYSTEM, createMissing: true });
      // Every column but the row's own id, with teams and workers by name (their ids differ between the databases).
      const rowsOf = (sqlite: typeof database.sqlite, table: "care_services" | "work_items") =>
        sqlite
          .prepare(
            `select r.*, t.name as team, k.name as worker from ${table} r join teams t on t.id = r.team_id left join workers k on k.id = r.worker_id where r.source_ref like 'C%' order by r.source_ref`,
          )
          .all()
          .map((row): Record<string, unknown> => ({ ...(row as Record<string, unknown>), id: undefined, team_id: undefined, worker_id: undefined }));
      for (const table of ["care_services", "work_items"] as const) expect(rowsOf(database.sqlite, table)).toEqual(rowsOf(fresh.sqlite, table));
      expect(rowsOf(database.sqlite, "care_services").map((s) => [s.source_ref, s.person_ref, s.team, s.worker, s.weekly_cost])).toEqual([
        ["C1", "Q1", "Team A", null, 100],
        ["C2", "P2", "Team A", null, 140],
        ["C3", "P3", "Team New", "Nia New", 100],
        ["C4", "P4", "Team A", null, 100],
      ]);
      expect(rowsOf(database.sqlite, "work_items").map((w) => [w.source_ref, w.received_on, w.completed_on, w.team])).toEqual([
        ["CW1", "2026-03-03", "2026-03-20", "Team A"],
        ["CW2", "2026-03-02", null, "Team New"],
        ["CW3", "2026-03-02", null, "Team A"],
      ]);
    } finally {
      fresh.remove();
    }
  });
});
