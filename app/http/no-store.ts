/*
 * Nothing Primed answers from the app itself may be kept by a browser's
 * cache, a proxy or a shared machine's disk: pages, `.data` requests, CSV
 * files, meeting packs and calendar feeds carry person references and case
 * detail, and a cached copy outlives signing out. Rather than trust each
 * route to say so, the server says it for all of them, here, once. Only the
 * static files (fingerprinted scripts under /build/, the style sheet and the
 * icon, which carry nothing about anyone) are served before this and keep
 * their own caching. Used by the Express server in bin/serve.ts.
 */
import type { RequestHandler, Response } from "express";

export const NO_STORE = "no-store";

/**
 * Marks every answer that passes it `Cache-Control: no-store`, whatever a
 * route set: the header is written as the status line goes out (Node calls
 * writeHead for every answer, explicit or implied), so a route's own
 * `Cache-Control` (Remix's adapter appends it later) cannot loosen it.
 */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      this.setHeader("Cache-Control", NO_STORE);
      // Headers handed to writeHead itself would override setHeader's: none of Express, compression or Remix's
      // adapter passes any, but a Cache-Control there must not win either.
      const headers = args.find((arg, i) => i > 0 && typeof arg === "object" && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
      if (headers) for (const name of Object.keys(headers)) if (name.toLowerCase() === "cache-control") headers[name] = NO_STORE;
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as Response["writeHead"];
    next();
  };
}
