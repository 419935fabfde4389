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
