/*
 * Faults, each a test: a crash (SIGKILL) during an import and during a burst
 * of writes, a full disk during an import, a read-only or impossible database
 * path at start-up, and a migration that fails part-way. After each, the
 * database is whole, holds everything that was acknowledged and nothing
 * half-written, and Primed serves again (or says clearly why it cannot).
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "../../db/connection";
import { builtCommand } from "../helpers/built-command";
import { freePort, startApp } from "../helpers/app-server";
import { demoCouncilDatabase } from "../helpers/temp-db";
import { runToday } from "../helpers/today";

const tsx = [process.execPath, "--import", "tsx"] as const;

let root: string;
/** The demo council, closed and checkpointed: each test works on its own copy. */
let demoFile: string;
/** A 40,000-row extract (CLD shape) of the large council's recent work: all new to the demo council's database. */
let extract: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "primed-faults-"));
  const demo = await demoCouncilDatabase(runToday());
  demo.close();
  demoFile = path.join(root, "demo.db");
  fs.copyFileSync(demo.file, demoFile);
  demo.remove();
  extract = path.join(root, "extract.csv");
  const generated = await run(["bin/primed.ts", "generate-extract", "--rows", "40000", "--scale", "large", "--out", extract]);
  expect(generated.code, generated.output).toBe(0);
}, 120_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh folder under the test's root holding a copy of the demo council at `primed.db`. */
function demoCopy(name: string): { dir: string; file: string } {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  const file = path.join(dir, "primed.db");
  fs.copyFileSync(demoFile, file);
  return { dir, file };
}

/**
 * Runs one of Primed's programs (bin/primed.ts, bin/serve.ts) as the build has it, or a test's own entry point
 * with node and tsx; its exit code and everything it wrote.
 */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; output: string }> {
  const [entry, ...rest] = args;
  const [command, commandArgs] = entry!.startsWith("bin/") ? builtCommand(entry as `bin/${string}.ts`, rest) : [tsx[0], [...tsx.slice(1), ...args]];
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr, output: stdout + stderr }));
  });
}

/** What a test checks of a database after a fault, read on a connection of its own. */
function inspect(file: string) {
  const sqlite = new Database(file);
  try {
    return {
      integrity: sqlite.pragma("integrity_check", { simple: true }) as string,
      workItems: sqlite.prepare("select count(*) from work_items").pluck().get() as number,
      /** Every work item as stored, in one string: equal means the same rows, field for field. */
      workItemsDigest:
        (sqlite
          .prepare(
            "select group_concat(id || '|' || source_ref || '|' || coalesce(completed_on, '') || '|' || coalesce(worker_id, ''), ',') from (select * from work_items order by id)",
          )
          .pluck()
          .get() as string | null) ?? "",
      loadedRuns: sqlite.prepare("select count(*) from import_runs where status = 'loaded'").pluck().get() as number,
      runs: sqlite.prepare("select count(*) from import_runs").pluck().get() as number,
    };
  } finally {
    sqlite.close();
  }
}

/** Starts the built app on `file` (as `npm run start:prod` does, in one process) and checks it serves: sign-in page and health check. */
async function expectServes(file: string) {
  const app = await startApp({ PRIMED_WORKERS: "1", PRIMED_DEMO: "off" }, { databasePath: file, production: true });
  try {
    expect((await fetch(`${app.url}/sign-in`)).status).toBe(200);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status, await health.clone().text()).toBe(200);
  } finally {
    await app.stop();
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** No stack trace: no "    at file:line" lines. */
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+/m);

describe("a crash (SIGKILL)", () => {
  it("during an import leaves the database whole, as it was before the import, and Primed serves", async () => {
    const { file } = demoCopy("killed-import");
    const before = inspect(file);
    // node itself with tsx as a loader: the tsx command would run the import in a grandchild the kill would miss.
    // A small page cache: the uncommitted rows spill into the write-ahead log as they are written.
    const child = spawn(tsx[0], [...tsx.slice(1), "tests/helpers/import-child-spilling.ts", file, extract], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let killedAt: { wal: number; progress: number } | null = null;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    const walBytes = () => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    // Killed once 2 MB of its uncommitted writes are on disk: the file is read and checked by then, and
    // its new and changed rows are being written, in the one transaction that also records the run.
    const poll = setInterval(() => {
      const progress = Math.max(0, ...[...output.matchAll(/progress ([\d.]+)/g)].map((m) => Number(m[1])));
      if (!killedAt && walBytes() > 2 * 1024 * 1024) {
        killedAt = { wal: walBytes(), progress };
        child.kill("SIGKILL");
      }
    }, 20);
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const signal = await exited;
    clearInterval(poll);
    expect(signal, `the import was not killed part-way:\n${output.slice(-2000)}`).toBe("SIGKILL");
    expect(output).not.toContain("done");
    console.info(`import killed with ${Math.round(killedAt!.progress * 100)}% of the file read and ${killedAt!.wal} bytes in its write-ahead log`);
    expect(walBytes(), "the uncommitted writes were on disk").toBeGreaterThan(2 * 1024 * 1024);

    const after = inspect(file);
    expect(after.integrity).toBe("ok");
    // All or nothing: exactly the work items from before the import, field for field; no run recorded as loaded.
    expect(after.workItems).toBe(before.workItems);
    expect(after.workItemsDigest).toBe(before.workItemsDigest);
    expect(after.loadedRuns).toBe(before.loadedRuns);
    expect(after.runs).toBe(before.runs);
    await expectServes(file);
  }, 120_000);

  it("during a burst of writes keeps every acknowledged write, and Primed serves", async () => {
    const { file } = demoCopy("killed-writes");
    const setup = new Database(file, { readonly: true });
    const workerId = setup.prepare("select w.id from workers w join teams t on t.id = w.team_id where t.slug = 'north-locality' order by w.id limit 1").pluck().get() as number;
    setup.close();
    const app = await startApp({ PRIMED_WORKERS: "1" }, { databasePath: file, production: true });
    let killed = false;
    try {
      const signIn = await fetch(`${app.url}/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "manager@northbrook.example", password: "demo-manager" }),
      });
      expect(signIn.status).toBe(302);
      const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;

      const acknowledged: string[] = [];
      const failed: string[] = [];
      let next = 0;
      const TOTAL = 2_000;
      const KILL_AFTER = 150;
      let killing: Promise<void> | null = null;
      // Eight writers at once, each adding a note with its own text, until the server is killed under them.
      const writer = async () => {
        while (next < TOTAL) {
          const note = `burst note ${next++}`;
          try {
            const response = await fetch(`${app.url}/teams/north-locality/workers/${workerId}/notes`, {
              method: "POST",
              redirect: "manual",
              headers: { Origin: app.url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams({ note }),
            });
            await response.arrayBuffer();
            if (response.status === 302) acknowledged.push(note);
            else failed.push(`${note}: ${response.status}`);
          } catch {
            // The connection was cut by the kill: not acknowledged, so it may or may not be stored.
            failed.push(note);
          }
          if (acknowledged.length >= KILL_AFTER && !killing) killing = app.kill("SIGKILL").then(() => void (killed = true));
          if (killed) return;
        }
      };
      await Promise.all(Array.from({ length: 8 }, writer));
      await killing;
      expect(killed, "the server was killed mid-burst").toBe(true);
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(next, "writes were still being sent when the server died").toBeLessThan(TOTAL);
      console.info(`burst: ${acknowledged.length} writes acknowledged, ${failed.length} cut off by the kill, ${next} sent`);
      expect(
        failed.every((f) => !/: \d+$/.test(f)),
        `every write before the kill succeeded: ${failed
          .filter((f) => /: \d+$/.test(f))
          .slice(0, 3)
          .join("; ")}`,
      ).toBe(true);

      const check = new Database(file);
      try {
        expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
        const stored = new Set(check.prepare("select note from worker_load_notes where note like 'burst note %'").pluck().all() as string[]);
        expect(
          acknowledged.filter((note) => !stored.has(note)),
          "acknowledged writes missing after the crash",
        ).toEqual([]);
        // Each stored note is one the test sent, stored once, with its audit entry (same transaction).
        expect(stored.size).toBeLessThanOrEqual(next);
        const audited = check.prepare("select count(*) from audit_log where action = 'add_load_note'").pluck().get() as number;
        expect(audited).toBeGreaterThanOrEqual(stored.size);
      } finally {
        check.close();
      }
    } finally {
      if (!killed) await app.stop();
    }
    await expectServes(file);
  }, 120_000);
});

/** Mounts a tmpfs of `bytes` at `dir` when this process may (root, and mount works); else false. */
function mountSmallDisk(dir: string, bytes: number): boolean {
  // PRIMED_FAULTS_NO_MOUNT=1 tries the other way (max_page_count), as a run without root does.
  if (process.getuid?.() !== 0 || process.env.PRIMED_FAULTS_NO_MOUNT) return false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("a full disk", () => {
  it("during an import: a clear error, and nothing half-written", async () => {
    const dir = path.join(root, "full-disk");
    fs.mkdirSync(dir);
    // A database holding a first, small load, on a disk with room for it and a little more, not for the full extract.
    const small = path.join(root, "small.csv");
    fs.writeFileSync(small, fs.readFileSync(extract, "utf8").split("\n").slice(0, 2_001).join("\n") + "\n");
    const staging = path.join(root, "full-disk-staging.db");
    const first = await run(["bin/primed.ts", "import", small, "--create-missing"], { DATABASE_PATH: staging });
    expect(first.code, first.output).toBe(0);
    const stagedBytes = fs.statSync(staging).size;
    const mounted = mountSmallDisk(dir, stagedBytes + 3 * 1024 * 1024);
    const file = path.join(dir, "primed.db");
    try {
      fs.copyFileSync(staging, file);
      const before = inspect(file);
      expect(before.workItems).toBe(2_000);
      // Without a small disk, the database may not grow more than its own size plus 3 MB (SQLite's max_page_count).
      const load = mounted
        ? await run(["bin/primed.ts", "import", extract, "--create-missing"], { DATABASE_PATH: file })
        : await run(["tests/helpers/cli-page-limit.ts", "import", extract, "--create-missing"], {
            DATABASE_PATH: file,
            PRIMED_TEST_MAX_PAGES: String(Math.ceil(stagedBytes / 4096) + 768),
          });
      console.info(`full disk: ${mounted ? "a tmpfs of the database's size + 3 MB" : "max_page_count (no tmpfs: not root, or mount failed)"}`);
      expect(load.code, load.output).toBe(1);
      expect(load.stderr).toMatch(/^Error: The disk is full: the load stopped part-way and nothing was changed/m);
      expect(load.stderr).toContain("Free some space on the disk");
      noStackTrace(load.output);
      const after = inspect(file);
      expect(after.integrity).toBe("ok");
      expect(after.workItems).toBe(before.workItems);
      expect(after.workItemsDigest).toBe(before.workItemsDigest);
      expect(after.loadedRuns).toBe(before.loadedRuns);
    } finally {
      if (mounted) execFileSync("umount", [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Starts the built server on `databasePath` (as `npm run start:prod` does) and waits for it to exit, or gives up after 60 s. */
async function startExpectingFailure(databasePath: string) {
  const port = await freePort();
  const started = Date.now();
  const result = await Promise.race([
    run(["bin/serve.ts", "--production"], { PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, PRIMED_WORKERS: "1" }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Primed did not stop within 60 s on ${databasePath}`)), 60_000).unref()),
  ]);
  // The production log is JSON lines on standard output: the messages, as a person reads them.
  const messages = result.output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: string; msg: string })
    .filter((entry) => entry.level === "error")
    .map((entry) => entry.msg);
  return { ...result, messages, seconds: (Date.now() - started) / 1000 };
}

describe("a database Primed cannot use", () => {
  it.each([
    ["the file", "the file is"],
    ["its folder", "its folder .* is"],
    ["the file and its folder", "the file is"],
  ])(
    "read-only (%s): start-up stops with a message naming the file and what to do",
    async (which, said) => {
      const { dir, file } = demoCopy(`read-only-${which.replace(/ /g, "-")}`);
      const readOnly = [...(which.includes("file") ? [file] : []), ...(which.includes("folder") ? [dir] : [])];
      const asRoot = process.getuid?.() === 0;
      // Root ignores file modes: an immutable file (chattr +i) is read-only even for root.
      const protect = (on: boolean) => {
        if (asRoot) execFileSync("chattr", [on ? "+i" : "-i", ...readOnly]);
        else for (const entry of readOnly) fs.chmodSync(entry, on ? (entry === dir ? 0o555 : 0o444) : entry === dir ? 0o755 : 0o644);
      };
      protect(true);
      try {
        const result = await startExpectingFailure(file);
        expect(result.code, result.output).toBe(1);
        expect(result.seconds).toBeLessThan(30);
        expect(result.output).not.toContain("Primed is running");
        expect(result.messages, result.output).toEqual([expect.stringMatching(new RegExp(`^Primed cannot write to its database at ${escape(file)}: ${said} read-only`))]);
        expect(result.messages[0]).toContain("Let the user Primed runs write to the file and its folder, or set DATABASE_PATH to another file");
        noStackTrace(result.output);
      } finally {
        protect(false);
      }
      // Nothing was written to it: it is the demo council as it was.
      expect(fs.readFileSync(file).equals(fs.readFileSync(demoFile))).toBe(true);
    },
    90_000,
  );

  it("in a folder that cannot be made: start-up stops with a message naming the file and what to do", async () => {
    const notAFolder = path.join(root, "not-a-folder");
    fs.writeFileSync(notAFolder, "a file, where the database's folder should be");
    const file = path.join(notAFolder, "data", "primed.db");
    const result = await startExpectingFailure(file);
    expect(result.code, result.output).toBe(1);
    expect(result.messages, result.output).toEqual([
      `Primed cannot create its database at ${file}: part of the folder ${path.dirname(file)} is a file, not a folder. Move that file, or set DATABASE_PATH to another file, then start Primed again.`,
    ]);
    noStackTrace(result.output);
  }, 90_000);
});

describe("a migration that fails part-way", () => {
  it("leaves the database on the version it was, with nothing of the failed migrations, and Primed still opens it", async () => {
    const dir = path.join(root, "migration");
    fs.mkdirSync(dir);
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
      entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
    };
    const [previous, latest] = journal.entries.slice(-2) as [(typeof journal.entries)[0], (typeof journal.entries)[0]];
    /** A copy of the migrations folder with the journal's entries `entries`. */
    const folder = (name: string, entries: typeof journal.entries, extra: Record<string, string> = {}) => {
      const copy = path.join(dir, name);
      fs.cpSync(migrationsFolder, copy, { recursive: true });
      fs.writeFileSync(path.join(copy, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }, null, 2));
      for (const [fileName, sql] of Object.entries(extra)) fs.writeFileSync(path.join(copy, fileName), sql);
      return copy;
    };
    // A database one version behind: every migration but the latest.
    const file = path.join(dir, "primed.db");
    const sqlite = new Database(file);
    migrate(drizzle(sqlite), { migrationsFolder: folder("previous", journal.entries.slice(0, -1)) });
    const recorded = () => sqlite.prepare("select hash, created_at from __drizzle_migrations order by id").all();
    const tables = () => sqlite.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[];
    const recordBefore = recorded();
    const tablesBefore = tables();
    expect(recordBefore).toHaveLength(journal.entries.length - 1);

    // Two pending migrations: the real latest one, then one that makes a table and then fails.
    const failing = {
      idx: latest.idx + 1,
      version: latest.version,
      when: latest.when + 1,
      tag: "9999_fails_part_way",
      breakpoints: true,
    };
    const broken = folder("broken", [...journal.entries, failing], {
      "9999_fails_part_way.sql": "CREATE TABLE `half_made` (`id` integer PRIMARY KEY);\n--> statement-breakpoint\nINSERT INTO `no_such_table` (`id`) VALUES (1);\n",
    });
    let failure: unknown;
    try {
      migrate(drizzle(sqlite), { migrationsFolder: broken });
    } catch (error) {
      failure = error;
    }
    expect(String((failure as Error | undefined)?.message)).toMatch(/Failed to run the query[\s\S]*no_such_table/);
    expect(String(((failure as Error).cause as Error | undefined)?.message)).toMatch(/no such table: no_such_table/);

    // One transaction for all pending migrations: neither the failing one's first table nor the latest's changes stay.
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(recorded()).toEqual(recordBefore);
    expect(tables()).not.toContain("half_made");
    expect(tables()).toEqual(tablesBefore);
    expect(sqlite.inTransaction).toBe(false);
    sqlite.close();
    expect(previous.tag).not.toBe(latest.tag);

    // Primed's own migrations still apply, and it serves.
    const connection = openDatabase(file);
    expect(connection.sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(journal.entries.length);
    connection.close();
    await expectServes(file);
  }, 90_000);
});
