/*
 * The drop folder against a real SQLite file and real files: which files are
 * complete, one load each as the system, done/ and failed/ with the report
 * beside each file, and exactly once under two processes and across a
 * restart of the app.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { completeFiles, loadNextDroppedFile, recoverDropFolder, type DropFolderOptions } from "~/import/drop-folder.server";
import { recordImportRun } from "~/import/history.server";
import { SYSTEM } from "~/audit/audit.server";
import { tempDatabase } from "../helpers/temp-db";
import { openDatabase } from "../../db/connection";
import { loadWorkedExample } from "../helpers/worked-example";
import { scaledWait } from "../helpers/machine-load";
import { startApp } from "../helpers/app-server";
import { copyDemoCouncil } from "../helpers/demo-cache";
import { runToday } from "../helpers/today";

const HEADER =
  "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Event End Date,Event Outcome,Review Reason,Team,Worker,Allocated Date,Service Type,Unit Cost,Cost Frequency (Unit Type),Planned units per week,Date of Birth";
const extract = (team: string, refs: string[]) => [HEADER, ...refs.map((ref) => `P-${ref},Request,${ref},02/03/2026,,,,${team},,,,,,,`)].join("\n") + "\n";

let database: ReturnType<typeof tempDatabase>;
let drop: string;
const lines: string[] = [];
const options = (): DropFolderOptions => ({
  db: database.db,
  databasePath: database.file,
  dir: drop,
  settleMs: 60_000,
  choices: { skipInvalid: false, createMissing: false },
  log: (line) => lines.push(line),
});

/** Written elsewhere, then renamed in: complete at once. */
function dropFile(name: string, text: string, dir = drop) {
  const part = path.join(dir, `.${name}.part`);
  fs.writeFileSync(part, text);
  // A rename changes the file's change time, not its last write: make the difference plain on any file system.
  const written = new Date(Date.now() - 5_000);
  fs.utimesSync(part, written, written);
  fs.renameSync(part, path.join(dir, name));
}

const runsNamed = (pattern: string) =>
  database.sqlite.prepare("select file_name as name, status from import_runs where file_name like ? order by id").all(pattern) as { name: string; status: string }[];
const workItem = (ref: string) => database.sqlite.prepare("select count(*) as n from work_items where source_ref = ?").get(ref) as { n: number };

beforeEach(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
  drop = path.join(database.dir, "drop");
  fs.mkdirSync(drop);
  lines.length = 0;
});
afterEach(() => database.remove());

describe("which files are complete", () => {
  it("takes a CSV renamed in at once, and one written in place only after it has gone unwritten for the settling time", () => {
    dropFile("renamed.csv", extract("Team A", ["R1"]));
    fs.writeFileSync(path.join(drop, "writing.csv"), extract("Team A", ["W1"]));
    fs.writeFileSync(path.join(drop, "extract.csv.part"), "still coming");
    fs.writeFileSync(path.join(drop, ".hidden.csv"), "a job's own");
    fs.writeFileSync(path.join(drop, "empty.csv"), "");
    const now = Date.now();
    expect(completeFiles(drop, 60_000, now)).toEqual(["renamed.csv"]);
    expect(completeFiles(drop, 60_000, now + 61_000).sort()).toEqual(["renamed.csv", "writing.csv"]);
  });
});

describe("a dropped file", () => {
  it("is loaded once as the system, moved to done/ with its report, and named in the load history", async () => {
    dropFile("nightly.csv", extract("Team A", ["D1", "D2"]));
    const claimed = await loadNextDroppedFile(options());
    expect(claimed).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}-nightly\.csv$/);
    expect(fs.readdirSync(drop).filter((f) => !["processing", "done", "failed"].includes(f))).toEqual([]);
    expect(fs.readdirSync(path.join(drop, "done")).sort()).toEqual([claimed, `${claimed}.report.txt`]);
    const report = fs.readFileSync(path.join(drop, "done", `${claimed}.report.txt`), "utf8");
    expect(report).toContain("nightly.csv, from the drop folder, loaded as the system");
    expect(report).toContain("Loaded. Added 2, updated 0; 0 unchanged; 0 rejected.");
    expect(runsNamed("%nightly.csv")).toEqual([{ name: claimed, status: "loaded" }]);
    expect(workItem("D1").n).toBe(1);
    const actor = database.sqlite.prepare("select actor from audit_log where action = 'import' order by id desc limit 1").get() as { actor: string } | undefined;
    expect(actor?.actor ?? "system").toBe("system");
    // Nothing left to do.
    expect(await loadNextDroppedFile(options())).toBeNull();
  });

  it("that is refused goes to failed/ with the reasons, and nothing of it is loaded", async () => {
    dropFile("bad.csv", extract("No Such Team", ["B1"]));
    const claimed = (await loadNextDroppedFile(options()))!;
    expect(fs.readdirSync(path.join(drop, "failed")).sort()).toEqual([claimed, `${claimed}.report.txt`]);
    expect(fs.readFileSync(path.join(drop, "failed", `${claimed}.report.txt`), "utf8")).toMatch(/Refused: nothing was changed\.[\s\S]*No Such Team/);
    expect(workItem("B1").n).toBe(0);
  });

  it("waits while another load runs, and is loaded after it", async () => {
    dropFile("first.csv", extract("Team A", ["F1"]));
    dropFile("second.csv", extract("Team A", ["S1"]));
    // Two looks at once, as two processes would: one loads, the other finds the load lock taken and leaves its file.
    const [a, b] = await Promise.all([loadNextDroppedFile(options()), loadNextDroppedFile(options())]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const next = await loadNextDroppedFile(options());
    expect(next).not.toBeNull();
    expect(runsNamed("%first.csv").length + runsNamed("%second.csv").length).toBe(2);
    expect([workItem("F1").n, workItem("S1").n]).toEqual([1, 1]);
  });
});

describe("exactly once", () => {
  it("after a restart: a file loaded before the stop is moved on, and one not loaded goes back and is loaded once", async () => {
    fs.mkdirSync(path.join(drop, "processing"), { recursive: true });
    const loadedBefore = "20261204T010000Z-aaaaaa-loaded.csv";
    const notLoaded = "20261204T010500Z-bbbbbb-pending.csv";
    fs.writeFileSync(path.join(drop, "processing", loadedBefore), extract("Team A", ["L1"]));
    fs.writeFileSync(path.join(drop, "processing", notLoaded), extract("Team A", ["P1"]));
    recordImportRun(database.db, {
      actor: SYSTEM,
      fileName: loadedBefore,
      sha256: "0".repeat(64),
      startedAt: new Date(),
      status: "loaded",
      encoding: "utf-8",
      rowsRead: 1,
      added: 1,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      notWorkItems: 0,
      servicesAdded: 0,
      servicesUpdated: 0,
      servicesUnchanged: 0,
      durationMs: 5,
      message: "Loaded 1 row.",
    });
    recoverDropFolder(options());
    expect(fs.readdirSync(path.join(drop, "processing"))).toEqual([]);
    expect(fs.readdirSync(path.join(drop, "done"))).toEqual([loadedBefore, `${loadedBefore}.report.txt`]);
    expect(fs.readFileSync(path.join(drop, "done", `${loadedBefore}.report.txt`), "utf8")).toContain("Finished after a restart.");
    expect(workItem("L1").n).toBe(0); // not loaded again
    expect(fs.existsSync(path.join(drop, "pending.csv"))).toBe(true);
    // Back in the folder with its old times: complete, and loaded once.
    const now = Date.now() + 120_000;
    expect(await loadNextDroppedFile({ ...options(), now: () => now })).toMatch(/-pending\.csv$/);
    expect(workItem("P1").n).toBe(1);
    expect(runsNamed("%pending.csv")).toHaveLength(1);
  });

  it("under two processes watching the same folder: each file is loaded by one of them, once", async () => {
    const children: ChildProcess[] = [];
    const output: string[] = ["", ""];
    try {
      for (const i of [0, 1]) {
        const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/drop-watcher-child.ts", database.file, drop], { stdio: ["ignore", "pipe", "pipe"] });
        child.stdout!.on("data", (chunk: Buffer) => (output[i] += chunk.toString()));
        child.stderr!.on("data", (chunk: Buffer) => (output[i] += chunk.toString()));
        children.push(child);
      }
      const names = ["one.csv", "two.csv", "three.csv", "four.csv"];
      names.forEach((name, i) => dropFile(name, extract("Team A", [`T${i}`])));
      const deadline = Date.now() + scaledWait(90_000);
      const done = () => (fs.existsSync(path.join(drop, "done")) ? fs.readdirSync(path.join(drop, "done")).filter((f) => f.endsWith(".csv")) : []);
      while (done().length < names.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(done()).toHaveLength(names.length);
      for (const [i, name] of names.entries()) {
        expect(runsNamed(`%-${name}`)).toEqual([{ name: expect.stringMatching(new RegExp(`-${name}$`)), status: "loaded" }]);
        expect(workItem(`T${i}`).n).toBe(1);
      }
      expect(fs.readdirSync(path.join(drop, "processing"))).toEqual([]);
    } finally {
      await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once("exit", resolve), child.kill("SIGTERM"))))));
    }
    expect(output.join("")).not.toMatch(/could not be read/);
  }, 120_000);
});

describe("the app with PRIMED_DROP_DIR", () => {
  it("on start finishes a file it had claimed before it stopped, then loads what is dropped while it runs", async () => {
    const appDrop = path.join(database.dir, "app-drop");
    fs.mkdirSync(path.join(appDrop, "processing"), { recursive: true });
    // As if the app had stopped between claiming a file and loading it: one start covers the restart.
    fs.writeFileSync(path.join(appDrop, "processing", "20261204T020000Z-cccccc-left.csv"), extract("North Locality", ["APP2"]));
    const databasePath = path.join(database.dir, "app.db");
    await copyDemoCouncil(databasePath, runToday());
    const app = await startApp({ PRIMED_DROP_DIR: appDrop, PRIMED_DROP_EVERY_SECONDS: "0.2", PRIMED_DEMO: "on" }, { databasePath });
    const doneFiles = () => (fs.existsSync(path.join(appDrop, "done")) ? fs.readdirSync(path.join(appDrop, "done")).filter((f) => f.endsWith(".csv")) : []);
    const waitFor = async (count: number) => {
      const deadline = Date.now() + scaledWait(60_000);
      while (doneFiles().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      return doneFiles();
    };
    try {
      expect(app.output()).toContain(`Watching the drop folder ${appDrop}`);
      expect(app.output()).toContain("had not been loaded when Primed stopped");
      expect(await waitFor(1)).toEqual([expect.stringMatching(/-left\.csv$/)]);
      dropFile("nightly.csv", extract("North Locality", ["APP1"]), appDrop);
      expect(await waitFor(2)).toHaveLength(2);
      // The file reaches done/ just before its line is written, and the line then crosses a pipe: wait for it.
      await expect.poll(() => app.output(), { timeout: scaledWait(10_000) }).toMatch(/nightly\.csv from the drop folder: loaded/);
    } finally {
      await app.stop();
    }
    const connection = openDatabase(databasePath);
    try {
      const count = (ref: string) => (connection.sqlite.prepare("select count(*) as n from work_items where source_ref = ?").get(ref) as { n: number }).n;
      expect([count("APP1"), count("APP2")]).toEqual([1, 1]);
      expect(connection.sqlite.prepare("select count(*) as n from import_runs where file_name like '%-left.csv'").get()).toEqual({ n: 1 });
    } finally {
      connection.close();
    }
  }, 240_000);
});
