/*
 * The demo council, built once per test run for each seed and date and then
 * copied: building it costs about 15 s of processor, copying the file about
 * 20 ms. Before this cache every integration file and every app start built its
 * own, about 44 times a run, which made a loaded 2-core machine slow enough for
 * page loads to time out.
 *
 * The cache lives in a folder that tests/global-setup.ts makes for the run (so
 * it never outlives a change to the code) and names in PRIMED_TEST_DEMO_CACHE.
 * Test files run in parallel worker processes, so the first one to want a
 * council builds it under a lock file and the others wait for the finished file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../db/connection";
import { loadDemoCouncil } from "~/demo/load.server";

const BUILD_LIMIT_MS = 10 * 60_000; // a loaded machine can take minutes; only a dead builder reaches this

function cacheFolder(): string {
  const folder = process.env.PRIMED_TEST_DEMO_CACHE ?? path.join(os.tmpdir(), `primed-demo-cache-${process.ppid}`);
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

async function build(file: string, seed: number, today: string) {
  const building = `${file}.${process.pid}.building`;
  const connection = openDatabase(building);
  try {
    await loadDemoCouncil(connection.db, seed, today);
    // One self-contained file: the write-ahead log folded in and switched off, so a plain copy is whole.
    connection.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    connection.sqlite.pragma("journal_mode = DELETE");
  } finally {
    connection.close();
  }
  fs.renameSync(building, file);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The path of a finished demo council database for `seed` as of `today`, built if no one has yet. Never write to it: copy it. */
export async function demoCouncilFile(today: string, seed = 2026): Promise<string> {
  const file = path.join(cacheFolder(), `demo-${seed}-${today}.db`);
  const lock = `${file}.lock`;
  const started = Date.now();
  for (;;) {
    if (fs.existsSync(file)) return file;
    let mine = false;
    try {
      fs.closeSync(fs.openSync(lock, "wx"));
      mine = true;
    } catch {
      // Another worker is building it.
    }
    if (mine) {
      try {
        if (!fs.existsSync(file)) await build(file, seed, today);
      } finally {
        fs.rmSync(lock, { force: true });
      }
      return file;
    }
    if (Date.now() - started > BUILD_LIMIT_MS) throw new Error(`The demo council ${file} was not built within ${BUILD_LIMIT_MS / 60_000} minutes`);
    await sleep(100);
  }
}

/** Copies the demo council for `seed` as of `today` to `target` (a database file that does not exist yet). */
export async function copyDemoCouncil(target: string, today: string, seed = 2026): Promise<void> {
  fs.copyFileSync(await demoCouncilFile(today, seed), target, fs.constants.COPYFILE_EXCL);
}
