/*
 * npm run bench:import — the import targets of issue 4, measured on this
 * machine: 1,000,000 rows into an empty database, a 200,000-row reload with
 * 10% changed, and the sqlite3 shell's bare .import of the same file as the floor.
 *
 * The first load and its floor are each timed twice, in turn (floor, load,
 * floor, load), and the best of each is compared: on this machine the same
 * load of the same file took 14.0 and 21.4 s half an hour apart (2026-12-05),
 * so one of each said more about the minute than about the load. The best of
 * several runs is the usual estimate of what the work itself costs, and
 * taking it for both sides keeps the ratio fair. Every time is printed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { todayInLondon } from "~/dates";

const dir = path.resolve(".bench");
fs.mkdirSync(dir, { recursive: true });
const today = todayInLondon();
const bigFile = path.join(dir, `large-1m-${today}.csv`);
const reloadFile = path.join(dir, `large-200k-10pc-changed-${today}.csv`);
const database = path.join(dir, "import-bench.db");

function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

function primed(...args: string[]) {
  execFileSync(process.execPath, ["--import", "tsx", "bin/primed.ts", ...args], { stdio: "inherit", env: { ...process.env, DATABASE_PATH: database } });
}

function timedImport(file: string): { seconds: number; peakMb: number; rowsRead: number; added: number; updated: number; unchanged: number; status: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bench/import-child.ts", database, file], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`import failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}

/** The last 200,000 rows of the big file, with every tenth row changed as a newer extract would change it. */
async function writeReloadFile() {
  const lines: string[] = [];
  let header = "";
  for await (const line of readline.createInterface({ input: fs.createReadStream(bigFile), crlfDelay: Infinity })) {
    if (!header) header = line;
    else {
      lines.push(line);
      if (lines.length > 200_000) lines.shift();
    }
  }
  const changed = lines.map((line, i) => {
    if (i % 10 !== 0) return line;
    // A different person reference: the content changes, the reference stays.
    return line.replace(/^([^,]*),P(\d)/, (_m, la: string, d: string) => `${la},Q${d}`);
  });
  fs.writeFileSync(reloadFile, `${[header, ...changed].join("\r\n")}\r\n`);
}

if (!fs.existsSync(bigFile)) {
  console.log("Generating the large council's 1,000,000-row extract (about 80 s, once a day)...");
  primed("generate-extract", "--scale", "large", "--rows", "1000000", "--out", bigFile);
}
if (!fs.existsSync(reloadFile)) await writeReloadFile();

const floorDb = path.join(dir, "floor.db");

/** The sqlite3 shell's bare .import of the big file into an empty database, in seconds. */
function timedFloor(): number {
  removeDatabase(floorDb);
  const started = performance.now();
  const floor = spawnSync("sqlite3", [floorDb, ".mode csv", `.import ${bigFile} bare`], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (floor.status !== 0) throw new Error(`sqlite3 .import failed (apt-get install sqlite3): ${floor.stderr}`);
  removeDatabase(floorDb);
  return seconds;
}

const TIMES = 2;
const floors: number[] = [];
const firstLoads: ReturnType<typeof timedImport>[] = [];
for (let i = 0; i < TIMES; i++) {
  floors.push(timedFloor());
  removeDatabase(database);
  primed("teams"); // creates and migrates the empty database
  firstLoads.push(timedImport(bigFile));
}
// The reload goes onto the last first load, as the next day's extract would.
const reload = timedImport(reloadFile);
const first = firstLoads.reduce((best, load) => (load.seconds < best.seconds ? load : best));
const floorSeconds = Math.min(...floors);
const peakMb = Math.max(...firstLoads.map((load) => load.peakMb));
const each = (seconds: number[]) => seconds.map((s) => s.toFixed(1)).join(" and ");

const rate = first.rowsRead / first.seconds;
const rows: [string, string, string, boolean][] = [
  ["1,000,000 rows into an empty database", `${first.seconds.toFixed(1)} s (best of ${each(firstLoads.map((l) => l.seconds))})`, "< 20 s", first.seconds < 20],
  ["rows a second, with full validation", `${Math.round(rate).toLocaleString("en-GB")}`, ">= 50,000", rate >= 50_000],
  ["peak memory of those loads (the higher)", `${Math.round(peakMb)} MB`, "< 300 MB", peakMb < 300],
  ["reload of 200,000 rows, 10% changed", `${reload.seconds.toFixed(1)} s (${reload.updated} updated, ${reload.unchanged} unchanged)`, "< 6 s", reload.seconds < 6],
  ["floor: sqlite3 .import, no checks", `${floorSeconds.toFixed(1)} s (best of ${each(floors)})`, "", true],
  // Issue 22: within 3 times the floor of the same run, with every check (the floor moves with the machine's hour).
  ["ratio of Primed's best load to the best floor", `${(first.seconds / floorSeconds).toFixed(1)} x`, "<= 3 x", first.seconds <= 3 * floorSeconds],
];
console.log("\nImport benchmark (issues 4 and 22)");
for (const [what, value, target, met] of rows) {
  console.log(`${what.padEnd(46)} ${value.padEnd(40)} ${target.padEnd(10)} ${target ? (met ? "met" : "NOT MET") : ""}`);
}
// A report, like the other benchmarks: npm run bench goes on to them whether or not these targets are met.
