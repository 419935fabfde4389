/*
 * Starts Primed: checks the environment, builds the app if it has not been
 * built, migrates the database (loading the demo council when it is empty),
 * then serves the Remix app with Express: in PRIMED_WORKERS processes that
 * share the port (Node's cluster), so pages use every processor.
 *
 * With --production (npm run start:prod) it serves the existing build as it
 * is, never rebuilding, with NODE_ENV=production and a JSON log. On SIGTERM or
 * SIGINT it stops taking requests, lets those in flight finish, closes the
 * database and exits 0.
 */
import { execFileSync } from "node:child_process";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { openDatabase, type Connection } from "../db/connection";
import { checkWritable, explainOpenFailure } from "../db/open-problem";
import { EnvError, readEnv } from "../app/platform/env.server";
import { createLog, routeConsoleTo } from "../app/http/log";
import { requestLog } from "../app/http/request-log";
import { routePatternMatcher } from "../app/http/route-pattern";
import { isCrossSiteWrite, isTokenOnlyPath, securityHeaders } from "../app/http/security";
import { noStore } from "../app/http/no-store";
import { compressionOptions } from "../app/http/page-compression.server";
import { limitEachPerson, REFUSED, refuseMarkedRequests } from "../app/http/per-person-limit";
import { refuseUnreadableForms } from "../app/http/unreadable-forms.server";
import { closeGracefully, SHUTDOWN_GRACE_MS } from "../app/http/shutdown";
import { waitForWriteLock } from "../app/http/write-lock-wait.server";
import type { PrimedLoadContext } from "../app/http/load-context";
import { escalateOverdue, prepareService } from "../app/startup.server";
import { recoverDropFolder, watchDropFolder } from "../app/import/drop-folder.server";
import { clearUploads } from "../app/import/upload-jobs.server";
import { answerDiskFull } from "../app/http/disk-full.server";
import { mailSettingsOf } from "../app/reminders/mail-settings";
import { startMailJob } from "../app/reminders/mail-job.server";
import { clockToday } from "../app/platform/clock.server";
import { queueWeeklyDigests } from "../app/weekly-digest/digest.server";
import { packAttachment } from "./pack-attachment";

const production = process.argv.includes("--production");
// Before the build is loaded: React and Express read it then. Forked processes inherit it.
if (production) process.env.NODE_ENV = "production";
const log = createLog(production ? "json" : "text");
if (production) routeConsoleTo(log);

function loadEnv() {
  try {
    return readEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      log.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const env = loadEnv();
const buildFile = path.resolve("build/index.js");

/** The newest modification time under the folders the build is made from. */
function newestSource(entries: string[]): number {
  let newest = 0;
  for (const entry of entries) {
    if (!fs.existsSync(entry)) continue;
    const stat = fs.statSync(entry);
    const time = stat.isDirectory() ? newestSource(fs.readdirSync(entry).map((name) => path.join(entry, name))) : stat.mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** Often enough that the log stays small between loads; each fold of a few saves takes a millisecond or so. */
const CHECKPOINT_EVERY_MS = 5_000;

/**
 * Everything done once, before any process serves: the build, the database, left-over uploads.
 * Returns the first process's connection, kept open while Primed runs: `primed restore` sees it
 * and refuses to replace the database under a running server.
 */
async function prepare(): Promise<Connection> {
  if (production && !fs.existsSync(buildFile)) {
    log.error("Primed has not been built: there is no build/index.js. Run `npm run build`, then `npm run start:prod` again.");
    process.exit(1);
  }
  // Built with NODE_ENV=development or test, the pages call React's development JSX, which production React lacks.
  if (production && fs.readFileSync(buildFile, "utf8").includes("jsxDEV")) {
    log.error("build/index.js is a development build, which cannot serve in production. Run `npm run build` with NODE_ENV unset or production, then `npm run start:prod` again.");
    process.exit(1);
  }
  const buildIsStale = !production && (!fs.existsSync(buildFile) || fs.statSync(buildFile).mtimeMs < newestSource(["app", "db", "remix.config.js", "package.json"]));
  if (buildIsStale) {
    log.info("Building Primed (its sources have changed since the last build)...");
    execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
  }
  let connection: Connection;
  try {
    connection = openDatabase(env.DATABASE_PATH);
    // A read-only file opens, and answers reads: say so now, not at the first save.
    checkWritable(connection.sqlite);
    await prepareService(connection, env, log.info);
  } catch (error) {
    log.error(explainOpenFailure(env.DATABASE_PATH, error));
    process.exit(1);
  }
  clearUploads(env.DATABASE_PATH, connection.db);
  if (env.PRIMED_DROP_DIR) watchDrops(env.PRIMED_DROP_DIR, connection);
  startReminders(connection);
  // A deadline passes at midnight whether or not anyone opens a page.
  setInterval(() => escalateOverdue(connection, log.info), 60 * 60 * 1000).unref();
  // The requests never fold the write-ahead log back into the database file (app/db.server.ts): this does.
  setInterval(() => connection.sqlite.pragma("wal_checkpoint(PASSIVE)"), CHECKPOINT_EVERY_MS).unref();
  return connection;
}

/** The drop folder, watched by the first process alone: files left mid-load by a stop are finished first. */
function watchDrops(dir: string, connection: Connection) {
  const options = {
    db: connection.db,
    databasePath: env.DATABASE_PATH,
    dir: path.resolve(dir),
    settleMs: env.PRIMED_DROP_SETTLE_SECONDS * 1000,
    choices: { skipInvalid: env.PRIMED_DROP_SKIP_INVALID === "on", createMissing: env.PRIMED_DROP_CREATE_MISSING === "on" },
    log: log.info,
  };
  try {
    recoverDropFolder(options);
  } catch (error) {
    log.error(`The drop folder ${options.dir} cannot be used: ${(error as Error).message}`);
    process.exit(1);
  }
  watchDropFolder(options, env.PRIMED_DROP_EVERY_SECONDS * 1000);
  log.info(`Watching the drop folder ${options.dir} for extracts.`);
}

/** Reminders by email, sent by the first process alone (off until PRIMED_SMTP_URL is set); stopped as Primed stops. */
function startReminders(connection: Connection) {
  const settings = mailSettingsOf(env);
  if (!settings) return;
  const job = startMailJob(
    {
      db: connection.db,
      settings,
      today: clockToday,
      log: log.info,
      scans: [queueWeeklyDigests],
      attach: packAttachment(connection.db, settings.publicUrl, clockToday, log.warn),
    },
    env.PRIMED_MAIL_EVERY_SECONDS * 1000,
  );
  onStopSignal(() => void job.stop());
  log.info(`Reminders by email are on (from ${settings.from}).`);
}

const shownHost = env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
const running = () =>
  log.info(`Primed is running at http://${shownHost}:${env.PORT} (database ${env.DATABASE_PATH}; ${env.PRIMED_WORKERS} ${env.PRIMED_WORKERS === 1 ? "process" : "processes"})`);

/** The last step of stopping, in the first process: the database is closed, so the log says so. */
function stopped(connection: Connection): never {
  connection.close();
  log.info("Primed has stopped.");
  process.exit(0);
}

/** Runs `stop` on the first SIGTERM or SIGINT; a second signal (systemd and Ctrl+C both) changes nothing. */
function onStopSignal(stop: (signal: string) => void) {
  let stopping = false;
  const once = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stop(signal);
  };
  process.on("SIGTERM", once);
  process.on("SIGINT", once);
}

if (cluster.isPrimary) {
  const connection = await prepare();
  if (env.PRIMED_WORKERS > 1) startWorkers(env.PRIMED_WORKERS, connection);
  else await serve(running, () => stopped(connection));
} else {
  await serve(
    () => {},
    () => process.exit(0),
  );
}

/** Forks the serving processes, replaces one that dies, and on SIGTERM stops them all, then itself. */
function startWorkers(count: number, connection: Connection) {
  let stopping = false;
  let listening = 0;
  cluster.on("listening", () => {
    listening += 1;
    if (listening === count) running();
  });
  cluster.on("exit", (_worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) stopped(connection);
      return;
    }
    log.warn(`A Primed process stopped (${signal ?? `exit code ${code}`}); starting another.`);
    cluster.fork();
  });
  for (let i = 0; i < count; i += 1) cluster.fork();
  onStopSignal((signal) => {
    stopping = true;
    log.info(`Stopping (${signal}): each process finishes the requests it has in flight.`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  });
}

/** Serves the built app from this process; `listening` and `closed` are the first process's part when it serves alone. */
async function serve(listening: () => void, closed: () => void) {
  // A body that is not a readable form is a 400 with a message, not a 500 (app/http/unreadable-forms.server.ts).
  // A full disk is a 507 saying so in one sentence, not a 500 (app/http/disk-full.server.ts).
  // One person's burst is refused in the build (app/http/per-person-limit.ts), before any loader or action works.
  const build = refuseMarkedRequests(answerDiskFull(refuseUnreadableForms((await import(pathToFileURL(buildFile).href)) as ServerBuild)));
  const app = express();
  app.disable("x-powered-by");
  // Remix reads the address itself: Express's own parse of every query string (qs) was 2% of a worker view's processor.
  app.set("query parser", false);
  // Behind a reverse proxy on this server, each person's address is the one the proxy forwards
  // (X-Forwarded-For): else every sign-in would count against the proxy's one address.
  app.set("trust proxy", "loopback");
  // First, so every answer carries its request id and is logged with its time.
  app.use(requestLog(log, routePatternMatcher(build.routes)));
  // Pages come compressed already, whole (app/http/page-compression.server.ts); this compresses the rest alike.
  app.use(compression(compressionOptions));
  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.set(securityHeaders(res.locals.cspNonce));
    // The feed's addresses take a token, never a cookie: the rule is for what a signed-in browser sends.
    if (!isTokenOnlyPath(req.originalUrl) && isCrossSiteWrite(req.method, req.get("host"), req.get("origin"), req.get("referer"), req.get("x-forwarded-host"))) {
      res.status(403).type("text/plain").send("Primed refused this request: it did not come from a Primed page. Go back to Primed and try again from there.");
      return;
    }
    next();
  });
  // Fingerprinted by the build: safe to cache for a year.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Mounted by folder, not over "/": every page request would otherwise look for a file first.
  app.use("/styles", express.static("public/styles", { maxAge: "1h" }));
  app.get("/favicon.svg", (_req, res) => res.sendFile(path.resolve("public/favicon.svg"), { maxAge: "1h" }));
  // Everything after the static files is the app's own answer, and may carry personal data: never cached.
  app.use(noStore());
  // Each person's requests take turns, so one person's burst slows only their own pages.
  app.use(limitEachPerson());
  // A save waits for the write lock here, between other requests, not in SQLite's blocking sleep.
  app.use(waitForWriteLock(env.DATABASE_PATH));
  // Not app.all("*"): for a "*" Express decodes the path, and answers a malformed one (/actions/%FF) with its
  // own error page and stack trace. Remix matches the path itself, and shows its error page.
  app.use(
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) =>
        ({
          clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
          cspNonce: res.locals.cspNonce as string,
          tooManyRequests: res.locals[REFUSED] === true,
          pageRequest: (req.method === "GET" || req.method === "HEAD") && !req.path.endsWith(".data"),
        }) satisfies PrimedLoadContext,
    }),
  );

  const server: Server = app.listen(env.PORT, env.HOST, () => {
    listening();
    // The care book is read now and after each load, not by the first page to need it (app/entry.server.tsx).
    (build.entry.module as { keepFiguresWarm?: (log: (line: string) => void) => void }).keepFiguresWarm?.(log.info);
  });

  onStopSignal(async (signal) => {
    if (cluster.isPrimary) log.info(`Stopping (${signal}): finishing the requests in flight.`);
    const { cutOff } = await closeGracefully(server);
    if (cutOff) log.warn(`Some requests were still running after ${SHUTDOWN_GRACE_MS / 1000} seconds and were cut off.`);
    // The app's own connection closes as the process exits (app/db.server.ts).
    closed();
  });
}
