import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Connection } from "../../db/connection";

/** A real SQLite file in a fresh temporary folder, migrated. */
export function tempDatabase(): Connection & { file: string; dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-test-"));
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
