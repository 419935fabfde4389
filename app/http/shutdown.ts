import type { Server } from "node:http";

/** How long requests in flight may take to finish once Primed is asked to stop. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops taking connections and lets the requests in flight finish. Resolves
 * when they have, or after `graceMs`, cutting off the ones still running
 * (a stuck request must not keep a restart waiting for ever).
 */
export function closeGracefully(server: Server, graceMs = SHUTDOWN_GRACE_MS, openConnections?: () => number): Promise<{ cutOff: boolean }> {
  return new Promise((resolve) => {
    const done = () => {
      clearInterval(closeIdle);
      clearTimeout(timer);
      resolve({ cutOff: false });
    };
    // A browser's kept-alive connection, idle once its answer is sent, would otherwise hold the server open until it times out.
    const closeIdle = setInterval(() => {
      server.closeIdleConnections();
      // A server handed its connections (app/http/shared-connections.ts) never listened: Node's close does not wait for them.
      if (openConnections?.() === 0) done();
    }, 100);
    const timer = setTimeout(() => {
      clearInterval(closeIdle);
      server.closeAllConnections();
      resolve({ cutOff: true });
    }, graceMs);
    server.close(() => {
      if (openConnections === undefined) done();
    });
  });
}
