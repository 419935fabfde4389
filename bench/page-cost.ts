/*
 * npm run bench:page-cost — a page's processor time, one build against
 * another, in one process. Over HTTP the same build's figures move by a fifth
 * from one run to the next on this machine (its hour), more than most changes
 * to a page; here the builds are loaded side by side against the reports
 * benchmark's database and asked for the same pages in a random order, round
 * after round, so whatever the machine does hits both alike
 * (docs/decisions/2026-12-04-fixed-cost-of-a-page.md).
 *
 *   BENCH_BUILDS=/tmp/before/build/index.js,build/index.js  the builds (default: build/index.js)
 *   BENCH_PAGES=worker | team | /account/reminders,/teams    the benchmark's worker views or team
 *                                                             pages, or paths (default: worker)
 *   BENCH_ROUNDS=300                                         rounds; the first 20 warm up
 *
 * Build the other version with `npx remix build` in a worktree whose
 * node_modules is a link to this one's. Time includes reading each page's
 * body, as a server's socket would not: compare builds, not absolute figures.
 */
import path from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { PrimedLoadContext } from "~/http/load-context";
import { BENCH_USER, chooseTargets } from "./reports-database";

const WARM_UP_ROUNDS = 20;
const ORIGIN = "http://localhost:3000";
const HOST = { host: "localhost:3000" };

process.env.DATABASE_PATH ??= path.resolve(".bench/reports-bench.db");
process.env.NODE_ENV = "production";
process.env.PRIMED_DEMO = "off";

function pagesToAsk(which: string, database: string): string[] {
  const targets = chooseTargets(database);
  if (which === "worker") return targets.workers.map((w) => `/teams/${w.teamSlug}?worker=${w.id}`);
  if (which === "team") return targets.teams.map((team) => `/teams/${team.slug}`);
  return which.split(",");
}

type Handler = (request: Request) => Promise<Response>;

/** Each build's own request handler, once its care book is read (as a serving process reads it at start). */
async function load(buildFile: string, copy: number): Promise<Handler> {
  // The same file twice is two builds with their own memory: a query string makes it another module.
  const build = (await import(`${pathToFileURL(path.resolve(buildFile)).href}?copy=${copy}`)) as ServerBuild;
  const handle = createRequestHandler(build, "production");
  const context: PrimedLoadContext = { clientAddress: "127.0.0.1", cspNonce: "bench", tooManyRequests: false, pageRequest: true };
  const warm = (build.entry.module as { keepFiguresWarm?: (log: (line: string) => void) => void }).keepFiguresWarm;
  await new Promise<void>((resolve) => (warm ? warm((line) => line.startsWith("Figures ready") && resolve()) : resolve()));
  return (request) => handle(request, { ...context });
}

async function signIn(handle: Handler): Promise<string> {
  const response = await handle(
    new Request(`${ORIGIN}/sign-in`, {
      method: "POST",
      headers: { ...HOST, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: BENCH_USER.email, password: BENCH_USER.password, redirectTo: "" }),
    }),
  );
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function main() {
  const builds = (process.env.BENCH_BUILDS ?? "build/index.js").split(",");
  const paths = pagesToAsk(process.env.BENCH_PAGES ?? "worker", process.env.DATABASE_PATH!);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
  const handlers: Handler[] = [];
  for (const [i, file] of builds.entries()) handlers.push(await load(file, i));
  const cookie = await signIn(handlers[0]!);
  let gcMs = 0;
  let counting = false;
  new PerformanceObserver((list) => {
    if (counting) for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ["gc"] });

  const times = builds.map(() => [] as number[]);
  const asks = paths.flatMap((page) => builds.map((_, build) => ({ page, build })));
  for (let round = 0; round < rounds; round++) {
    counting = round >= WARM_UP_ROUNDS;
    // A new random order each round: a request pays for the garbage the one before it left.
    for (const { page, build } of [...asks].sort(() => Math.random() - 0.5)) {
      const before = process.cpuUsage();
      const response = await handlers[build]!(new Request(`${ORIGIN}${page}`, { headers: { ...HOST, cookie } }));
      // The bytes, as a socket would take them: decoding them as text was the harness's own cost, up to a fifth of a page.
      await response.arrayBuffer();
      const used = process.cpuUsage(before);
      if (response.status !== 200) throw new Error(`${page} answered ${response.status} (build ${builds[build]})`);
      if (counting) times[build]!.push((used.user + used.system) / 1000);
    }
  }
  console.log(`${paths.length} pages, ${rounds - WARM_UP_ROUNDS} rounds after ${WARM_UP_ROUNDS} to warm up; processor a request:`);
  for (const [i, file] of builds.entries()) console.log(`  ${file}: median ${median(times[i]!).toFixed(2)} ms, mean ${mean(times[i]!).toFixed(2)} ms`);
  console.log(`  garbage collection: ${(gcMs / times.flat().length).toFixed(2)} ms a request (all builds)`);
}

await main();
process.exit(0);
