import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM } from "~/audit/audit.server";
import { dataFreshness } from "~/import/data-freshness.server";
import { teamDataChanges } from "~/import/team-data-changes.server";
import { runImport, type ImportOptions } from "~/import/pipeline.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";
import { runToday } from "../helpers/today";

const HEADER =
  "LA Code,LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Event End Date,Event Outcome,Client Type,Assessment Type,Review Reason,Team,Worker,Allocated Date,Due Date";
const GOOD_ROWS = [
  "E09000099,P100,Assessment,IMP-1,02/03/2026,20/03/2026,Progress to support planning or services,Service user,Long term assessment,,Team A,Alex Worker,03/03/2026,",
  "E09000099,P101,Review,IMP-2,2026-03-05,,,Service user,,Planned,Team A,Sam Worker,2026-03-06,2026-04-30",
  "E09000099,P102,Request,IMP-3,06/03/2026,,,Service user,,,Team A,,,",
  "E09000099,P103,Assessment,IMP-4,07/03/2026,30/03/2026,NFA - Information & Advice / Signposting only,Unpaid carer,Long term assessment,,Team A,Alex Worker,08/03/2026,",
];

let database: ReturnType<typeof tempDatabase>;
let dir: string;

beforeEach(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
  dir = database.dir;
});
afterEach(() => database.remove());

function csv(name: string, rows: string[], header = HEADER, eol = "\n"): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [header, ...rows].join(eol) + eol);
  return file;
}

const load = (file: string, options: Partial<ImportOptions> = {}) => runImport({ databasePath: database.file, file, actor: SYSTEM, ...options });

/** Every stored work item, exactly as stored. */
const storedItems = () => JSON.stringify(database.sqlite.prepare("select * from work_items order by id").all());

describe("a good extract", () => {
  it("loads, with due dates from the file or from the work type's timescale", async () => {
    const report = await load(csv("good.csv", GOOD_ROWS));
    expect(report).toMatchObject({ status: "loaded", rowsRead: 4, added: 4, updated: 0, unchanged: 0, rejected: 0, problemCount: 0 });
    const rows = database.sqlite.prepare("select source_ref, due_on, outcome_raw, completed_on from work_items where source_ref like 'IMP-%' order by source_ref").all();
    expect(rows).toEqual([
      { source_ref: "IMP-1", due_on: "2026-03-30", outcome_raw: "Progress to support planning or services", completed_on: "2026-03-20" },
      { source_ref: "IMP-2", due_on: "2026-04-30", outcome_raw: null, completed_on: null },
      { source_ref: "IMP-3", due_on: "2026-03-13", outcome_raw: null, completed_on: null },
      // Release 1 wording is kept as loaded, and mapped.
      { source_ref: "IMP-4", due_on: "2026-04-04", outcome_raw: "NFA - Information & Advice / Signposting only", completed_on: "2026-03-30" },
    ]);
    const outcome = database.sqlite.prepare("select o.value from work_items w join outcomes o on o.id = w.outcome_id where source_ref = 'IMP-4'").pluck().get();
    expect(outcome).toBe("NFA: Information and advice or signposting");
  });

  it("changes nothing when loaded again, and updates only what a newer extract changes", async () => {
    await load(csv("good.csv", GOOD_ROWS));
    const before = storedItems();
    expect(await load(csv("good.csv", GOOD_ROWS))).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    expect(storedItems()).toBe(before);
    // A newer window: IMP-2 completed, IMP-5 new, IMP-1 and IMP-4 absent (left as they were).
    const newer = [
      "E09000099,P101,Review,IMP-2,2026-03-05,2026-04-02,Continuation of support or services,Service user,,Planned,Team A,Sam Worker,2026-03-06,2026-04-30",
      GOOD_ROWS[2]!,
      "E09000099,P104,Request,IMP-5,01/04/2026,,,Service user,,,Team A,,,",
    ];
    expect(await load(csv("newer.csv", newer))).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect(database.sqlite.prepare("select count(*) from work_items where source_ref like 'IMP-%'").pluck().get()).toBe(5);
  });

  it("reads a UTF-8 byte order mark, CRLF line ends, and quoted fields with commas and line breaks", async () => {
    const rows = ["E09000099,P100,Request,IMP-Q1,02/03/2026,,,Service user,,,Team A,,,", 'E09000099,P101,Request,"IMP-Q2",02/03/2026,,,"Service user",,,"Team A",,,'];
    const header = HEADER.replace("Team,", "Team,").replace("Review Reason", "Review Reason") + ",Event Description";
    const withDescription = rows.map((r, i) => `${r},${i === 0 ? '"Called back, twice"' : '"Line one\r\nline two"'}`);
    const file = path.join(dir, "shapes.csv");
    fs.writeFileSync(file, `\uFEFF${[header, ...withDescription].join("\r\n")}\r\n`);
    const report = await load(file);
    expect(report).toMatchObject({ status: "loaded", added: 2, encoding: "utf-8" });
    const descriptions = database.sqlite.prepare("select description from work_items where source_ref like 'IMP-Q%' order by source_ref").pluck().all();
    expect(descriptions).toEqual(["Called back, twice", "Line one\r\nline two"]);
  });

  it("reads a Windows-1252 export (Excel's plain CSV) and says so", async () => {
    const text = `${HEADER}\nE09000099,P100,Request,IMP-W1,02/03/2026,,,Service user,,,Café Team,,,\n`;
    const file = path.join(dir, "excel.csv");
    fs.writeFileSync(file, Buffer.from(text, "latin1"));
    const report = await load(file, { createMissing: true });
    expect(report).toMatchObject({ status: "loaded", encoding: "windows-1252", added: 1 });
    expect(report.created.teams).toEqual(["Café Team"]);
  });

  it("reads a Windows-1252 export whose first non-UTF-8 byte comes long after rows were written", async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `E09000099,P${i},Request,IMP-L${i},02/03/2026,,,Service user,,,Team A,,,`);
    const text = `${HEADER}\n${rows.join("\n")}\nE09000099,P1,Request,IMP-LAST,02/03/2026,,,Service user,,,Café Team,,,\n`;
    const file = path.join(dir, "late-excel.csv");
    fs.writeFileSync(file, Buffer.from(text, "latin1"));
    expect(fs.statSync(file).size).toBeGreaterThan(200_000);
    const report = await load(file, { createMissing: true });
    expect(report).toMatchObject({ status: "loaded", encoding: "windows-1252", added: 3_001, rowsRead: 3_001 });
    expect(database.sqlite.prepare("select count(*) from teams where name = 'Café Team'").pluck().get()).toBe(1);
  });

  it("ignores trailing empty rows (Service rows are services now: tests/integration/import-services.test.ts)", async () => {
    const rows = [...GOOD_ROWS.slice(0, 1), ",,,,,,,,,,,,,"];
    expect(await load(csv("services.csv", rows))).toMatchObject({ status: "loaded", added: 1, notWorkItems: 0, rowsRead: 1 });
  });

  it("tells every report page the data's date, and warns once it is older than allowed", async () => {
    expect(dataFreshness(database.db, 35)).toBeNull();
    await load(csv("good.csv", GOOD_ROWS));
    const today = runToday();
    expect(dataFreshness(database.db, 35, today)).toEqual({ loadedOn: today, source: "the extract good.csv", ageDays: 0, stale: false, everyDays: null, staleAfterDays: 35 });
    expect(dataFreshness(database.db, 35, "2099-01-01")).toMatchObject({ stale: true });
    // The same rows again from another file change no figure, but are the newest load: the page says so at once.
    await load(csv("again.csv", GOOD_ROWS));
    expect(dataFreshness(database.db, 35, today)).toMatchObject({ loadedOn: today, source: "the extract again.csv" });
  });

  it("records every load in the history, with the file's hash and its counts, and audits it", async () => {
    const file = csv("good.csv", GOOD_ROWS);
    const report = await load(file);
    const run = database.sqlite.prepare("select * from import_runs where id = ?").get(report.importId) as Record<string, unknown>;
    expect(run).toMatchObject({ status: "loaded", file_name: "good.csv", rows_read: 4, added: 4, actor: "system" });
    expect(run.file_sha256).toBe(createHash("sha256").update(fs.readFileSync(file)).digest("hex"));
    expect(database.sqlite.prepare("select count(*) from audit_log where action = 'import_loaded'").pluck().get()).toBe(1);
  });
});

describe("a bad extract changes nothing, and each problem names its row and column", () => {
  const cases: [string, string, { row: number; column: string; problem: RegExp }][] = [
    ["an impossible date", "E09000099,P1,Request,B-1,31/02/2026,,,Service user,,,Team A,,,", { row: 2, column: "Event Start Date", problem: /not a real date/ }],
    ["an unknown event type", "E09000099,P1,Phone Call,B-1,02/03/2026,,,Service user,,,Team A,,,", { row: 2, column: "Event Type", problem: /not an event type/ }],
    ["an unknown outcome", "E09000099,P1,Request,B-1,02/03/2026,05/03/2026,All sorted,Service user,,,Team A,,,", { row: 2, column: "Event Outcome", problem: /not an outcome/ }],
    [
      "completed before received",
      "E09000099,P1,Request,B-1,02/03/2026,01/03/2026,NFA: Other,Service user,,,Team A,,,",
      { row: 2, column: "Event End Date", problem: /before the Event Start Date/ },
    ],
    ["due before received", "E09000099,P1,Request,B-1,02/03/2026,,,Service user,,,Team A,,,01/03/2026", { row: 2, column: "Due Date", problem: /before the Event Start Date/ }],
    ["an outcome on open work", "E09000099,P1,Request,B-1,02/03/2026,,NFA: Other,Service user,,,Team A,,,", { row: 2, column: "Event Outcome", problem: /no Event End Date/ }],
    ["an unknown team", "E09000099,P1,Request,B-1,02/03/2026,,,Service user,,,Team Z,,,", { row: 2, column: "Team", problem: /not a team Primed knows/ }],
    ["an unknown worker", "E09000099,P1,Request,B-1,02/03/2026,,,Service user,,,Team A,Nobody,02/03/2026,", { row: 2, column: "Worker", problem: /not a worker in Team A/ }],
    [
      "a worker without an allocated date",
      "E09000099,P1,Request,B-1,02/03/2026,,,Service user,,,Team A,Alex Worker,,",
      { row: 2, column: "Allocated Date", problem: /empty although a Worker is named/ },
    ],
    ["an empty reference", "E09000099,P1,Request,,02/03/2026,,,Service user,,,Team A,,,", { row: 2, column: "Event Reference", problem: /is empty/ }],
    ["an assessment of no kind", "E09000099,P1,Assessment,B-1,02/03/2026,,,Service user,,,Team A,,,", { row: 2, column: "Assessment Type", problem: /which kind of assessment/ }],
  ];

  it.each(cases)("%s", async (_name, badRow, expected) => {
    await load(csv("good.csv", GOOD_ROWS));
    const before = storedItems();
    const report = await load(csv("bad.csv", [badRow, ...GOOD_ROWS]));
    expect(report.status).toBe("refused");
    expect(report.problems[0]).toMatchObject(expected);
    expect(report.problems[0]!.accepted.length).toBeGreaterThan(0);
    expect(storedItems()).toBe(before);
  });

  it("the same reference twice with different content", async () => {
    const before = storedItems();
    const twice = [GOOD_ROWS[2]!, GOOD_ROWS[2]!.replace("P102", "P999")];
    const report = await load(csv("twice.csv", twice));
    expect(report.status).toBe("refused");
    expect(report.problems[0]).toMatchObject({
      row: 3,
      column: "Event Reference",
      value: "IMP-3",
      problem: "appears on rows 2 and 3 with different values (LA Person Unique Identifier: P102 and P999)",
    });
    expect(storedItems()).toBe(before);
    // Repeated with identical content is not a contradiction.
    expect(await load(csv("same-twice.csv", [GOOD_ROWS[2]!, GOOD_ROWS[2]!]))).toMatchObject({ status: "loaded", added: 1 });
  });

  it("the same reference twice with different content, whatever the reference (half of them went unnoticed, the last row winning)", async () => {
    // Fifty references, each on rows far apart: a repeat is found whatever its reference hashes to.
    const row = (ref: string, end: string) =>
      `E09000099,P1,Assessment,${ref},02/03/2026,${end},Progress to support planning or services,Service user,Long term assessment,,Team A,Alex Worker,03/03/2026,`;
    const refs = Array.from({ length: 50 }, (_, i) => `ABC-${i}`);
    const first = refs.map((ref) => row(ref, "20/03/2026"));
    const before = storedItems();
    const runs = () => database.sqlite.prepare("select count(*) from import_runs").pluck().get() as number;
    const runsBefore = runs();
    const report = await load(csv("repeated.csv", [...first, ...refs.map((ref) => row(ref, "21/03/2026"))]));
    expect(report).toMatchObject({ status: "refused", problemCount: 50, added: 0 });
    expect(report.problems[1]).toMatchObject({
      row: 53,
      column: "Event Reference",
      value: "ABC-1",
      problem: "appears on rows 3 and 53 with different values (Event End Date: 2026-03-20 and 2026-03-21)",
    });
    expect(storedItems()).toBe(before);
    // The refusal is in the history, nothing else is written.
    expect(runs()).toBe(runsBefore + 1);

    // Set aside: the later row goes to the rejects file with both rows named, the first is loaded once.
    const rejectsPath = path.join(dir, "repeated.rejects.csv");
    const skipped = await load(csv("repeated.csv", [...first, ...refs.map((ref) => row(ref, "21/03/2026"))]), { skipInvalid: true, rejectsPath });
    expect(skipped).toMatchObject({ status: "loaded", added: 50, rejected: 50 });
    expect(fs.readFileSync(rejectsPath, "utf8")).toContain("Event Reference ABC-1 appears on rows 3 and 53 with different values (Event End Date: 2026-03-20 and 2026-03-21)");
    expect(database.sqlite.prepare("select distinct completed_on from work_items where source_ref like 'ABC-%'").pluck().all()).toEqual(["2026-03-20"]);

    // Identical repeats are one work item, counted once.
    const again = await load(csv("identical.csv", [...first, ...first]));
    expect(again).toMatchObject({ status: "loaded", added: 0, unchanged: 50, problemCount: 0 });
  });

  it("a file without a required column, an empty file, and a quote never closed", async () => {
    const noTeamFile = csv("no-team.csv", ["E09000099,P1,Request,B-1,02/03/2026"], "LA Code,LA Person Unique Identifier,Event Type,Event Reference,Event Start Date");
    const noTeam = await load(noTeamFile);
    expect(noTeam.fileProblems).toEqual(['The file has no "Team" column, which every row needs.']);
    const run = database.sqlite.prepare("select file_sha256 from import_runs where id = ?").pluck().get(noTeam.importId);
    expect(run).toBe(createHash("sha256").update(fs.readFileSync(noTeamFile)).digest("hex"));
    const emptyFile = path.join(dir, "empty.csv");
    fs.writeFileSync(emptyFile, "");
    expect((await load(emptyFile)).fileProblems).toEqual(["The file is empty: it has no header row."]);
    const quote = await load(csv("quote.csv", ['E09000099,P1,Request,"B-1,02/03/2026,,,Service user,,,Team A,,,']));
    expect(quote.status).toBe("refused");
    expect(quote.fileProblems[0]).toMatch(/quoted field is never closed/);
  });

  it("lists problems in file order, whichever thread found them, across many batches", async () => {
    // Dates are checked as rows are read; teams when rows are written. Both kinds, far apart in the file.
    const rows = Array.from({ length: 2_000 }, (_, i) => {
      if (i === 10 || i === 1_500) return `E09000099,P${i},Request,O-${i},02/03/2026,,,Service user,,,No Such Team,,,`;
      if (i === 11 || i === 1_499) return `E09000099,P${i},Request,O-${i},30/02/2026,,,Service user,,,Team A,,,`;
      return `E09000099,P${i},Request,O-${i},02/03/2026,,,Service user,,,Team A,,,`;
    });
    const report = await load(csv("ordered.csv", rows));
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [12, "Team"],
      [13, "Event Start Date"],
      [1501, "Event Start Date"],
      [1502, "Team"],
    ]);
    expect(report).toMatchObject({ status: "refused", rowsRead: 2_000 });
  });

  it("lists every problem, capped, with the count beyond the cap", async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `E09000099,P1,Request,B-${i},31/02/2026,,,Service user,,,Team A,,,`);
    const report = await load(csv("many.csv", rows));
    expect(report.problemCount).toBe(250);
    expect(report.problems).toHaveLength(200);
    expect(report.problems.at(-1)!.row).toBe(201);
  });
});

describe("choices", () => {
  it("--skip-invalid loads the valid rows and writes the others to a rejects file with a reason", async () => {
    const rejectsPath = path.join(dir, "rejects.csv");
    const bad = "E09000099,P1,Request,B-1,31/02/2026,,,Service user,,,Team A,,,";
    const report = await load(csv("mixed.csv", [GOOD_ROWS[0]!, bad, GOOD_ROWS[1]!]), { skipInvalid: true, rejectsPath });
    expect(report).toMatchObject({ status: "loaded", added: 2, rejected: 1, rejectsPath });
    const rejects = fs.readFileSync(rejectsPath, "utf8").trim().split("\r\n");
    expect(rejects[0]).toBe(`${HEADER},Reason`);
    expect(rejects[1]).toBe(`${bad},Event Start Date is not a real date`);
  });

  it("the rows set aside are safe to open in a spreadsheet, like every download: a cell that starts like a formula is kept as text", async () => {
    const rejectsPath = path.join(dir, "rejects.csv");
    const bad = 'E09000099,=HYPERLINK("http://example.com"),Request,B-1,31/02/2026,,,@SUM(A1),,,+Team A,-1,,';
    const report = await load(csv("formulas.csv", [bad, GOOD_ROWS[1]!], `${HEADER.replace("LA Code", "=LA Code")}`), { skipInvalid: true, rejectsPath });
    expect(report).toMatchObject({ status: "loaded", added: 1, rejected: 1 });
    const rejects = fs.readFileSync(rejectsPath, "utf8").trim().split("\r\n");
    expect(rejects[0]!.startsWith("'=LA Code,")).toBe(true);
    expect(rejects[1]).toBe(
      `E09000099,"'=HYPERLINK(""http://example.com"")",Request,B-1,31/02/2026,,,'@SUM(A1),,,'+Team A,'-1,,,Event Start Date is not a real date; Allocated Date is empty although a Worker is named`,
    );
  });

  it("--dry-run says what would change and changes nothing", async () => {
    const before = storedItems();
    const report = await load(csv("good.csv", GOOD_ROWS), { dryRun: true });
    expect(report).toMatchObject({ status: "dry_run", added: 4 });
    expect(storedItems()).toBe(before);
  });

  it("--create-missing creates the teams and workers the file names", async () => {
    const report = await load(csv("new-team.csv", ["E09000099,P1,Request,N-1,02/03/2026,,,Service user,,,Riverside Team,Jo New,02/03/2026,"]), { createMissing: true });
    expect(report.created).toEqual({ teams: ["Riverside Team"], workers: ["Jo New (Riverside Team)"] });
    expect(database.sqlite.prepare("select slug from teams where name = 'Riverside Team'").pluck().get()).toBe("riverside-team");
  });

  it("--create-missing gives every item its own team and worker, new or known, however many are new", async () => {
    const rows = [
      "E09000099,P1,Request,M-1,02/03/2026,,,Service user,,,Hilltop Team,Ann One,02/03/2026,",
      "E09000099,P2,Request,M-2,02/03/2026,,,Service user,,,Valley Team,Ben Two,02/03/2026,",
      "E09000099,P3,Request,M-3,02/03/2026,,,Service user,,,Hilltop Team,Cat Three,02/03/2026,",
      "E09000099,P4,Request,M-4,02/03/2026,,,Service user,,,Team A,Dan Four,02/03/2026,",
      "E09000099,P5,Request,M-5,02/03/2026,,,Service user,,,Team A,Alex Worker,02/03/2026,",
      "E09000099,P6,Request,M-6,02/03/2026,,,Service user,,,Valley Team,,,",
      "E09000099,P7,Request,M-7,02/03/2026,,,Service user,,,Valley Team,Ann One,02/03/2026,",
    ];
    const report = await load(csv("several-new.csv", rows), { createMissing: true });
    expect(report).toMatchObject({ status: "loaded", added: 7 });
    expect(report.created.teams).toEqual(["Hilltop Team", "Valley Team"]);
    const stored = database.sqlite
      .prepare(
        "select w.source_ref as ref, t.name as team, k.name as worker from work_items w join teams t on t.id = w.team_id left join workers k on k.id = w.worker_id and k.team_id = w.team_id where w.source_ref like 'M-%' order by w.source_ref",
      )
      .all();
    expect(stored).toEqual([
      { ref: "M-1", team: "Hilltop Team", worker: "Ann One" },
      { ref: "M-2", team: "Valley Team", worker: "Ben Two" },
      { ref: "M-3", team: "Hilltop Team", worker: "Cat Three" },
      { ref: "M-4", team: "Team A", worker: "Dan Four" },
      { ref: "M-5", team: "Team A", worker: "Alex Worker" },
      { ref: "M-6", team: "Valley Team", worker: null },
      { ref: "M-7", team: "Valley Team", worker: "Ann One" },
    ]);
  });

  it("--create-missing gives a stored item the new worker the file names, even where it had no worker", async () => {
    await load(csv("before.csv", ["E09000099,P1,Request,K-1,02/03/2026,,,Service user,,,Team A,Alex Worker,02/03/2026,"]));
    // Stored data from before the rule that an allocated item names its worker.
    database.sqlite.prepare("update work_items set worker_id = null where source_ref = 'K-1'").run();
    const report = await load(csv("after.csv", ["E09000099,P1,Request,K-1,02/03/2026,,,Service user,,,Team A,Kim New,02/03/2026,"]), { createMissing: true });
    expect(report).toMatchObject({ status: "loaded", added: 0, updated: 1, unchanged: 0 });
    expect(database.sqlite.prepare("select k.name from work_items w join workers k on k.id = w.worker_id where w.source_ref = 'K-1'").pluck().get()).toBe("Kim New");
  });
});

describe("people keep working while a file loads", () => {
  const manyRows = (count: number) => Array.from({ length: count }, (_, i) => `E09000099,P${i},Request,W-${i},02/03/2026,,,Service user,,,Team A,,,`);

  it("reading the file does not hold the write lock: a save made meanwhile goes through at once, and the load lands", async () => {
    let saved: boolean | null = null;
    const report = await load(csv("big.csv", manyRows(20_000)), {
      onProgress: () => {
        if (saved !== null) return;
        // Another connection that will not wait at all for the lock, as a save in the app would.
        const other = new Database(database.file, { timeout: 0 });
        try {
          other.exec("BEGIN IMMEDIATE");
          other.prepare("insert into app_settings (key, value) values ('saved-during-load', 'yes')").run();
          other.exec("COMMIT");
          saved = true;
        } catch {
          saved = false;
        } finally {
          other.close();
        }
      },
    });
    expect(saved, "a save was tried while the file was read").toBe(true);
    expect(report).toMatchObject({ status: "loaded", added: 20_000 });
    expect(database.sqlite.prepare("select value from app_settings where key = 'saved-during-load'").pluck().get()).toBe("yes");
  });

  it("a load that lands while another reads its file is taken into account: the second compares again with what is stored", async () => {
    // The first load stores one of the rows exactly as the second's file has it, after the second began reading.
    const first = csv("first.csv", manyRows(1));
    let landed = false;
    const report = await load(csv("second.csv", manyRows(5_000)), {
      onProgress: () => {
        if (landed) return;
        landed = true;
        // Another process's load, run to the end while this one is part-way through reading its file.
        execFileSync(process.execPath, ["--import", "tsx", "tests/helpers/import-child.ts", database.file, first]);
      },
    });
    expect(landed).toBe(true);
    const firstRun = database.sqlite.prepare("select status, added from import_runs where file_name = 'first.csv'").get();
    expect(firstRun).toEqual({ status: "loaded", added: 1 });
    expect(report).toMatchObject({ status: "loaded", added: 4_999, updated: 0, unchanged: 1 });
    expect(database.sqlite.prepare("select count(*) from work_items where source_ref like 'W-%'").pluck().get()).toBe(5_000);
  });
});

describe("a load killed part-way", () => {
  it("leaves the database intact, and the next load succeeds", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `E09000099,P${i},Request,K-${i},02/03/2026,04/03/2026,NFA: Other,Service user,,,Team A,Alex Worker,02/03/2026,`);
    const file = csv("big.csv", rows);
    const before = storedItems();
    // node itself with tsx as a loader: the tsx command would run the import in a grandchild the kill would miss.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/import-child.ts", database.file, file], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const progress = [...output.matchAll(/progress ([\d.]+)/g)].map((m) => Number(m[1]));
      if (progress.some((p) => p > 0.3 && p < 1)) child.kill("SIGKILL");
    });
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toContain("done");
    expect(database.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(storedItems()).toBe(before);
    const report = await load(file);
    expect(report, JSON.stringify({ ...report, problems: report.problems.slice(0, 2) })).toMatchObject({ status: "loaded", added: 60_000 });
  });
});

describe("how fresh the data is, per feed", () => {
  const loadedOn = (day: string) =>
    database.sqlite
      .prepare(
        "insert into import_runs (started_at, finished_at, actor, file_name, file_sha256, status, encoding, rows_read, added, updated, unchanged, rejected, not_work_items, duration_ms, message) values (?, ?, 'system', ?, '', 'loaded', 'utf-8', 1, 1, 0, 0, 0, 0, 5, 'Loaded')",
      )
      .run(`${day}T02:00:00.000Z`, `${day}T02:00:05.000Z`, `nightly-${day}.csv`);

  it("knows a daily feed from the loads, and calls it stale after two days, not the monthly limit", () => {
    for (const day of ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"]) loadedOn(day);
    expect(dataFreshness(database.db, 35, "2026-12-02")).toEqual({
      loadedOn: "2026-12-01",
      source: "the extract nightly-2026-12-01.csv",
      ageDays: 1,
      stale: false,
      everyDays: 1,
      staleAfterDays: 2,
    });
    expect(dataFreshness(database.db, 35, "2026-12-04")).toMatchObject({ ageDays: 3, stale: true });
  });

  it("keeps the configured limit for monthly extracts", () => {
    for (const day of ["2026-09-01", "2026-10-01", "2026-11-02"]) loadedOn(day);
    expect(dataFreshness(database.db, 35, "2026-11-30")).toMatchObject({ everyDays: null, staleAfterDays: 35, stale: false });
    expect(dataFreshness(database.db, 35, "2026-12-08")).toMatchObject({ stale: true });
  });
});

describe("when each team's data last changed", () => {
  it("is the time of the last load that added, changed or moved away one of its rows; a load that changes nothing leaves it", async () => {
    const teamA = database.sqlite.prepare("select id from teams where name = 'Team A'").pluck().get() as number;
    database.sqlite.prepare("insert into teams (name, slug, type, service_id) select 'Team B', 'team-b', type, service_id from teams where id = ?").run(teamA);
    const teamB = database.sqlite.prepare("select id from teams where name = 'Team B'").pluck().get() as number;
    expect(teamDataChanges(database.db).size).toBe(0);
    await load(csv("first.csv", GOOD_ROWS));
    const first = teamDataChanges(database.db);
    expect([...first.keys()]).toEqual([teamA]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await load(csv("same.csv", GOOD_ROWS));
    expect(teamDataChanges(database.db)).toEqual(first);
    // IMP-3 moves to Team B: both teams' data changed.
    await load(csv("moved.csv", [GOOD_ROWS[2]!.replace("Team A", "Team B")]));
    const moved = teamDataChanges(database.db);
    expect(moved.get(teamA)! > first.get(teamA)!).toBe(true);
    expect(moved.get(teamB)).toBe(moved.get(teamA));
  });
});
