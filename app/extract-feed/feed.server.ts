/*
 * The nightly feed: a care system's scheduled job sends the extract as the
 * raw body of POST /api/extracts, with an integration token
 * (./tokens.server.ts), and follows the load at the address it is given. The
 * load is the upload page's: the same size limit, the same one-at-a-time lock
 * (taken before the body is read, so a second load is refused without
 * reading it), the same child process and pipeline, the same report. Every
 * answer is JSON, a refusal `{ "error": "..." }` saying what to change.
 */
import type { Db } from "../../db/connection";
import { audit, type Actor } from "~/audit/audit.server";
import type { IsoDate } from "~/dates";
import { isDiskFull, DISK_FULL } from "~/http/disk-full.server";
import { BodyTooLarge, bodyToDisk } from "~/http/upload-to-disk.server";
import {
  discardUploadFolder,
  getJob,
  LoadAlreadyRunning,
  MAX_UPLOAD_MB,
  newUploadFolder,
  releaseReservation,
  reserveLoad,
  startReservedLoad,
  type UploadChoices,
  type UploadJob,
} from "~/import/upload-jobs.server";
import { uploadView } from "~/import/upload-view.server";

export type TokenActor = Extract<Actor, { kind: "token" }>;

/** An answer of the feed: its status, its JSON, and any headers it needs beyond the JSON's. */
export interface FeedAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const refusal = (status: number, error: string, headers?: Record<string, string>): FeedAnswer => ({ status, body: { error }, headers });

/** The address of a load started through the feed. */
export const feedJobPath = (id: string) => `/api/extracts/${id}`;

const FLAGS = ["dryRun", "skipInvalid", "createMissing"] as const;
const OPTIONS = [...FLAGS, "fileName"] as const;
const OPTIONS_IN_WORDS = "dryRun, skipInvalid and createMissing (each true or false), and fileName";

export interface FeedOptions extends UploadChoices {
  fileName: string;
}

/**
 * The load's choices, from the address's query: each flag true or false
 * (left out, false), and the name the import history gives the file. Anything
 * else, or anything twice, is refused with the option named.
 */
export function parseFeedOptions(query: URLSearchParams, today: IsoDate): { ok: true; options: FeedOptions } | { ok: false; error: string } {
  const options: FeedOptions = { dryRun: false, skipInvalid: false, createMissing: false, fileName: `extract-${today}.csv` };
  for (const key of new Set(query.keys())) {
    const shown = JSON.stringify(key.slice(0, 50));
    if (!(OPTIONS as readonly string[]).includes(key)) return { ok: false, error: `${shown} is not an option of this address. The options are ${OPTIONS_IN_WORDS}.` };
    const values = query.getAll(key);
    if (values.length > 1) return { ok: false, error: `The option ${key} is given ${values.length} times: give it once.` };
    const value = values[0]!;
    if (key === "fileName") {
      const name = value.trim();
      if (name === "" || name.length > 200 || /[\u0000-\u001f\u007f/\\]/.test(name))
        return { ok: false, error: "The option fileName must be a file's name of 1 to 200 characters, without folders or control characters, such as mosaic-2026-12-04.csv." };
      options.fileName = name;
    } else {
      if (value !== "true" && value !== "false") return { ok: false, error: `The option ${key} must be true or false, not ${JSON.stringify(value.slice(0, 50))}.` };
      options[key as (typeof FLAGS)[number]] = value === "true";
    }
  }
  return { ok: true, options };
}

/** What the body may be sent as: a CSV file's bytes as they are. */
export const ACCEPTED_TYPES = ["text/csv", "application/octet-stream"];
const MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024;
const TOO_LARGE = `The extract is larger than ${MAX_UPLOAD_MB} MB, the most one load takes: nothing was loaded. Send it in parts, for example a year at a time.`;
const EMPTY = "The request's body is empty: send the extract, a CSV file, as the body. Nothing was loaded.";
/** After refusing a body still arriving, the server drops the connection rather than read the rest. */
const CLOSE = { Connection: "close" };

export interface StartFeedLoad {
  db: Db;
  databasePath: string;
  actor: TokenActor;
  request: Request;
  today: IsoDate;
  /** The largest body taken: a seam for the tests (the feed's is the upload page's). */
  maxBytes?: number;
}

/**
 * Starts a load from a request whose token has been checked: its options,
 * its content type and declared length are checked first, then the load's
 * place is taken (409 while another runs), and only then is the body read,
 * to disk, stopping at the limit. Answers 202 with the load's address.
 */
export async function startFeedLoad({ db, databasePath, actor, request, today, maxBytes = MAX_BYTES }: StartFeedLoad): Promise<FeedAnswer> {
  const parsed = parseFeedOptions(new URL(request.url).searchParams, today);
  if (!parsed.ok) return refusal(400, parsed.error);
  const { fileName, ...choices } = parsed.options;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    const sent = type === "" ? "no Content-Type" : `Content-Type ${JSON.stringify(type.slice(0, 100))}`;
    return refusal(415, `The extract was sent with ${sent}. Send the CSV file's bytes as the body, with Content-Type text/csv (or application/octet-stream).`);
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) return refusal(413, TOO_LARGE, CLOSE);
  if (declared !== null && Number(declared) === 0) return refusal(400, EMPTY);

  const folder = newUploadFolder(databasePath);
  let reservation: ReturnType<typeof reserveLoad>;
  try {
    reservation = reserveLoad({ db, databasePath, folder, fileName, actor });
  } catch (error) {
    discardUploadFolder(folder.dir);
    if (error instanceof LoadAlreadyRunning) return refusal(409, `${error.message} Nothing was loaded: send the extract again then.`);
    throw error;
  }
  let job: UploadJob;
  try {
    const bytes = await bodyToDisk(request.body, folder.file, maxBytes);
    if (bytes === 0) {
      releaseReservation(reservation);
      discardUploadFolder(folder.dir);
      return refusal(400, EMPTY);
    }
    job = startReservedLoad(reservation, choices);
  } catch (error) {
    releaseReservation(reservation);
    discardUploadFolder(folder.dir);
    if (error instanceof BodyTooLarge) return refusal(413, TOO_LARGE, CLOSE);
    if (isDiskFull(error)) return refusal(507, DISK_FULL);
    return refusal(400, "The extract did not arrive whole (the connection ended part-way). Nothing was loaded: send it again.");
  }
  audit(db, actor, {
    action: "start_load",
    entity: "integration_token",
    entityId: actor.tokenId,
    after: { load: job.id, file: fileName, bytes: job.progress.totalBytes, ...choices },
  });
  const path = feedJobPath(job.id);
  return { status: 202, body: feedView(job), headers: { Location: path } };
}

const NO_SUCH_LOAD =
  "There is no load at this address for this token. A load is kept here for a day, and not after Primed restarts; every load is in the import history, which an administrator can see.";

/** A load the token started, as JSON: its progress while it runs, then its report. Another's load, or none, is a 404. */
export function feedLoad(jobId: string | undefined, databasePath: string, actor: TokenActor): FeedAnswer {
  const job = getJob(jobId, databasePath);
  if (!job || job.tokenId !== actor.tokenId) return refusal(404, NO_SUCH_LOAD);
  return { status: 200, body: feedView(job) };
}

/** The page shows progress only while a load runs; a program reading it afterwards is told it is over. */
function progressOf(job: UploadJob, running: { percent: number; phase: string; text: string }) {
  if (job.state === "running") return running;
  const seconds = job.finishedAt ? Math.round((job.finishedAt.getTime() - job.startedAt.getTime()) / 1000) : 0;
  const rows = `${job.progress.rowsRead.toLocaleString("en-GB")} ${job.progress.rowsRead === 1 ? "row" : "rows"} read`;
  return job.state === "finished"
    ? { percent: 100, phase: "Finished", text: `Finished: ${rows} in ${seconds} s.` }
    : { percent: running.percent, phase: "Failed", text: `Failed after ${seconds} s: nothing was changed.` };
}

/** The upload page's view of a load, for a program: the same progress, summary and problems, with its address. */
export function feedView(job: UploadJob, now = Date.now()) {
  const view = uploadView(job, now);
  return {
    id: job.id,
    url: feedJobPath(job.id),
    fileName: job.fileName,
    choices: job.choices,
    state: job.state,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    progress: { ...progressOf(job, view.progress), rowsRead: job.progress.rowsRead, bytesRead: job.progress.bytesRead, totalBytes: job.progress.totalBytes },
    failure: job.failure,
    report: view.report,
  };
}

/** A method the feed's addresses do not take. */
export const wrongMethod = (allowed: "GET" | "POST"): FeedAnswer =>
  refusal(405, `This address takes ${allowed} only: POST the extract to /api/extracts, then GET the address it answers with.`, { Allow: allowed });

/** A refused token, with the challenge RFC 6750 asks for. */
export function unauthorised(check: { reason: "missing" | "unknown" | "revoked" | "expired"; message: string }): FeedAnswer {
  const challenge = check.reason === "missing" ? 'Bearer realm="Primed"' : 'Bearer realm="Primed", error="invalid_token"';
  return refusal(401, check.message, { "WWW-Authenticate": challenge });
}

/** The answer as an HTTP response: JSON, never cached (the server says no-store for every answer, app/http/no-store.ts). */
export function feedResponse(answer: FeedAnswer): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...answer.headers },
  });
}
