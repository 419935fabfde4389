import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Connection } from "../../db/connection";
import { copyDemoCouncil } from "./demo-cache";

/** A real SQLite file in a fresh temporary folder, migrated. */
export function tempDatabase(dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-test-"))): Connection & { file: string; dir: string; remove(): void } {
  const file = path.join(dir, "primed.db");
  const connection = openDatabase(file);
  return {
    ...connection,
    file,
    dir,
    remove() {
      connection.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A temporary database holding the demo council as of `today`. */
export async function demoCouncilDatabase(today: string, seed = 2026): Promise<ReturnType<typeof tempDatabase>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-test-"));
  await copyDemoCouncil(path.join(dir, "primed.db"), today, seed);
  return tempDatabase(dir);
}
