/*
 * Starts Primed: checks the environment, builds the app if it has not been
 * built, migrates the database (loading the demo council when it is empty),
 * then serves the Remix app with Express: in PRIMED_WORKERS processes that
 * share the port (Node's cluster), so pages use every processor.
 */
import { execFileSync } from "node:child_process";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { openDatabase } from "../db/connection";
import { EnvError, readEnv } from "../app/env.server";
import { isCrossSiteWrite, securityHeaders } from "../app/http/security";
import type { PrimedLoadContext } from "../app/load-context";
import { escalateOverdue, prepareService } from "../app/startup.server";
import { clearUploads } from "../app/import/upload-jobs.server";

const log = (line: string) => process.stdout.write(`${line}\n`);

function loadEnv() {
  try {
    return readEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
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
    const time = stat.isDirectory()
      ? newestSource(fs.readdirSync(entry).map((name) => path.join(entry, name)))
      : stat.mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** Everything done once, before any process serves: the build, the database, left-over uploads. */
async function prepare() {
  const buildIsStale =
    !fs.existsSync(buildFile) ||
    fs.statSync(buildFile).mtimeMs < newestSource(["app", "db", "remix.config.js", "package.json"]);
  if (buildIsStale) {
    log("Building Primed (its sources have changed since the last build)...");
    execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
  }
  try {
    const connection = openDatabase(env.DATABASE_PATH);
    await prepareService(connection, env, log);
    connection.close();
  } catch (error) {
    process.stderr.write(`Primed cannot open its database at ${env.DATABASE_PATH}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  clearUploads(env.DATABASE_PATH);
  // A deadline passes at midnight whether or not anyone opens a page.
  setInterval(() => {
    const connection = openDatabase(env.DATABASE_PATH);
    try {
      escalateOverdue(connection, log);
    } finally {
      connection.close();
    }
  }, 60 * 60 * 1000).unref();
}

const shownHost = env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
const running = () =>
  log(`Primed is running at http://${shownHost}:${env.PORT} (database ${env.DATABASE_PATH}; ${env.PRIMED_WORKERS} ${env.PRIMED_WORKERS === 1 ? "process" : "processes"})`);

if (cluster.isPrimary) await prepare();
if (cluster.isPrimary && env.PRIMED_WORKERS > 1) {
  startWorkers(env.PRIMED_WORKERS);
} else {
  await serve(cluster.isPrimary);
}

/** Forks the serving processes, replaces one that dies, and stops them all on SIGTERM. */
function startWorkers(count: number) {
  let stopping = false;
  let listening = 0;
  cluster.on("listening", () => {
    listening += 1;
    if (listening === count) running();
  });
  cluster.on("exit", (_worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`A Primed process stopped (${signal ?? `exit code ${code}`}); starting another.`);
    cluster.fork();
  });
  for (let i = 0; i < count; i += 1) cluster.fork();
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Serves the built app from this process; `announce` when no primary process does it. */
async function serve(announce: boolean) {
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Level 1: most of the saving for a third of the processor time, which pages need more.
  app.use(compression({ level: 1 }));
  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.set(securityHeaders(res.locals.cspNonce));
    if (isCrossSiteWrite(req.method, req.get("host"), req.get("origin"), req.get("referer"))) {
      res
        .status(403)
        .type("text/plain")
        .send("Primed refused this request: it did not come from a Primed page. Go back to Primed and try again from there.");
      return;
    }
    next();
  });
  // Fingerprinted by the build: safe to cache for a year.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Mounted by folder, not over "/": every page request would otherwise look for a file first.
  app.use("/styles", express.static("public/styles", { maxAge: "1h" }));
  app.get("/favicon.svg", (_req, res) => res.sendFile(path.resolve("public/favicon.svg"), { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) =>
        ({
          clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
          cspNonce: res.locals.cspNonce as string,
        }) satisfies PrimedLoadContext,
    }),
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    if (announce) running();
  });

  function shutdown() {
    server.close(() => process.exit(0));
  }
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
