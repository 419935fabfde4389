/*
 * The app as it runs in production: built, started by the build's server (build/bin/serve.js, as `npm run start:prod`) on
 * loopback against the benchmark's database, and signed into over HTTP, as
 * tests/helpers/app-server.ts does for the browser tests.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../tests/helpers/app-server";
import { processTreeCpuMs } from "./process-cpu";

const START_TIMEOUT_MS = 180_000;

/** The app could not be built or started: nothing can be measured. */
export class ServerStartError extends Error {}

/** The newest modification time under the given files and folders (as bin/serve.ts decides a build is stale). */
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

/**
 * A build made outside production (bin/serve.ts rebuilds with whatever
 * NODE_ENV it was started with, e.g. "test" under vitest) renders with
 * React's development JSX runtime, which a production server does not have:
 * every page would fail with "jsxDEV is not a function".
 */
function isDevelopmentBuild(buildFile: string): boolean {
  return fs.readFileSync(buildFile, "utf8").includes("jsxDEV");
}

/**
 * Builds before starting, so the server's start-up time is not a build and a
 * broken build is reported as such. Returns whether it built.
 */
export function ensureBuilt(): boolean {
  const buildFile = "build/index.js";
  const reason =
    !fs.existsSync(buildFile) || !fs.existsSync("build/bin/serve.js")
      ? "there is no build"
      : fs.statSync(buildFile).mtimeMs < newestSource(["app", "db", "bin", "remix.config.js", "package.json"])
        ? "its sources are newer than build/index.js"
        : isDevelopmentBuild(buildFile)
          ? "build/index.js is a development build"
          : undefined;
  if (!reason) return false;
  console.log(`Building the app (${reason})...`);
  try {
    execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  } catch {
    // The build's own errors are above; without a build there is no server to measure.
    throw new ServerStartError("The app did not build (see above), so the server cannot start.");
  }
  return true;
}

export interface RunningServer {
  origin: string;
  /** Everything the server printed, for when something goes wrong. */
  output(): string;
  /** Each line the server printed, with when (Date.now()). */
  lines(): { at: number; text: string }[];
  /** Processor milliseconds the server's processes have used so far. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Starts the built server and resolves once it says it is listening. */
export async function startServer(databasePath: string): Promise<RunningServer> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles every serving process (NODE_OPTIONS refuses it).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, "build/bin/serve.js", "--production"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      NODE_ENV: "production",
      // The database is never empty, but the demo must not be loaded into it by mistake.
      PRIMED_DEMO: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const lines: { at: number; text: string }[] = [];
  let exited = false;
  let started = false;
  child.on("exit", () => (exited = true));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new ServerStartError(`The app did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line.trim()) lines.push({ at: Date.now(), text: line.trim() });
      // Only until it has started: each search flattens the whole output so far, and the server logs a line a
      // request, so searching it on every chunk cost the benchmark's own process a millisecond or more a response
      // by the end of a run, on the cores the server was being measured on.
      if (!started && output.includes("Primed is running at")) {
        started = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new ServerStartError(`The app exited (${signal ?? `code ${code}`}) before it started:\n${output}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    output: () => output,
    lines: () => lines,
    cpuMs: () => processTreeCpuMs(child.pid!),
    async stop() {
      if (exited) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}

/**
 * Signs in as a browser would (the form's fields, and an Origin header:
 * the app refuses writes without one) and returns the session cookie as a
 * Cookie header's value.
 */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/sign-in`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "" }),
    redirect: "manual",
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
  if (response.status >= 400 || cookies.length === 0) {
    const body = await response.text();
    throw new Error(`Signing in failed (${response.status}): ${body.slice(0, 300)}`);
  }
  return cookies.join("; ");
}

const IDLE_PROBE_PATH = "/favicon.svg";
const IDLE_UNDER_MS = 20;
const IDLE_WAIT_LIMIT_MS = 60_000;

/**
 * Waits until a static file comes back quickly. autocannon drops the requests
 * still running when its time is up, but the server goes on working through
 * them: without this, a slow page's leftovers would be counted against the
 * next run.
 */
export async function waitUntilIdle(origin: string): Promise<void> {
  const deadline = performance.now() + IDLE_WAIT_LIMIT_MS;
  while (performance.now() < deadline) {
    const started = performance.now();
    await (await fetch(`${origin}${IDLE_PROBE_PATH}`)).arrayBuffer();
    if (performance.now() - started < IDLE_UNDER_MS) return;
  }
}
