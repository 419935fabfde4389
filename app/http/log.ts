/*
 * The server's log. In production (npm run start:prod) every line is one JSON
 * object on standard output, for journald or a log collector; under `npm
 * start` the same messages are plain lines for a person at a terminal, and
 * requests are not logged one by one.
 *
 * Never give it personal data: no emails, names, request bodies, query
 * strings or cookies. Requests are logged by route pattern (request-log.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";

export type LogFormat = "json" | "text";
type Level = "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null>;

export interface Log {
  readonly format: LogFormat;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** The request being served, so a line logged while serving it names it. */
export const currentRequest = new AsyncLocalStorage<{ requestId: string }>();

export function createLog(logFormat: LogFormat): Log {
  const entry =
    (level: Level) =>
    (message: string, fields: LogFields = {}) => {
      if (logFormat === "text") {
        (level === "info" ? process.stdout : process.stderr).write(`${message}\n`);
        return;
      }
      const requestId = currentRequest.getStore()?.requestId;
      process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, pid: process.pid, ...(requestId ? { requestId } : {}), msg: message, ...fields })}\n`);
    };
  return { format: logFormat, info: entry("info"), warn: entry("warn"), error: entry("error") };
}

/**
 * Sends console.error and console.warn (Remix reports a failed loader there)
 * through the JSON log, so every line of a production log parses.
 */
export function routeConsoleTo(log: Log) {
  console.error = (...args: unknown[]) => log.error(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.log = (...args: unknown[]) => log.info(format(...args));
  console.info = console.log;
}
