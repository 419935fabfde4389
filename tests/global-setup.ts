/*
 * Once per `vitest run`: a fresh folder for the demo councils that the test
 * files copy (tests/helpers/demo-cache.ts), removed when the run ends; and
 * today's date pinned in PRIMED_TODAY (tests/helpers/today.ts), so a run that
 * crosses midnight sees one date. The worker processes, and the apps and
 * commands the tests start, inherit both through the environment.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { todayInLondon } from "../app/dates";

export default function setup() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "primed-demo-cache-"));
  process.env.PRIMED_TEST_DEMO_CACHE = folder;
  process.env.PRIMED_TODAY ??= todayInLondon();
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
