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
 * 21. Counting each process's open connections keeps them even. A process
 * busy for long (its care book brought up to date after a load) is still
 * passed over while another is free, as the cluster's own rule would: one
 * that has not taken a connection handed to it for BUSY_AFTER_MS.
 */
import cluster, { type Worker } from "node:cluster";
import type { Server as HttpServer } from "node:http";
import net from "node:net";

const CONNECTION = "primed:connection";
const TAKEN = "primed:connection-taken";
const CLOSED = "primed:connection-closed";
const READY = "primed:ready";

/**
 * A process that has not taken a connection handed to it this long ago is busy with something long (a care book
 * brought up to date after a load, a report counted live): new connections go to the others while it is. Drawing a
 * page takes a few milliseconds, and a process that busy still takes its share, which is what keeps them even.
 */
export const BUSY_AFTER_MS = 25;

/** What the first process knows of a serving process. */
export interface ServingProcess {
  id: number;
  /** Connections it has open. */
  open: number;
  /** When the oldest connection handed to it and not yet taken was handed over (performance.now()), if any. */
  waitingSince?: number;
}

/**
 * The process to hand a new connection to: of those not busy (see BUSY_AFTER_MS), the one with the fewest open; if
 * every one is busy, the one with the fewest open of all. On a tie, the first listed (the caller lists the one that
 * took a connection longest ago first).
 */
export function chooseProcess<P extends ServingProcess>(processes: readonly P[], now: number): P | undefined {
  const free = processes.filter((each) => each.waitingSince === undefined || now - each.waitingSince < BUSY_AFTER_MS);
  let chosen: P | undefined;
  for (const each of free.length > 0 ? free : processes) if (chosen === undefined || each.open < chosen.open) chosen = each;
  return chosen;
}

interface Known extends ServingProcess {
  worker: Worker;
  /** When each connection handed over and not yet taken was handed, oldest first. */
  handed: number[];
}

/**
 * In the first process: listens on `port` and `host` once every one of `count` serving processes has said it is
 * ready, then hands each connection to the process chooseProcess picks.
 */
export function shareConnections(options: { port: number; host: string; count: number; listening: () => void; failed: (error: Error) => void }): net.Server {
  // In the order they last took a connection, longest ago first: on a tie, processes take turns.
  const known = new Map<number, Known>();
  let listening = false;
  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    const now = performance.now();
    const candidates = [...known.values()].filter((each) => each.worker.isConnected());
    for (const each of candidates) each.waitingSince = each.handed[0];
    const chosen = chooseProcess(candidates, now);
    if (chosen === undefined) {
      // Every serving process is starting again: the browser's retry reaches one that has.
      socket.destroy();
      return;
    }
    chosen.open += 1;
    chosen.handed.push(now);
    known.delete(chosen.id);
    known.set(chosen.id, chosen);
    chosen.worker.send(CONNECTION, socket, { keepOpen: false }, (error) => {
      if (!error) return;
      chosen.open = Math.max(0, chosen.open - 1);
      chosen.handed.shift();
      socket.destroy();
    });
  });
  server.on("error", options.failed);
  cluster.on("message", (worker, message) => {
    const each = known.get(worker.id);
    if (message === TAKEN && each) each.handed.shift();
    if (message === CLOSED && each) each.open = Math.max(0, each.open - 1);
    if (message === READY) {
      known.set(worker.id, { id: worker.id, worker, open: 0, handed: [] });
      if (!listening && known.size >= options.count) {
        listening = true;
        server.listen(options.port, options.host, options.listening);
      }
    }
  });
  cluster.on("exit", (worker) => known.delete(worker.id));
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
    process.send?.(TAKEN);
    // As a listening HTTP server sets its own (Node's `noDelay`): else small writes wait for the client's
    // acknowledgement of the last (Nagle's algorithm), up to 40 ms an answer sent in more than one write.
    socket.setNoDelay(true);
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
