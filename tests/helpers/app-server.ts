import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { copyDemoCouncil } from "./demo-cache";
import { scaledWait } from "./machine-load";
import { runToday } from "./today";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RunningApp {
  url: string;
  databasePath: string;
  /** Everything the app has written to standard output and error so far. */
  output(): string;
  /** Sends SIGTERM, as systemd does, and resolves with the exit code once the app has exited. */
  stop(): Promise<number | null>;
  /**
   * Sends `signal` (SIGKILL: a crash) and resolves once the app has exited; leaves the database in place.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the built app, by default from the build's own server
 * (build/bin/serve.js, which `npm run start:prod` runs) and, with
 * `production`, in production mode as `npm run start:prod` does; with
 * `fromSources`, from bin/serve.ts under tsx as `npm start` runs it. On a fresh
 * database in a temporary folder; or, with `databasePath`, on another app's
 * database (a second app with another clock, say), which it leaves in place
 * when it stops.
 */
export async function startApp(env: Record<string, string> = {}, options: { databasePath?: string; production?: boolean; fromSources?: boolean } = {}): Promise<RunningApp> {
  if (!fs.existsSync("build/index.js") || !fs.existsSync("build/bin/serve.js")) throw new Error("Build the app first: npm run build");
  const dir = options.databasePath === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "primed-app-")) : null;
  const databasePath = options.databasePath ?? path.join(dir!, "primed.db");
  const demo = { ...process.env, ...env }.PRIMED_DEMO ?? "on";
  if (dir !== null && demo === "on") {
    // The app would build the demo council into its empty database, as it does for `npm start`; a copy of
    // the run's one build is the same council (same seed, same day) in a fraction of the time.
    await copyDemoCouncil(databasePath, runToday(), Number({ ...process.env, ...env }.PRIMED_DEMO_SEED ?? 2026));
  }
  // A test may choose the port first, when another server must know the app's address before it starts (an identity provider).
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // The build's JavaScript starts in about two thirds of the time tsx takes to load the TypeScript (2.0 s
  // against 1.35 s, 2026-12-04), and tests start apps some fifty times a run. From the sources: node with
  // tsx's loader, as `npm start` runs it, without the tsx command's wrapper process, so a signal reaches the app.
  const entry = options.fromSources ? ["--import", "tsx", "bin/serve.ts"] : ["build/bin/serve.js"];
  const args = [...entry, ...(options.production ? ["--production"] : [])];
  // NODE_ENV=production as on a council's server: vitest sets "test", which would run React's development
  // server renderer (several times slower a page) and, if the build were stale, rebuild it for development.
  // One serving process unless a test asks for more (PRIMED_WORKERS): each one loads the whole app, and the
  // tests that are about several processes say so.
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: "production", PRIMED_WORKERS: "1", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The app did not start in time:\n${output}`)), scaledWait(120_000));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Primed is running at")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    databasePath,
    output: () => output,
    async kill(signal = "SIGKILL") {
      child.removeAllListeners("exit");
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill(signal);
      });
    },
    async stop() {
      child.removeAllListeners("exit");
      const exited = child.exitCode !== null || child.signalCode !== null;
      const code = exited
        ? child.exitCode
        : await new Promise<number | null>((resolve) => {
            child.once("exit", (exitCode) => resolve(exitCode));
            child.kill("SIGTERM");
          });
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
