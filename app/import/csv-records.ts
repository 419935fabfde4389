/*
 * Streams a CSV file's records with their line numbers, whatever its line
 * endings, quoting or byte order mark. UTF-8 is expected; a file that is not
 * valid UTF-8 is reported so the caller can read it again as Windows-1252
 * (what Excel's plain "CSV" export writes).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";

export type FileEncoding = "utf-8" | "windows-1252";

export class NotUtf8Error extends Error {}

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

export interface CsvRecord {
  fields: string[];
  /** The line of the file the record ends on (the header is line 1). */
  line: number;
}

export async function* csvRecords(
  file: string,
  encoding: FileEncoding,
  onBytes: (bytesRead: number) => void = () => {},
): AsyncGenerator<CsvRecord> {
  const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  source.on("data", (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  const records = source.pipe(new Decode(encoding)).on("error", (error) => parser.destroy(error)).pipe(parser);
  for await (const { record, info } of records as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { fields: record, line: info.lines };
  }
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
