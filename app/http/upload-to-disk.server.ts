/*
 * An upload's file part, streamed to a file of the app's choosing. Remix's
 * own handler (unstable_createFileUploadHandler) writes without listening
 * for the write stream's errors: a full disk (ENOSPC) was an uncaught
 * exception that stopped the whole server process. Here any error of the
 * stream, or a file too large, rejects the upload, with the part-written
 * file removed, and the process carries on.
 */
import fs from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { MaxPartSizeExceededError, NodeOnDiskFile, type UploadHandler } from "@remix-run/node";

export interface UploadToDiskOptions {
  /** The form field holding the file. */
  field: string;
  /** Where to save it. */
  file: string;
  maxPartSize: number;
  /** Called with the name the file had on the person's computer. */
  onFileName?: (fileName: string) => void;
  /** The stream that writes the file: a seam for the tests' full disk. */
  createStream?: (file: string) => Writable;
}

export function uploadToDisk({ field, file, maxPartSize, onFileName, createStream = (f) => fs.createWriteStream(f) }: UploadToDiskOptions): UploadHandler {
  return async ({ name, filename, contentType, data }) => {
    if (name !== field || !filename) return undefined;
    onFileName?.(filename);
    let size = 0;
    async function* limited() {
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > maxPartSize) throw new MaxPartSizeExceededError(name, maxPartSize);
        yield chunk;
      }
    }
    try {
      await pipeline(Readable.from(limited()), createStream(file));
    } catch (error) {
      await fs.promises.rm(file, { force: true });
      throw error;
    }
    return new NodeOnDiskFile(file, contentType) as unknown as File;
  };
}

/** A request's body went past the largest size taken: nothing more of it was read. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes`);
  }
}

/**
 * A request's whole body (not a form: the feed's CSV), streamed to `file` as
 * it arrives, never held in memory whole. Stops reading, removes the
 * part-written file and throws BodyTooLarge as soon as it passes `maxBytes`;
 * any error of the stream (a full disk, the client gone) removes it too.
 * Resolves with the number of bytes written.
 */
export async function bodyToDisk(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null,
  file: string,
  maxBytes: number,
  createStream: (file: string) => Writable = (f) => fs.createWriteStream(f),
): Promise<number> {
  let size = 0;
  // Not cancelled when the limit is passed: cancelling the request's stream would destroy its socket before the
  // refusal could be sent. The answer goes out, and the server then drops the rest (the route says Connection: close).
  const chunks = body instanceof ReadableStream ? (body as unknown as { values(o: { preventCancel: boolean }): AsyncIterable<Uint8Array> }).values({ preventCancel: true }) : body;
  async function* limited() {
    if (!chunks) return;
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new BodyTooLarge(maxBytes);
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(limited()), createStream(file));
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    throw error;
  }
  return size;
}
