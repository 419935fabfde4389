/*
 * How the serving processes share the port's connections (bin/serve.ts). The
 * first process listens, and hands each new connection to the serving process
 * with the fewest open, which answers every request on it.
 *
 * Node's cluster hands a connection to whichever process is first free to take
 * it, and a process busy with a page is not free: ten connections opened
 * together while the first pages were drawn went seven to one process and
 * three to the other (measured, issue 22), and, kept alive, stayed so. A
 * browser keeps its connections for minutes, so one process queued more than
 * twice the requests of the other: its pages took 46 ms on average against
 * 21. Counting each process's open connections keeps them even whatever each
 * is doing when a connection arrives.
 */
import cluster, { type Worker } from "node:cluster";
import type { Server as HttpServer } from "node:http";
import net from "node:net";

const CONNECTION = "primed:connection";
const CLOSED = "primed:connection-closed";
const READY = "primed:ready";

/**
 * In the first process: listens on `port` and `host` once every one of `count` serving processes has said it is
 * ready, then hands each connection to the one with the fewest open (the longest-waiting first, on a tie).
 */
export function shareConnections(options: { port: number; host: string; count: number; listening: () => void; failed: (error: Error) => void }): net.Server {
  const open = new Map<number, number>();
  const ready = new Set<number>();
  let listening = false;
  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    let chosen: Worker | undefined;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker || !ready.has(worker.id) || !worker.isConnected()) continue;
      if (chosen === undefined || open.get(worker.id)! < open.get(chosen.id)!) chosen = worker;
    }
    if (chosen === undefined) {
      // Every serving process is starting again: the browser's retry reaches one that has.
      socket.destroy();
      return;
    }
    const worker = chosen;
    open.set(worker.id, open.get(worker.id)! + 1);
    // Last among equals next time: with no connections open, processes take turns.
    ready.delete(worker.id);
    ready.add(worker.id);
    worker.send(CONNECTION, socket, { keepOpen: false }, (error) => {
      if (!error) return;
      open.set(worker.id, Math.max(0, open.get(worker.id)! - 1));
      socket.destroy();
    });
  });
  server.on("error", options.failed);
  cluster.on("message", (worker, message) => {
    if (message === CLOSED) open.set(worker.id, Math.max(0, (open.get(worker.id) ?? 1) - 1));
    if (message === READY) {
      open.set(worker.id, 0);
      ready.add(worker.id);
      if (!listening && ready.size >= options.count) {
        listening = true;
        server.listen(options.port, options.host, options.listening);
      }
    }
  });
  cluster.on("exit", (worker) => {
    ready.delete(worker.id);
    open.delete(worker.id);
  });
  return server;
}

/**
 * In a serving process: answers the connections the first process hands it with `server`, which does not listen
 * itself. Returns how many are open, for a graceful stop (app/http/shutdown.ts).
 */
export function takeConnections(server: HttpServer): { open(): number } {
  const sockets = new Set<net.Socket>();
  // Node starts its checks of slow requests (headersTimeout, requestTimeout) and its list of idle connections
  // (closeIdleConnections) when a server starts listening: this one never does, so it is told it has.
  server.emit("listening");
  process.on("message", (message, socket) => {
    if (message !== CONNECTION || !(socket instanceof net.Socket)) return;
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      if (process.connected) process.send?.(CLOSED);
    });
    server.emit("connection", socket);
    socket.resume();
  });
  process.send?.(READY);
  return { open: () => sockets.size };
}
