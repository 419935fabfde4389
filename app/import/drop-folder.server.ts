/*
 * The drop folder (PRIMED_DROP_DIR): for councils whose nightly job copies a
 * file rather than calling the feed. A CSV that appears there, once complete,
 * is loaded once, as the system, through the same load as the upload page
 * (upload-jobs.server.ts), then moved to done/ or failed/ with its report
 * beside it.
 *
 * Complete: renamed in after it was written (its change time is later than
 * its last write: a rename changes the one, not the other), or not written to
 * for a minute. Names starting with "." or ending in anything but .csv are
 * left alone, so a job may write "extract.csv.part" and rename it.
 *
 * Exactly once: a file is claimed by renaming it into processing/ under a name
 * of its own (the time and a random part), which only one process can do; its
 * load is recorded in the history under that name. After a restart, a file
 * left in processing/ is finished from the history: loaded or refused there,
 * it is moved on; not there, nothing of it was loaded (a load is one
 * transaction), so it goes back to be loaded.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { importRuns } from "../../db/schema";
import { SYSTEM } from "~/audit/audit.server";
import { formatImportReport } from "./report-text";
import { LoadAlreadyRunning, newUploadFolder, startUploadJob, discardUploadFolder, type UploadChoices, type UploadJob } from "./upload-jobs.server";

export interface DropFolderOptions {
  db: Db;
  databasePath: string;
  dir: string;
  /** How long a file must go unwritten to count as complete when it was not renamed in. */
  settleMs: number;
  choices: Pick<UploadChoices, "skipInvalid" | "createMissing">;
  log: (message: string) => void;
  now?: () => number;
}

export const DROP_SUBFOLDERS = ["processing", "done", "failed"] as const;

const isCandidate = (name: string) => !name.startsWith(".") && /\.csv$/i.test(name);

/** The folder's files that are complete now, oldest first. */
export function completeFiles(dir: string, settleMs: number, now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const complete: { name: string; at: number }[] = [];
  for (const name of names.filter(isCandidate)) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir, name));
    } catch {
      continue; // taken meanwhile
    }
    if (!stat.isFile() || stat.size === 0) continue;
    const renamedIn = stat.ctimeMs > stat.mtimeMs + 1;
    if (renamedIn || now - stat.mtimeMs >= settleMs) complete.push({ name, at: stat.mtimeMs });
  }
  return complete.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name)).map((f) => f.name);
}

function ensureFolders(dir: string) {
  for (const sub of DROP_SUBFOLDERS) fs.mkdirSync(path.join(dir, sub), { recursive: true });
}

/** Claims a file by renaming it into processing/: null if another process took it first. */
function claim(dir: string, name: string, now: number): string | null {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const claimed = `${stamp}-${randomBytes(3).toString("hex")}-${name}`;
  try {
    fs.renameSync(path.join(dir, name), path.join(dir, "processing", claimed));
    return claimed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The claimed name without its stamp: the name the job gave it. */
const originalName = (claimed: string) => claimed.replace(/^\d{8}T\d{6}Z-[0-9a-f]{6}-/, "");

/** Moves a claimed file to done/ or failed/, with its report beside it. */
function settle(dir: string, claimed: string, outcome: "done" | "failed", report: string) {
  const to = path.join(dir, outcome, claimed);
  fs.writeFileSync(`${to}.report.txt`, `${report.trim()}\n`);
  fs.renameSync(path.join(dir, "processing", claimed), to);
}

function reportOf(job: UploadJob): { outcome: "done" | "failed"; text: string } {
  const heading = `${originalName(job.fileName)}, from the drop folder, loaded as the system (${job.fileName} in the load history)`;
  if (job.report) {
    return { outcome: job.report.status === "loaded" ? "done" : "failed", text: `${heading}\n\n${formatImportReport(job.report)}` };
  }
  return { outcome: "failed", text: `${heading}\n\n${job.failure ?? "The load stopped before it finished, so nothing was changed."}` };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function finished(job: UploadJob): Promise<UploadJob> {
  while (job.state === "running") await wait(100);
  return job;
}

/**
 * Loads one complete file, if there is one and no other load is running: claimed, loaded, and settled. Answers
 * the claimed name, or null when there was nothing to do.
 */
export async function loadNextDroppedFile(options: DropFolderOptions): Promise<string | null> {
  const now = options.now?.() ?? Date.now();
  ensureFolders(options.dir);
  for (const name of completeFiles(options.dir, options.settleMs, now)) {
    const claimed = claim(options.dir, name, now);
    if (!claimed) continue;
    const processing = path.join(options.dir, "processing", claimed);
    const folder = newUploadFolder(options.databasePath);
    let job: UploadJob;
    try {
      fs.copyFileSync(processing, folder.file);
      job = startUploadJob({ db: options.db, databasePath: options.databasePath, folder, fileName: claimed, actor: SYSTEM, choices: { dryRun: false, ...options.choices } });
    } catch (error) {
      discardUploadFolder(folder.dir);
      // Another load runs now (the upload page's, or the feed's): put the file back for the next look.
      fs.renameSync(processing, path.join(options.dir, name));
      if (error instanceof LoadAlreadyRunning) return null;
      throw error;
    }
    options.log(`Loading ${name} from the drop folder (${claimed}).`);
    const { outcome, text } = reportOf(await finished(job));
    settle(options.dir, claimed, outcome, text);
    options.log(`${name} from the drop folder: ${outcome === "done" ? "loaded" : "not loaded"}; moved to ${outcome}/${claimed}.`);
    return claimed;
  }
  return null;
}

/**
 * After a restart: finishes each file left in processing/ from the load history. Call it at start-up, before
 * watching, when no load of this server can be running.
 */
export function recoverDropFolder(options: Pick<DropFolderOptions, "db" | "dir" | "log">): void {
  ensureFolders(options.dir);
  for (const claimed of fs.readdirSync(path.join(options.dir, "processing")).filter(isCandidate)) {
    const run = options.db
      .select({ status: importRuns.status, message: importRuns.message })
      .from(importRuns)
      .where(eq(importRuns.fileName, claimed))
      .orderBy(desc(importRuns.id))
      .limit(1)
      .get();
    if (run && run.status !== "failed") {
      const outcome = run.status === "loaded" ? "done" : "failed";
      settle(options.dir, claimed, outcome, `${originalName(claimed)}, from the drop folder (${claimed} in the load history)\n\n${run.message}\n\nFinished after a restart.`);
      options.log(`${claimed} was loaded before a restart: moved to ${outcome}/.`);
    } else {
      // Nothing of it was loaded (a load is one transaction): back to be loaded, once.
      fs.renameSync(path.join(options.dir, "processing", claimed), path.join(options.dir, originalName(claimed)));
      options.log(`${claimed} had not been loaded when Primed stopped: it will be loaded again.`);
    }
  }
}

/** Looks at the drop folder every `everyMs`, one load at a time; `stop` waits for the load under way. */
export function watchDropFolder(options: DropFolderOptions, everyMs: number): { stop: () => Promise<void> } {
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const look = () => {
    // One look at a time: a load can take longer than the interval.
    if (stopped || current) return;
    current = loadNextDroppedFile(options)
      .catch((error: unknown) => options.log(`The drop folder could not be read: ${(error as Error).message}`))
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(look, everyMs);
  timer.unref();
  look();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
