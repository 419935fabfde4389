/*
 * npm run bench:burst — one person's burst must slow only that person
 * (issue 17, item 6). On the reports benchmark's large council (1,000,000
 * work items), a head of service's script asks for 60-month reports, each as
 * of a different day (nothing to share between them), 50 at a time, and the
 * next 50 as soon as a wave has come back; meanwhile a second person opens
 * ordinary pages (a team report, the service overview) one after another.
 * Target: the second person's p95 under 1 s during the burst. Printed beside
 * it: the same pages with nobody bursting, and how the burst was answered.
 * It is a report: it exits 0 whether or not the target is met.
 *
 * BENCH_BURST_ROWS=50000 runs it on a smaller council generated for it
 * (.bench/burst-50000.db) instead, to check the benchmark itself works;
 * BENCH_BURST_SECONDS sets how long the burst lasts (default 30).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../db/connection";
import { createUser, setPassword } from "~/admin/users.server";
import { SYSTEM } from "~/audit/audit.server";
import { addDays, addMonths, monthOf, todayInLondon } from "~/dates";
import { findUserByEmail } from "~/people/users.server";
import { prepareDatabase } from "./reports-database";
import { BROWSER_ACCEPT_ENCODING, percentiles, type Percentiles } from "./reports-load";
import { ensureBuilt, signIn, startServer } from "./reports-server";

const BENCH_DIR = ".bench";
const AT_ONCE = 50;
const REPORT_MONTHS = 60;
const ALONE_SECONDS = 10;
const BURST_SECONDS = Number(process.env.BENCH_BURST_SECONDS || 30);
const SMALL_ROWS = process.env.BENCH_BURST_ROWS ? Number(process.env.BENCH_BURST_ROWS) : undefined;
const TARGET_P95_MS = 1000;
const PASSWORD = "burst-bench-password";
const BURSTING = "bench.burst.script@example.org";
const OTHER = "bench.burst.other@example.org";

const count = (n: number) => n.toLocaleString("en-GB");

function primed(database: string, ...args: string[]) {
  execFileSync(process.execPath, ["--import", "tsx", "bin/primed.ts", ...args], { stdio: "inherit", env: { ...process.env, DATABASE_PATH: database } });
}

/** A council of `rows` work items made for this benchmark alone, kept for the next run. */
function smallDatabase(rows: number): string {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const database = path.join(BENCH_DIR, `burst-${rows}.db`);
  if (fs.existsSync(database)) return database;
  const extract = path.join(BENCH_DIR, `burst-${rows}.csv`);
  console.log(`Generating and loading a ${count(rows)}-row extract into ${database}...`);
  primed(database, "generate-extract", "--scale", "large", "--rows", String(rows), "--out", extract);
  primed(database, "teams");
  primed(database, "import", extract, "--create-missing");
  return database;
}

/** Two heads of service (each sees every team): the one whose script bursts, and the other person. */
async function ensureUsers(database: string) {
  const connection = openDatabase(database);
  try {
    for (const [email, name] of [
      [BURSTING, "Burst Script"],
      [OTHER, "Other Person"],
    ] as const) {
      const existing = findUserByEmail(connection.db, email);
      const result = existing
        ? await setPassword(connection.db, SYSTEM, existing.id, PASSWORD)
        : await createUser(connection.db, SYSTEM, { email, password: PASSWORD, name, role: "head_of_service", teamIds: [] });
      if (!result.ok) throw new Error(`Could not set up ${email}: ${JSON.stringify(result.errors)}`);
    }
  } finally {
    connection.close();
  }
}

function teamSlugs(database: string): string[] {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select t.slug from teams t join work_items i on i.team_id = t.id group by t.id order by count(*) desc").pluck().all() as string[]).slice(0, 8);
  } finally {
    db.close();
  }
}

interface Timed {
  ms: number;
  status: number;
}

async function timedGet(origin: string, url: string, cookie: string): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(`${origin}${url}`, { redirect: "manual", headers: { cookie, accept: "text/html", "accept-encoding": BROWSER_ACCEPT_ENCODING } });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch {
    return { ms: performance.now() - started, status: 0 };
  }
}

/** The other person: one ordinary page after another until `until`. */
async function browse(origin: string, cookie: string, pages: string[], until: number): Promise<Timed[]> {
  const samples: Timed[] = [];
  for (let i = 0; performance.now() < until; i += 1) samples.push(await timedGet(origin, pages[i % pages.length]!, cookie));
  return samples;
}

/** The script: waves of AT_ONCE 60-month reports, each as of another day, until `until`. */
async function burst(origin: string, cookie: string, slugs: string[], until: number): Promise<Timed[]> {
  const today = todayInLondon();
  const to = monthOf(today);
  const from = addMonths(to, -(REPORT_MONTHS - 1));
  const answers: Timed[] = [];
  let n = 0;
  while (performance.now() < until) {
    const wave = Array.from({ length: AT_ONCE }, () => {
      n += 1;
      return `/teams/${slugs[n % slugs.length]}?from=${from}&to=${to}&asOf=${addDays(today, -(n % 3650))}`;
    });
    answers.push(...(await Promise.all(wave.map((url) => timedGet(origin, url, cookie)))));
  }
  return answers;
}

function line(name: string, stats: Percentiles | undefined, errors: number, target?: number): string {
  if (!stats) return `  ${name.padEnd(44)} no responses`;
  const verdict = target === undefined ? "" : stats.p95 < target ? `  met (under ${count(target)} ms)` : `  NOT met (target ${count(target)} ms)`;
  return `  ${name.padEnd(44)} ${count(stats.count).padStart(5)} pages  p50 ${String(Math.round(stats.p50)).padStart(5)} ms  p95 ${String(Math.round(stats.p95)).padStart(5)} ms  max ${String(Math.round(stats.max)).padStart(6)} ms  errors ${errors}${verdict}`;
}

async function main() {
  ensureBuilt();
  const database = SMALL_ROWS === undefined ? (await prepareDatabase(BENCH_DIR, todayInLondon())).file : smallDatabase(SMALL_ROWS);
  await ensureUsers(database);
  const slugs = teamSlugs(database);
  const items = (() => {
    const db = new Database(database, { readonly: true });
    try {
      return db.prepare("select count(*) from work_items").pluck().get() as number;
    } finally {
      db.close();
    }
  })();
  const server = await startServer(database);
  try {
    const [script, other] = [await signIn(server.origin, BURSTING, PASSWORD), await signIn(server.origin, OTHER, PASSWORD)];
    const pages = [`/teams/${slugs[0]}`, "/teams", `/teams/${slugs[1] ?? slugs[0]}`];
    // Warm: the first of each page reads the database from disk.
    for (const page of pages) await timedGet(server.origin, page, other);
    const alone = await browse(server.origin, other, pages, performance.now() + ALONE_SECONDS * 1000);
    const until = performance.now() + BURST_SECONDS * 1000;
    const [scripted, during] = await Promise.all([burst(server.origin, script, slugs, until), browse(server.origin, other, pages, until)]);
    const ok = (samples: Timed[]) => percentiles(samples.filter((s) => s.status === 200).map((s) => s.ms));
    const errors = (samples: Timed[]) => samples.filter((s) => s.status !== 200).length;
    const refused = scripted.filter((s) => s.status === 429).length;
    const answered = scripted.filter((s) => s.status === 200);
    const strange = scripted.filter((s) => s.status !== 200 && s.status !== 429);
    const processes = /\((?:database [^;]*; )?(\d+) process/.exec(server.output())?.[1] ?? "?";
    console.log("");
    console.log(
      `One person's burst on ${count(items)} work items: ${AT_ONCE} ${REPORT_MONTHS}-month reports at once, each as of another day, wave after wave for ${BURST_SECONDS} s (${processes} server processes)`,
    );
    console.log(line("Another person's pages, nobody bursting", ok(alone), errors(alone)));
    console.log(line("Another person's pages, during the burst", ok(during), errors(during), TARGET_P95_MS));
    const reports = percentiles(answered.map((s) => s.ms));
    console.log(
      `  The bursting person: ${count(scripted.length)} requests, ${count(answered.length)} reports answered (p95 ${reports ? Math.round(reports.p95) : "-"} ms), ` +
        `${count(refused)} refused with 429${strange.length ? `, ${strange.length} other (statuses ${[...new Set(strange.map((s) => s.status))].join(", ")})` : ""}`,
    );
    const met = (ok(during)?.p95 ?? Infinity) < TARGET_P95_MS && errors(during) === 0;
    console.log(met ? "  Target met." : "  Target NOT met.");
  } finally {
    await server.stop();
  }
}

await main();
