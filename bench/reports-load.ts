/*
 * Load at a fixed number of connections with autocannon, timing every
 * response ourselves: autocannon's histogram has no p95, and its latency
 * figures count failed responses alongside good ones.
 */
import autocannon from "autocannon";

export interface LoadOptions {
  origin: string;
  /** Paths asked for in turn across all connections, so no single cached page flatters the figure. */
  paths: string[];
  cookie: string;
  seconds: number;
  connections: number;
}

export interface LoadResult {
  /** Milliseconds, one per 2xx response. */
  times: number[];
  /** Responses that were not 2xx, by status; timeouts and socket errors under 0. */
  errors: Map<number, number>;
  errorCount: number;
}

/**
 * What Chromium asks for (Firefox the same, without zstd): a page's cost includes compressing it as browsers
 * want it, which is Brotli, not the gzip that simpler clients ask for (app/http/page-compression.server.ts).
 */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

/** Long enough that a slow page shows up as slow rather than as an error. */
const REQUEST_TIMEOUT_S = 60;
const TIMEOUT_STATUS = 0;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const errors = new Map<number, number>();
  const addError = (status: number) => errors.set(status, (errors.get(status) ?? 0) + 1);
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        duration: options.seconds,
        timeout: REQUEST_TIMEOUT_S,
        headers: {
          cookie: options.cookie,
          accept: "text/html,text/csv,*/*",
          // A browser asks for compressed responses, and the app compresses: that is part of a page's cost.
          "accept-encoding": BROWSER_ACCEPT_ENCODING,
        },
        // One shared counter: each new request takes the next path, whichever connection sends it.
        requests: [{ setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length]! }) }],
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
      else addError(statusCode);
    });
    instance.on("reqError", () => addError(TIMEOUT_STATUS));
  });
  return { times, errors, errorCount: [...errors.values()].reduce((a, b) => a + b, 0) };
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles: the smallest time at or under which p% of the responses fell. */
export function percentiles(times: number[]): Percentiles | undefined {
  if (times.length === 0) return undefined;
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1)! };
}

export function describeErrors(result: LoadResult): string {
  if (result.errorCount === 0) return "none";
  return [...result.errors].map(([status, n]) => `${n} x ${status === TIMEOUT_STATUS ? "timeout/socket error" : status}`).join(", ");
}
