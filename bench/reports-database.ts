/*
 * The reports benchmark's own database: the large council's 1,000,000 work
 * items, a head of service who may sign in, and the teams, workers and month
 * ranges the benchmark asks for. Kept apart from import-bench.db, which the
 * import benchmark deletes and rebuilds on every run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../db/connection";
import { createUser, setPassword } from "~/admin/users.server";
import { SYSTEM } from "~/audit/audit.server";
import { findUserByEmail } from "~/people/users.server";
import { firstDayOf, lastDayOf, type IsoMonth } from "~/dates";

export const BENCH_USER = { email: "bench.head-of-service@example.org", password: "reports-bench-password" };

/** A database counts as the large council when it holds about a million work items. */
const EXPECTED_ITEMS = 1_000_000;
const ITEMS_TOLERANCE = 0.02;

function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

function mtime(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

function primed(database: string, ...args: string[]) {
  execFileSync(process.execPath, ["--import", "tsx", "bin/primed.ts", ...args], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_PATH: database },
  });
}

/** The newest 1,000,000-row extract bench/import.ts left behind, if any (it names them by day). */
function newestExtract(dir: string): string | undefined {
  return fs
    .readdirSync(dir)
    .filter((name) => /^large-1m-\d{4}-\d{2}-\d{2}\.csv$/.test(name))
    .map((name) => path.join(dir, name))
    .sort((a, b) => mtime(b) - mtime(a))[0];
}

/**
 * The 200,000-row reload bench/import.ts makes from an extract (and loads onto its first load): the reports database
 * holds it too, as the import benchmark's database does, so the morning rush's extract (that reload with a tenth of
 * its rows changed again, bench/morning-rush.ts) changes what it means to change: due dates and descriptions. On a
 * database without it the rush's load also gave 13,309 services (a tenth) another person, a heavier load than the
 * rush intends (2026-12-05: each serving process spent 0.3 to 0.85 s bringing its care book up to date).
 */
function reloadOf(extract: string): string {
  return extract.replace(/large-1m-(\d{4}-\d{2}-\d{2})\.csv$/, "large-200k-10pc-changed-$1.csv");
}

function countWorkItems(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select count(*) as n from work_items").get() as { n: number }).n;
  } catch {
    return 0; // no work_items table: not a Primed database at all
  } finally {
    db.close();
  }
}

function isLargeCouncil(file: string): boolean {
  return Math.abs(countWorkItems(file) - EXPECTED_ITEMS) <= EXPECTED_ITEMS * ITEMS_TOLERANCE;
}

/** A consistent copy through SQLite's backup, so pages still in the source's WAL come along. */
async function copyDatabase(from: string, to: string) {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}

async function buildDatabase(dir: string, database: string, today: string) {
  removeDatabase(database);
  const extract = newestExtract(dir);
  const importBench = path.join(dir, "import-bench.db");
  // The import benchmark has already loaded the same extract: copying takes seconds, importing a minute.
  if (extract && mtime(importBench) > Math.max(mtime(extract), mtime(reloadOf(extract))) && isLargeCouncil(importBench)) {
    console.log(`Copying ${path.relative(".", importBench)} (1,000,000 items, newer than ${path.basename(extract)})...`);
    await copyDatabase(importBench, database);
    return;
  }
  const file = extract ?? path.join(dir, `large-1m-${today}.csv`);
  if (!extract) {
    console.log("Generating the large council's 1,000,000-row extract (about 80 s)...");
    primed(database, "generate-extract", "--scale", "large", "--rows", "1000000", "--out", file);
  }
  console.log(`Importing ${path.basename(file)} into ${path.relative(".", database)} (about 30 s)...`);
  primed(database, "teams"); // creates and migrates the empty database
  primed(database, "import", file, "--create-missing");
  if (fs.existsSync(reloadOf(file))) {
    console.log(`Importing ${path.basename(reloadOf(file))}, as the import benchmark does after its first load...`);
    primed(database, "import", reloadOf(file));
  }
}

/**
 * Runs the command that stores finished months' figures, when bin/primed.ts
 * has one (it is being added alongside this benchmark). Run on every
 * benchmark, not only after a build: stored months end at last month, so a
 * database refreshed on an earlier day would leave a month to count live.
 */
function refreshSummaries(database: string): string {
  const help = spawnSync(process.execPath, ["--import", "tsx", "bin/primed.ts", "--help"], { encoding: "utf8" });
  const command = /^\s+(refresh[-\w]*summar[-\w]*)/m.exec(`${help.stdout}${help.stderr}`)?.[1];
  if (!command) return "no refresh-summaries command in bin/primed.ts yet: month summaries not refreshed";
  const started = performance.now();
  primed(database, command);
  return `ran \`primed ${command}\` in ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/** A head of service sees every team and every worker's figures, so one sign-in covers every page measured. */
async function ensureBenchUser(database: string) {
  const connection = openDatabase(database); // also applies any migration added since the database was made
  try {
    const existing = findUserByEmail(connection.db, BENCH_USER.email);
    const result = existing
      ? await setPassword(connection.db, SYSTEM, existing.id, BENCH_USER.password)
      : await createUser(connection.db, SYSTEM, { ...BENCH_USER, name: "Bench Head of Service", role: "head_of_service", teamIds: [] });
    if (!result.ok) throw new Error(`Could not set up the benchmark's sign-in: ${JSON.stringify(result.errors)}`);
  } finally {
    connection.close();
  }
}

export interface PreparedDatabase {
  file: string;
  workItems: number;
  summaries: string;
}

/** Makes (or reuses) .bench/reports-bench.db and readies it for the report pages. */
export async function prepareDatabase(dir: string, today: string): Promise<PreparedDatabase> {
  fs.mkdirSync(dir, { recursive: true });
  const database = path.join(dir, "reports-bench.db");
  const extract = newestExtract(dir);
  const stale =
    !fs.existsSync(database) || (extract !== undefined && (mtime(database) < mtime(extract) || mtime(database) < mtime(reloadOf(extract)))) || !isLargeCouncil(database);
  if (stale) await buildDatabase(dir, database, today);
  else console.log(`Reusing ${path.relative(".", database)}.`);
  await ensureBenchUser(database);
  const summaries = refreshSummaries(database);
  return { file: database, workItems: countWorkItems(database), summaries };
}

export interface TeamChoice {
  id: number;
  slug: string;
  name: string;
  items: number;
}

export interface WorkerChoice {
  id: number;
  teamId: number;
  teamSlug: string;
  items: number;
}

export interface ExportChoice {
  team: TeamChoice;
  from: IsoMonth;
  to: IsoMonth;
  /** Items of the team received in those months: the rows the export should hold. */
  rows: number;
}

export interface Targets {
  teams: TeamChoice[];
  workers: WorkerChoice[];
  exports: ExportChoice[];
  /** How current the data is: a stale extract leaves this month's live figures with nothing to count. */
  latestReceived: string;
  openItems: number;
}

const TEAMS_MEASURED = 8;
const EXPORT_TEAMS = 5;
const EXPORT_ROWS = 10_000;

/** `count` items spread evenly along `list`, always including its first (here: the largest team). */
function spread<T>(list: T[], count: number): T[] {
  if (list.length <= count) return list;
  const step = list.length / count;
  return Array.from({ length: count }, (_, i) => list[Math.floor(i * step)]!);
}

/** Each team's busiest worker and a middling one: the worker view's cost grows with the worker's items. */
function chooseWorkers(db: Database.Database, teams: TeamChoice[]): WorkerChoice[] {
  const byTeam = db.prepare(
    `select w.id, count(*) as items from work_items i join workers w on w.id = i.worker_id and w.team_id = i.team_id
     where i.team_id = ? group by w.id order by items desc`,
  );
  return teams.flatMap((team) => {
    const rows = byTeam.all(team.id) as { id: number; items: number }[];
    const picks = [rows[0], rows[Math.floor(rows.length / 2)]].filter((row): row is { id: number; items: number } => row !== undefined);
    return [...new Map(picks.map((row) => [row.id, { ...row, teamId: team.id, teamSlug: team.slug }])).values()];
  });
}

/** The latest run of months whose received items reach 10,000, walking back from the team's last month with work. */
function chooseExport(db: Database.Database, team: TeamChoice): ExportChoice | undefined {
  const months = db.prepare(`select substr(received_on, 1, 7) as month, count(*) as items from work_items where team_id = ? group by month order by month desc`).all(team.id) as {
    month: IsoMonth;
    items: number;
  }[];
  let rows = 0;
  for (const { month, items } of months) {
    rows += items;
    if (rows >= EXPORT_ROWS) return { team, from: month, to: months[0]!.month, rows };
  }
  return undefined;
}

/** The teams, workers and export ranges to ask for, read from the database so they exist and are realistic. */
export function chooseTargets(file: string): Targets {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const bySize = db
      .prepare(`select t.id, t.slug, t.name, count(i.id) as items from teams t left join work_items i on i.team_id = t.id group by t.id order by items desc, t.id`)
      .all() as TeamChoice[];
    const teams = spread(bySize, TEAMS_MEASURED);
    const exports = bySize
      .slice(0, EXPORT_TEAMS)
      .map((team) => chooseExport(db, team))
      .filter((choice): choice is ExportChoice => choice !== undefined);
    const freshness = db.prepare(`select max(received_on) as latestReceived, sum(completed_on is null) as openItems from work_items`).get() as {
      latestReceived: string;
      openItems: number;
    };
    return { teams, workers: chooseWorkers(db, teams), exports, ...freshness };
  } finally {
    db.close();
  }
}

/** The first and last days of an export's months, for the floor query. */
export function exportDays(choice: ExportChoice): { first: string; last: string } {
  return { first: firstDayOf(choice.from), last: lastDayOf(choice.to) };
}
