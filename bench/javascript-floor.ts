/*
 * The JavaScript floor: how fast each of this machine's cores runs a page's
 * kind of JavaScript right now. The sqlite3 floors (reports-floor.ts) say how
 * fast it runs SQLite, but its JavaScript slows more and at other times, and
 * not on every core alike: on 2026-12-06 one core took 0.6 ms for a round of
 * bench/javascript-floor-work.ts while the other took 0.6 one minute and 1.1
 * the next (docs/decisions/2026-12-04-fixed-cost-of-a-page.md, tenth
 * section). The serving processes run on both, so a page's processor a
 * request, read beside each core's floor, says whether a run was slower for
 * the page or for the machine.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { promisify } from "node:util";

const RUNS = 3;
const TASKSET = "/usr/bin/taskset";
const run = promisify(execFile);

/** Milliseconds of processor for one round of the work on `core` (any core if undefined): the median of three fresh processes. */
async function floorOn(core: number | undefined): Promise<number> {
  const node = [process.execPath, "--import", "tsx", "bench/javascript-floor-work.ts"];
  const [command, ...args] = core === undefined ? node : [TASKSET, "--cpu-list", String(core), ...node];
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Not execFileSync: a blocked event loop kept the benchmark's idle connections past the server's keep-alive
    // timeout without seeing them closed, and its next request went out on a closed one ("other side closed").
    const { stdout } = await run(command!, args, { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
    runs.push(Number(stdout.trim()));
  }
  if (runs.some((value) => !Number.isFinite(value) || value <= 0)) throw new Error(`The JavaScript floor could not be timed: ${runs.join(", ")}`);
  return runs.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/**
 * Each core's floor in turn, by the cores' numbers; a core this process may not run on (a container given some of
 * the machine's cores) is left out. One floor on whichever core the system picks where no core can be chosen.
 */
export async function javascriptFloorsMs(): Promise<number[]> {
  const floors: number[] = [];
  if (fs.existsSync(TASKSET)) {
    for (let core = 0; core < os.cpus().length; core++) {
      try {
        floors.push(await floorOn(core));
      } catch {
        // taskset refuses a core outside this process's set: that core serves no page here either.
      }
    }
  }
  return floors.length > 0 ? floors : [await floorOn(undefined)];
}
