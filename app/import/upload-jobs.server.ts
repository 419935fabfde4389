/*
 * Extracts uploaded on the data loads page. Each load runs in a child
 * process (bin/import-job.ts) through the same pipeline as the command line;
 * this module starts it, keeps its progress and report for the page to show,
 * and keeps the uploaded file and any rejects file for a day. One load runs
 * at a time: SQLite takes one writer, and a second load would only queue.
 * The server may run as several processes (PRIMED_WORKERS), and the next
 * request for a load's page may reach another one: so the process that runs a
 * load also writes its state to job.json in the load's folder, and the others
 * read it from there. "One at a time" holds across those processes through a
 * lock row in the database (see takeLoadLock), not the job files: two uploads
 * at once, in two processes, each found no job file and both started.
 */
import { fork } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { users } from "../../db/schema";
import type { Actor } from "~/audit/audit.server";
import { importJobEntry } from "./import-job-entry.server";
import { recordImportRun } from "./history.server";
import type { ImportProgress, ImportReport } from "./pipeline.server";
import type { ImportJobMessage, ImportJobRequest } from "./upload-job-messages";

export interface UploadChoices {
  dryRun: boolean;
  skipInvalid: boolean;
  createMissing: boolean;
}

export interface UploadJob {
  id: string;
  fileName: string;
  choices: UploadChoices;
  startedBy: string;
  startedAt: Date;
  state: "running" | "finished" | "failed";
  progress: ImportProgress;
  report: ImportReport | null;
  failure: string | null;
  finishedAt: Date | null;
  dir: string;
  /** The server process running the load. */
  ownerPid: number;
  /** The integration token that started it (POST /api/extracts), which alone may read it there; null from the upload page. */
  tokenId?: number | null;
}

/** The largest extract a load takes, from the upload page or the feed: about 2.5 million rows of a typical extract, more than five years of a large council's work. */
export const MAX_UPLOAD_MB = 500;

/** How long a finished load's page, uploaded file and rejects file are kept. */
export const KEEP_JOBS_MS = 24 * 60 * 60 * 1000;
const UPLOAD_NAME = "upload.csv";
const REJECTS_NAME = "rejects.csv";
const JOB_FILE = "job.json";

/** The loads this process runs (or ran), by id. */
const jobs = new Map<string, UploadJob>();

export class LoadAlreadyRunning extends Error {
  constructor(readonly job: Pick<UploadJob, "fileName" | "startedBy">) {
    super(`${job.fileName} is loading now (started by ${job.startedBy}). Start another load when it has finished.`);
  }
}

/** The app_settings row that says which load runs now. */
const LOAD_LOCK_KEY = "upload_load";

interface LoadLock {
  jobId: string;
  fileName: string;
  startedBy: string;
  /** The server process that started the load, and the load's own process once it has one. */
  pids: number[];
}

/**
 * Takes the lock for a new load, or answers the load that holds it. Checked
 * and taken in one immediate transaction, which holds SQLite's write lock, so
 * of two processes asking at once exactly one gets it. A lock whose processes
 * have all gone (a crash, a kill -9) is stale and taken over.
 */
function takeLoadLock(db: Db, databasePath: string, lock: LoadLock): LoadLock | null {
  const sqlite = db.$client;
  // Stale too once its load is over (the release is a write, and may have failed on a full disk).
  const over = (holder: LoadLock) => {
    const state = readJobFile(path.join(uploadsDirectory(databasePath), holder.jobId))?.state;
    return state === "finished" || state === "failed";
  };
  return sqlite
    .transaction(() => {
      const held = sqlite.prepare("select value from app_settings where key = ?").pluck().get(LOAD_LOCK_KEY) as string | undefined;
      const holder = held === undefined ? null : (JSON.parse(held) as LoadLock);
      if (holder && holder.pids.some(isAlive) && !over(holder)) return holder;
      sqlite.prepare("insert into app_settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value").run(LOAD_LOCK_KEY, JSON.stringify(lock));
      return null;
    })
    .immediate();
}

/** Adds the load's own process to its lock, so the lock outlives a server process that dies while its load runs on. */
function addToLoadLock(db: Db, jobId: string, pid: number) {
  db.$client.prepare("update app_settings set value = json_set(value, '$.pids[#]', ?) where key = ? and json_extract(value, '$.jobId') = ?").run(pid, LOAD_LOCK_KEY, jobId);
}

function releaseLoadLock(db: Db, jobId: string) {
  db.$client.prepare("delete from app_settings where key = ? and json_extract(value, '$.jobId') = ?").run(LOAD_LOCK_KEY, jobId);
}

/** Where uploads are kept: beside the database, so they share its disk and its backups' exclusions. */
export function uploadsDirectory(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), "uploads");
}

/**
 * Clears uploads left by an earlier run of the server, whose loads nobody can
 * follow now, and their lock (after a restart its process ids may belong to
 * others). Called at start-up, before the serving processes start.
 */
export function clearUploads(databasePath: string, db?: Db) {
  fs.rmSync(uploadsDirectory(databasePath), { recursive: true, force: true });
  db?.$client.prepare("delete from app_settings where key = ?").run(LOAD_LOCK_KEY);
}

/** A new, empty folder for one upload. */
export function newUploadFolder(databasePath: string): { id: string; dir: string; file: string } {
  const root = uploadsDirectory(databasePath);
  forgetOldJobs();
  const id = randomBytes(12).toString("hex");
  const dir = path.join(root, id);
  fs.mkdirSync(dir, { recursive: true });
  return { id, dir, file: path.join(dir, UPLOAD_NAME) };
}

export function discardUploadFolder(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The load running now, in this process or another of the server's. */
export function runningJob(databasePath: string): UploadJob | undefined {
  const own = [...jobs.values()].find((job) => job.state === "running");
  if (own) return own;
  const root = uploadsDirectory(databasePath);
  const ids = fs.existsSync(root) ? fs.readdirSync(root) : [];
  return ids.map((id) => readJobFile(path.join(root, id))).find((job) => job?.state === "running" && isAlive(job.ownerPid));
}

/** The load with this id (as it appears in a page's address), if it is still remembered. */
export function getJob(id: string | undefined, databasePath: string): UploadJob | undefined {
  forgetOldJobs();
  if (!id || !/^[0-9a-f]{24}$/.test(id)) return undefined;
  return jobs.get(id) ?? readJobFile(path.join(uploadsDirectory(databasePath), id));
}

/** Written whole and renamed into place, so a reader never sees half a file. */
function saveJob(job: UploadJob) {
  const file = path.join(job.dir, JOB_FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(job));
  fs.renameSync(`${file}.tmp`, file);
}

function readJobFile(dir: string): UploadJob | undefined {
  try {
    const saved = JSON.parse(fs.readFileSync(path.join(dir, JOB_FILE), "utf8")) as UploadJob & { startedAt: string; finishedAt: string | null };
    return { ...saved, startedAt: new Date(saved.startedAt), finishedAt: saved.finishedAt ? new Date(saved.finishedAt) : null };
  } catch {
    return undefined; // no such load, or its folder is being cleared
  }
}

/** Whether the process that ran a load is still there to finish it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function rejectsFileOf(job: UploadJob): string | null {
  const file = path.join(job.dir, REJECTS_NAME);
  return job.report?.rejectsPath && fs.existsSync(file) ? file : null;
}

/** The uploaded file is kept after a dry run, so it can then be loaded for real. */
export function canLoadForReal(job: UploadJob): boolean {
  return job.state === "finished" && job.report?.status === "dry_run" && fs.existsSync(path.join(job.dir, UPLOAD_NAME));
}

interface StartOptions {
  db: Db;
  databasePath: string;
  folder: { id: string; dir: string; file: string };
  fileName: string;
  actor: Actor;
  choices: UploadChoices;
}

/** A load whose place is taken (the one-at-a-time lock) before its file has arrived: see reserveLoad. */
export interface LoadReservation {
  options: Omit<StartOptions, "choices">;
  startedBy: string;
}

/** How a load's starter is named on its page and in the lock, as every page names a person. */
function startedByOf(db: Db, actor: Actor): string {
  if (actor.kind === "user") return db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).get()?.name ?? actor.email;
  if (actor.kind === "token") return `integration token “${actor.name}”`;
  return "Primed";
}

/**
 * Takes the one-at-a-time lock for a load whose file is still to arrive (the
 * feed checks before it reads a request's body), or throws LoadAlreadyRunning.
 * Then either startReservedLoad, or releaseReservation if the file never comes.
 */
export function reserveLoad(options: Omit<StartOptions, "choices">): LoadReservation {
  const startedBy = startedByOf(options.db, options.actor);
  const holder = takeLoadLock(options.db, options.databasePath, { jobId: options.folder.id, fileName: options.fileName, startedBy, pids: [process.pid] });
  if (holder) throw new LoadAlreadyRunning(holder);
  return { options, startedBy };
}

/** Gives back a reservation's lock: its file did not arrive, so nothing was loaded. */
export function releaseReservation(reservation: LoadReservation) {
  releaseLoadLock(reservation.options.db, reservation.options.folder.id);
}

/** Starts loading an uploaded file; refuses while another load runs. */
export function startUploadJob(options: StartOptions): UploadJob {
  return startReservedLoad(reserveLoad(options), options.choices);
}

/** Starts the load a reservation holds the lock for, its file now in place. */
export function startReservedLoad(reservation: LoadReservation, choices: UploadChoices): UploadJob {
  const { startedBy } = reservation;
  const options: StartOptions = { ...reservation.options, choices };
  const { folder, fileName, actor } = options;
  const job: UploadJob = {
    id: folder.id,
    fileName,
    choices,
    startedBy,
    startedAt: new Date(),
    state: "running",
    progress: { bytesRead: 0, totalBytes: 0, rowsRead: 0 },
    report: null,
    failure: null,
    finishedAt: null,
    dir: folder.dir,
    ownerPid: process.pid,
    tokenId: actor.kind === "token" ? actor.tokenId : null,
  };
  try {
    job.progress.totalBytes = fs.statSync(folder.file).size;
    saveJob(job);
  } catch (error) {
    // A full disk, say: no load, and no lock left behind.
    releaseLoadLock(options.db, job.id);
    throw error;
  }
  jobs.set(job.id, job);
  const request: ImportJobRequest = {
    databasePath: options.databasePath,
    file: folder.file,
    fileName,
    actor,
    ...choices,
    rejectsPath: path.join(folder.dir, REJECTS_NAME),
  };
  // The same code the server runs: the build's JavaScript, or the TypeScript sources under tsx (import-job-entry.server.ts).
  const entry = importJobEntry();
  let child: ReturnType<typeof fork>;
  try {
    child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
  } catch (error) {
    releaseLoadLock(options.db, job.id);
    throw error;
  }
  if (child.pid !== undefined) addToLoadLock(options.db, job.id, child.pid);
  let errorOutput = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    errorOutput = (errorOutput + chunk.toString()).slice(-2000);
  });
  child.on("message", (message: ImportJobMessage) => {
    if (message.type === "progress") {
      job.progress = { bytesRead: message.bytesRead, totalBytes: message.totalBytes, rowsRead: message.rowsRead };
      saveJob(job);
    } else if (message.type === "done") finish(job, options.db, message.report);
    else void fail(job, options, message.message);
  });
  child.on("exit", (code, signal) => {
    if (job.state !== "running") return;
    const how = signal ? `was stopped (${signal})` : `stopped with exit code ${code}`;
    void fail(job, options, `The load ${how} before it finished, so nothing was changed. ${errorOutput.trim().split("\n").at(-1) ?? ""}`.trim());
  });
  child.send(request);
  return job;
}

/** Loads the file a dry run checked, with the same choices, for real. */
export function loadForReal(dryRun: UploadJob, options: Omit<StartOptions, "folder" | "fileName" | "choices">): UploadJob {
  if (!canLoadForReal(dryRun)) throw new Error("Only a finished dry run's file can be loaded for real.");
  const folder = newUploadFolder(options.databasePath);
  fs.linkSync(path.join(dryRun.dir, UPLOAD_NAME), folder.file);
  try {
    return startUploadJob({ ...options, folder, fileName: dryRun.fileName, choices: { ...dryRun.choices, dryRun: false } });
  } catch (error) {
    discardUploadFolder(folder.dir);
    throw error;
  }
}

function finish(job: UploadJob, db: Db, report: ImportReport) {
  job.report = report;
  job.progress = { ...job.progress, bytesRead: job.progress.totalBytes, rowsRead: report.rowsRead };
  job.state = "finished";
  job.finishedAt = new Date();
  saveJob(job);
  releaseLoadLock(db, job.id);
  // Kept only while it may still be wanted: for "load it for real" after a dry run.
  if (report.status !== "dry_run") fs.rmSync(path.join(job.dir, UPLOAD_NAME), { force: true });
}

/** A load that never reached its report still goes in the history, so nobody wonders where it went. */
async function fail(job: UploadJob, options: StartOptions, message: string) {
  if (job.failure) return;
  job.failure = message;
  const finishedAt = new Date();
  const hash = createHash("sha256");
  try {
    for await (const chunk of fs.createReadStream(options.folder.file)) hash.update(chunk as Buffer);
  } catch {
    // The history still records the failure, without the file's hash.
  }
  // Nothing here may throw: this runs on its own (the child's message or exit), where an
  // error would be unhandled and stop the server process. On a full disk the history
  // and the job file cannot be written; the page still says what happened.
  try {
    recordImportRun(options.db, {
      actor: options.actor,
      fileName: job.fileName,
      sha256: hash.digest("hex"),
      startedAt: job.startedAt,
      status: "failed",
      encoding: "unknown",
      rowsRead: job.progress.rowsRead,
      added: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      notWorkItems: 0,
      servicesAdded: 0,
      servicesUpdated: 0,
      servicesUnchanged: 0,
      durationMs: finishedAt.getTime() - job.startedAt.getTime(),
      message: `Failed: ${message}`,
    });
  } catch (error) {
    console.error(`The failed load of ${job.fileName} could not be put in the history: ${(error as Error).message}`);
  }
  fs.rmSync(options.folder.file, { force: true });
  // Marked failed only once recorded, so whoever sees it failed finds it in the history.
  job.finishedAt = finishedAt;
  job.state = "failed";
  try {
    saveJob(job);
  } catch (error) {
    console.error(`The failed load of ${job.fileName} could not be saved for the other server processes: ${(error as Error).message}`);
  }
  try {
    releaseLoadLock(options.db, job.id);
  } catch (error) {
    // Stale anyway once this process has gone; until then, a full disk refuses loads too.
    console.error(`The lock of the failed load of ${job.fileName} could not be released: ${(error as Error).message}`);
  }
}

function forgetOldJobs(now = Date.now()) {
  for (const job of jobs.values()) {
    if (job.finishedAt && now - job.finishedAt.getTime() > KEEP_JOBS_MS) {
      jobs.delete(job.id);
      discardUploadFolder(job.dir);
    }
  }
}
