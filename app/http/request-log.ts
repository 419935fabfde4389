import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { currentRequest, type Log } from "./log";

// What a proxy's id looks like (nginx's $request_id is 32 hex digits); anything else is replaced, not logged.
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The id of a request: the proxy's, when it sent a sane one, so its log and Primed's line up; else a new one. */
export function requestIdOf(incoming: string | undefined): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Static files are logged by folder: a file name says nothing an operator needs. */
const staticFolders = ["/build/", "/styles/"];

/**
 * Gives every request an id (answered in X-Request-Id, and carried by any line
 * logged while serving it) and, in the JSON log, one line when it ends: id,
 * method, route pattern, status and time taken. Never the path itself or the
 * query string, which carry people's and workers' references.
 */
export function requestLog(log: Log, routePatternOf: (pathname: string) => string | null): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("X-Request-Id", requestId);
    if (log.format === "json") {
      const started = process.hrtime.bigint();
      const { method, path: pathname } = req;
      res.once("close", () => {
        const folder = staticFolders.find((prefix) => pathname.startsWith(prefix));
        log.info("request", {
          requestId,
          method,
          route: folder ? `${folder}*` : pathname === "/favicon.svg" ? pathname : (routePatternOf(pathname) ?? "(no route)"),
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          // The client went away before the answer was sent.
          ...(res.writableFinished ? {} : { aborted: true }),
        });
      });
    }
    currentRequest.run({ requestId }, next);
  };
}
