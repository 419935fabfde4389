import type { Server } from "node:http";

/** How long requests in flight may take to finish once Primed is asked to stop. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops taking connections and lets the requests in flight finish. Resolves
 * when they have, or after `graceMs`, cutting off the ones still running
 * (a stuck request must not keep a restart waiting for ever).
 */
export function closeGracefully(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<{ cutOff: boolean }> {
  return new Promise((resolve) => {
    // A browser's kept-alive connection, idle once its answer is sent, would otherwise hold the server open until it times out.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
    const timer = setTimeout(() => {
      clearInterval(closeIdle);
      server.closeAllConnections();
      resolve({ cutOff: true });
    }, graceMs);
    server.close(() => {
      clearInterval(closeIdle);
      clearTimeout(timer);
      resolve({ cutOff: false });
    });
  });
}
