/*
 * Starts one upload's load from a process of its own, as one of the server's
 * processes does, for the test that two processes never load at once. It
 * saves its upload, says "ready", then waits (spinning, so that two of them
 * go within microseconds of each other) for the go file to appear.
 */
import fs from "node:fs";
import { SYSTEM } from "~/audit/audit.server";
import { LoadAlreadyRunning, newUploadFolder, startUploadJob } from "~/import/upload-jobs.server";
import { openDatabase } from "../../db/connection";

const [databasePath, goFile, name] = process.argv.slice(2) as [string, string, string];
const { db, close } = openDatabase(databasePath);
const folder = newUploadFolder(databasePath);
const rows = Array.from({ length: 2_000 }, (_, i) => `P${i},Request,${name}-${i},02/03/2026,Team A`);
fs.writeFileSync(folder.file, ["LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Team", ...rows].join("\n"));
process.stdout.write("ready\n");
while (!fs.existsSync(goFile)) {
  // spin: a timer would let the two processes start milliseconds apart
}
try {
  const job = startUploadJob({ db, databasePath, folder, fileName: `${name}.csv`, actor: SYSTEM, choices: { dryRun: false, skipInvalid: false, createMissing: false } });
  process.stdout.write("started\n");
  while (job.state === "running") await new Promise((resolve) => setTimeout(resolve, 50));
  process.stdout.write(`${job.state}\n`);
} catch (error) {
  if (!(error instanceof LoadAlreadyRunning)) throw error;
  process.stdout.write(`refused: ${error.message}\n`);
}
close();
