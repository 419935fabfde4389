/*
 * Once per `vitest run`: a fresh folder for the demo councils that the test
 * files copy (tests/helpers/demo-cache.ts), removed when the run ends. The
 * worker processes inherit its name through the environment.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "primed-demo-cache-"));
  process.env.PRIMED_TEST_DEMO_CACHE = folder;
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
