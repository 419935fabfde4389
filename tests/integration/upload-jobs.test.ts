/*
 * Uploaded extracts: each load runs in its own process through the one
 * pipeline; the server keeps its progress and report, one load at a time.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/audit/audit.server";
import { canLoadForReal, LoadAlreadyRunning, loadForReal, newUploadFolder, rejectsFileOf, startUploadJob, type UploadChoices, type UploadJob } from "~/import/upload-jobs.server";
import { uploadView } from "~/import/upload-view.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

const HEADER = "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Team";
const ADMIN: Actor = { kind: "user", userId: 1, email: "admin@council.example" };
const NO_CHOICES: UploadChoices = { dryRun: false, skipInvalid: false, createMissing: false };

let database: ReturnType<typeof tempDatabase>;

beforeEach(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
});
afterEach(() => database.remove());

function uploaded(rows: string[], databasePath = database.file) {
  const folder = newUploadFolder(database.file);
  fs.writeFileSync(folder.file, [HEADER, ...rows].join("\n"));
  return { folder, databasePath };
}

function start(rows: string[], choices: Partial<UploadChoices> = {}, databasePath?: string): UploadJob {
  const { folder, databasePath: target } = uploaded(rows, databasePath);
  return startUploadJob({ db: database.db, databasePath: target, folder, fileName: "march.csv", actor: ADMIN, choices: { ...NO_CHOICES, ...choices } });
}

async function finished(job: UploadJob): Promise<UploadJob> {
  for (let i = 0; i < 600 && job.state === "running"; i += 1) await new Promise((r) => setTimeout(r, 50));
  return job;
}

const requests = (n: number, prefix = "U") => Array.from({ length: n }, (_, i) => `P${i},Request,${prefix}-${i},02/03/2026,Team A`);
const history = () =>
  database.sqlite.prepare("select file_name, status, actor, message from import_runs order by id").all() as { file_name: string; status: string; actor: string; message: string }[];

describe("an uploaded extract", () => {
  it("loads in its own process, keeping the file's own name in the history", async () => {
    const job = await finished(start(requests(3)));
    expect(job.state).toBe("finished");
    expect(job.report).toMatchObject({ status: "loaded", added: 3 });
    // The page never shows where the server keeps files.
    expect(JSON.stringify(uploadView(job))).not.toContain(database.dir);
    expect(history()).toEqual([expect.objectContaining({ file_name: "march.csv", status: "loaded", actor: "admin@council.example" })]);
    // The upload itself is not kept once loaded.
    expect(fs.existsSync(path.join(job.dir, "upload.csv"))).toBe(false);
  });

  it("runs one load at a time", async () => {
    const first = start(requests(20_000));
    expect(() => start(requests(1, "V"))).toThrow(LoadAlreadyRunning);
    await finished(first);
    expect((await finished(start(requests(1, "V")))).report).toMatchObject({ status: "loaded", added: 1 });
  });

  // End to end; the moment of the race itself is the next test's (two processes rarely meet in so short a window).
  it("runs one load at a time across the server's processes: of two started at the same moment, one loads and the other is refused", async () => {
    const goFile = path.join(database.dir, "go");
    const children = ["A", "B"].map((name) => {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/upload-child.ts", database.file, goFile, name], { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<string>((resolve) => child.on("exit", () => resolve(output)));
      return { child, output: () => output, exited };
    });
    // Both have their upload saved and wait for the same moment.
    for (let i = 0; i < 1_200 && !children.every((c) => c.output().includes("ready")); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(children.map((c) => c.output())).toEqual(["ready\n", "ready\n"]);
    fs.writeFileSync(goFile, "");
    const outputs = await Promise.all(children.map((c) => c.exited));
    const outcomes = outputs.map((o) => o.split("\n")[1]).sort();
    expect(outcomes, outputs.join("\n")).toEqual([
      expect.stringMatching(/^refused: [AB]\.csv is loading now \(started by Primed\)\. Start another load when it has finished\.$/),
      "started",
    ]);
    expect(outputs.find((o) => o.includes("started"))).toContain("finished");
    expect(history().map((run) => run.status)).toEqual(["loaded"]);
    // The lock goes with the load: the next one starts.
    expect((await finished(start(requests(1, "V")))).report).toMatchObject({ status: "loaded", added: 1 });
  }, 120_000);

  it("refuses while another process has begun a load (its lock taken, its job file not yet written), and takes over a lock whose processes have gone", async () => {
    // Another process, alive, between taking the lock and writing its job file: the moment two uploads raced through.
    const lock = (pid: number, fileName: string) =>
      database.sqlite
        .prepare("insert or replace into app_settings (key, value) values ('upload_load', ?)")
        .run(JSON.stringify({ jobId: "0".repeat(24), fileName, startedBy: "someone", pids: [pid] }));
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      lock(other.pid!, "other.csv");
      expect(() => start(requests(1, "W"))).toThrow("other.csv is loading now (started by someone)");
    } finally {
      other.kill("SIGKILL");
      await new Promise((resolve) => other.on("exit", resolve));
    }
    // Killed part-way: its lock is stale.
    expect((await finished(start(requests(1, "V")))).report).toMatchObject({ status: "loaded", added: 1 });
    expect(database.sqlite.prepare("select count(*) from app_settings where key = 'upload_load'").pluck().get()).toBe(0);
  });

  it("after a dry run, loads the same file for real with the same choices", async () => {
    const dryRun = await finished(start([...requests(2), "P9,Request,U-9,31/02/2026,Team A"], { dryRun: true, skipInvalid: true }));
    expect(dryRun.report).toMatchObject({ status: "dry_run", added: 2, rejected: 1 });
    expect(canLoadForReal(dryRun)).toBe(true);
    const real = await finished(loadForReal(dryRun, { db: database.db, databasePath: database.file, actor: ADMIN }));
    expect(real.report).toMatchObject({ status: "loaded", added: 2, rejected: 1 });
    expect(real.choices).toEqual({ dryRun: false, skipInvalid: true, createMissing: false });
    expect(fs.readFileSync(rejectsFileOf(real)!, "utf8")).toMatch(/U-9,31\/02\/2026,Team A,Event Start Date is not a real date/);
    expect(canLoadForReal(real)).toBe(false);
  });

  it("records a load that fails before its report as failed, with the reason, and changes nothing", async () => {
    const notADatabase = path.join(database.dir, "not-a-database.db");
    fs.writeFileSync(notADatabase, "this is not SQLite ".repeat(100));
    const job = await finished(start(requests(3), {}, notADatabase));
    expect(job.state).toBe("failed");
    expect(job.failure).toMatch(/The load failed and nothing was changed: file is not a database/);
    expect(history()).toEqual([expect.objectContaining({ status: "failed", message: expect.stringMatching(/^Failed: /) })]);
    expect(database.sqlite.prepare("select count(*) from work_items where source_ref like 'U-%'").pluck().get()).toBe(0);
  });
});
