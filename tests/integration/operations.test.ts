/*
 * Primed as a council's servers run it: the production start (npm run
 * start:prod) with two processes, its health check, log, asset caching and
 * graceful stop; and the backup and restore commands, against the running app.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { latestMigration } from "../../db/schema-version";
import { runCli } from "~/cli/run";
import { addMonths, monthOf } from "~/dates";
import { builtCommand } from "../helpers/built-command";
import { startApp, type RunningApp } from "../helpers/app-server";
import { signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

let dir: string;
let databasePath: string;
let app: RunningApp;
let managerCookie: string;
let colleague: number;
/** A good backup for the restore tests, taken by the first test that asks for it (see theBackup). */
let sharedBackup: Promise<{ file: string; notes: number }> | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-operations-"));
  databasePath = path.join(dir, "primed.db");
  // The command line, run in this process for restore, acts on DATABASE_PATH.
  process.env.DATABASE_PATH = databasePath;
  app = await startApp({ PRIMED_WORKERS: "2" }, { databasePath, production: true });
  managerCookie = await signIn("manager@northbrook.example", "demo-manager");
  const { sqlite, close } = openDatabase(databasePath);
  const manager = sqlite.prepare("SELECT worker_id AS id FROM users WHERE email = ?").get("manager@northbrook.example") as { id: number };
  colleague = (
    sqlite.prepare("SELECT id FROM workers WHERE team_id = (SELECT team_id FROM workers WHERE id = ?) AND id <> ? LIMIT 1").get(manager.id, manager.id) as { id: number }
  ).id;
  close();
}, 180_000);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const signIn = (email: string, password: string) => signInOverHttp(app.url, email, password);

/** The command line as an operator runs it, in a process of its own. */
function primedCommand(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(...builtCommand("bin/primed.ts", args), { env: { ...process.env, DATABASE_PATH: databasePath } });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

/** The command line in this process: quicker, for the restore checks. */
async function primed(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  // The command's database work holds this process's event loop; on a loaded machine for longer than the app
  // keeps an idle connection open (5 s). Let one turn of the loop read the app's closing of that connection,
  // or the next fetch would reuse it and fail with "other side closed".
  await new Promise((resolve) => setImmediate(resolve));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

interface LogLine {
  time: string;
  level: string;
  pid: number;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
}

function logLines(): LogLine[] {
  return app
    .output()
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LogLine);
}

/** A request's line is written as its answer ends, which may be just after the client has it. */
async function requestLine(requestId: string): Promise<LogLine> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const line = logLines().find((entry) => entry.msg === "request" && entry.requestId === requestId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`No log line for request ${requestId}:\n${app.output()}`);
}

const rowsIn = (file: string, table: string) => {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
};
const notesIn = (file: string) => rowsIn(file, "worker_load_notes");

/**
 * A good backup of the serving app's database (with the manager's session in it), for the tests that restore
 * one: each asks for it rather than relying on the backup test having run first. Taken once, in a folder of
 * its own so that the backup test's folder holds only its file.
 */
function theBackup(): Promise<{ file: string; notes: number }> {
  sharedBackup ??= (async () => {
    const file = path.join(dir, "kept-backups", "primed-good.db");
    const result = await primed("backup", file);
    if (result.code !== 0) throw new Error(`The restore tests' backup failed: ${result.err}`);
    return { file, notes: notesIn(file) };
  })();
  return sharedBackup;
}

describe("the production start", () => {
  it("answers /healthz with the database's state and schema, without a session", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", database: "ok", schema: latestMigration().tag });
  });

  it("caches fingerprinted assets for a year and other files briefly", async () => {
    const page = await (await fetch(`${app.url}/sign-in`)).text();
    const asset = page.match(/\/build\/[^"]+\.js/)?.[0];
    expect(asset, "the sign-in page loads a built script").toBeDefined();
    expect((await fetch(`${app.url}${asset}`)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${app.url}/styles/app.css`)).headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("logs every line as JSON, each request with its id, route pattern, status and time, never its query string or what was sent", async () => {
    const fromProxy = await fetch(`${app.url}/healthz`, { headers: { "X-Request-Id": "nginx-4f2a9c0e" } });
    expect(fromProxy.headers.get("x-request-id")).toBe("nginx-4f2a9c0e");
    const insane = await fetch(`${app.url}/healthz`, { headers: { "X-Request-Id": "not sane <script>" } });
    expect(insane.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const list = await fetch(`${app.url}/teams/north-locality/items?figure=overdue&search=Marker-Person-7781`, { headers: { cookie: managerCookie } });
    expect(list.status).toBe(200);
    const refused = await fetch(`${app.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "someone.private@northbrook.example", password: "Not-This-Password" }),
    });
    expect(refused.status).toBe(401);

    expect(await requestLine("nginx-4f2a9c0e")).toMatchObject({ level: "info", method: "GET", route: "/healthz", status: 200 });
    const listLine = await requestLine(list.headers.get("x-request-id")!);
    expect(listLine).toMatchObject({ method: "GET", route: "/teams/:slug/items", status: 200 });
    expect(listLine.durationMs).toBeGreaterThan(0);
    expect(new Date(listLine.time).getTime()).not.toBeNaN();
    expect(await requestLine(refused.headers.get("x-request-id")!)).toMatchObject({ method: "POST", route: "/sign-in", status: 401 });

    const lines = logLines();
    expect(lines.find((line) => line.msg.startsWith("Primed is running at"))).toBeDefined();
    for (const line of lines.filter((entry) => entry.msg === "request")) {
      expect(line.requestId).toBeTruthy();
      expect(line.pid).toBeGreaterThan(0);
      expect(line.route).not.toContain("?");
    }
    // Two processes answered: every line names its own.
    expect(new Set(lines.filter((line) => line.msg === "request").map((line) => line.pid)).size).toBe(2);
    const output = app.output();
    for (const secret of ["Marker-Person-7781", "someone.private", "north-locality", "__primed_session", "Not-This-Password"]) expect(output).not.toContain(secret);
  });
});

describe("backup", () => {
  it("takes a consistent copy while the app is writing, and checks it", async () => {
    const file = path.join(dir, "backups", "primed-nightly.db");
    const post = () =>
      fetch(`${app.url}/teams/north-locality/workers/${colleague}/notes`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: managerCookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ note: "Two complex enquiries this month" }),
      });
    let writing = true;
    let writes = 0;
    const writer = (async () => {
      while (writing) {
        expect((await post()).status).toBe(302);
        writes += 1;
      }
    })();
    while (writes < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    const before = notesIn(databasePath);
    const result = await primedCommand("backup", file);
    const writesDuringBackup = writes;
    writing = false;
    await writer;
    const after = notesIn(databasePath);

    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      new RegExp(
        `^Backed up .+ to .+primed-nightly\\.db: [\\d.]+ MB, schema ${latestMigration().tag} \\(10 teams, [\\d,]+ work items\\)\\.\\nCopied in [\\d.]+ s; checked in [\\d.]+ s \\(integrity check passed\\)\\.`,
      ),
    );
    expect(writesDuringBackup, "the app kept writing while the backup ran").toBeGreaterThan(5);
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("journal_mode", { simple: true }), "one self-contained file").toBe("delete");
    copy.close();
    const notes = notesIn(file);
    expect(notes).toBeGreaterThanOrEqual(before);
    expect(notes).toBeLessThanOrEqual(after);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["primed-nightly.db"]);

    const again = await primed("backup", file);
    expect(again.code).toBe(1);
    expect(again.err).toContain("already exists. Name a new file, or add --force to replace it.");
  });
});

describe("restore refuses", () => {
  const fixture = (name: string, make: (file: string) => void) => {
    const file = path.join(dir, name);
    make(file);
    return file;
  };
  /** Set from theBackup() before each case makes its file. */
  let good: { file: string; notes: number };
  const copyOfBackup = (file: string) => fs.copyFileSync(good.file, file);

  it.each([
    [
      "a file that is not SQLite",
      () => fixture("notes.txt", (file) => fs.writeFileSync(file, "Team meeting notes\n")),
      "is not a Primed backup: it is not an SQLite database at all.",
    ],
    [
      "an SQLite file without Primed's tables",
      () =>
        fixture("other.db", (file) => {
          const sqlite = new Database(file);
          sqlite.exec("CREATE TABLE contacts (name TEXT)");
          sqlite.close();
        }),
      "is an SQLite database but not a Primed backup: it has no teams, workers, work_items, __drizzle_migrations tables.",
    ],
    [
      "a damaged file",
      () =>
        fixture("damaged.db", (file) => {
          copyOfBackup(file);
          const pageSize = 4096;
          const fd = fs.openSync(file, "r+");
          const middle = Math.floor(fs.fstatSync(fd).size / pageSize / 2) * pageSize;
          fs.writeSync(fd, Buffer.alloc(64 * pageSize, 0x5a), 0, 64 * pageSize, middle);
          fs.closeSync(fd);
        }),
      "is damaged, so it cannot be used:",
    ],
    [
      "a backup from a newer Primed",
      () =>
        fixture("newer.db", (file) => {
          copyOfBackup(file);
          const sqlite = new Database(file);
          sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('a later migration', ?)").run(latestMigration().when + 1);
          sqlite.close();
        }),
      `comes from a newer version of Primed: its schema is newer than ${latestMigration().tag}, the newest this version knows. Upgrade Primed first, then restore it.`,
    ],
    ["a file that is not there", () => path.join(dir, "no-such-backup.db"), "There is no file at"],
  ])("%s", async (_case, makeFile, message) => {
    good = await theBackup();
    const result = await primed("restore", makeFile());
    expect(result.code).toBe(1);
    expect(result.err).toContain(message);
  });

  it("a good backup while Primed is serving, and changes nothing", async () => {
    const result = await primed("restore", (await theBackup()).file);
    expect(result.code).toBe(1);
    expect(result.err).toContain("is in use: Primed is running, or another command (an import, a backup) has it open. Stop Primed first");
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(fs.readdirSync(dir).filter((name) => name.includes("before-restore"))).toEqual([]);
  });
});

// The app is started once for the file (building the demo council is the slow part), so this test, which
// stops it, comes after every test that needs it serving; the restore below stops it itself.
describe("stopping", () => {
  it("on SIGTERM finishes a request in flight, closes the database and exits 0", async () => {
    const headCookie = await signIn("head@northbrook.example", "demo-head");
    const lastMonth = addMonths(monthOf(runToday()), -1);
    // Every request the front door received in three years, as CSV: about half a second's work.
    const slow = fetch(`${app.url}/teams/front-door/items.csv?figure=received&from=${addMonths(lastMonth, -35)}&to=${lastMonth}`, { headers: { cookie: headCookie } }).then(
      async (response) => ({ status: response.status, body: await response.text() }),
    );
    let answered = false;
    void slow.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered, "the export is still in flight when the stop comes").toBe(false);

    const code = await app.stop();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.body.split("\n").length).toBeGreaterThan(10_000);
    expect(code).toBe(0);
    const lines = logLines();
    expect(lines.at(-1)?.msg).toBe("Primed has stopped.");
    expect(lines.some((line) => line.msg.startsWith("Stopping (SIGTERM)"))).toBe(true);
    // The last connection to close folds the write-ahead log back into the file.
    expect(fs.existsSync(`${databasePath}-wal`)).toBe(false);
  });
});

describe("restore", () => {
  it("replaces the stopped app's database with a checked backup, keeping the one it replaced", async () => {
    const backup = await theBackup();
    // Primed must be stopped for a restore; stopping it again is harmless when the stopping test already has.
    await app.stop();
    // Work recorded after the backup, which the restore must take away (kept in the replaced file).
    const db = openDatabase(databasePath);
    db.sqlite
      .prepare("INSERT INTO worker_load_notes (worker_id, note, written_by_user_id, written_at) SELECT ?, 'After the backup', id, ? FROM users WHERE email = ?")
      .run(colleague, new Date().toISOString(), "manager@northbrook.example");
    db.close();
    const notesBefore = notesIn(databasePath);
    expect(notesBefore, "the database has more than the backup").toBeGreaterThan(backup.notes);

    const result = await primed("restore", backup.file);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain(`into ${databasePath}: schema ${latestMigration().tag}, 10 teams,`);
    expect(notesIn(databasePath)).toBe(backup.notes);
    // The backup held the manager's session (taken while signed in); a restore signs everyone out.
    expect(rowsIn(backup.file, "sessions")).toBeGreaterThan(0);
    expect(rowsIn(databasePath, "sessions")).toBe(0);

    const kept = fs.readdirSync(dir).filter((name) => /^primed\.before-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/.test(name));
    expect(kept).toHaveLength(1);
    expect(result.out).toContain(`The database it replaced is kept at ${path.join(dir, kept[0]!)}.`);
    expect(notesIn(path.join(dir, kept[0]!))).toBe(notesBefore);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith("primed.db"))).toEqual(["primed.db"]);

    // Primed opens it as it starts.
    const restored = openDatabase(databasePath);
    expect(restored.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    restored.close();
  });
});
