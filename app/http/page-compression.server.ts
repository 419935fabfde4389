/*
 * How Primed compresses what it sends, in one place.
 *
 * A page is rendered whole before it is sent (app/entry.server.tsx), so it is
 * compressed whole too, here, in one synchronous call. The `compression`
 * middleware (bin/serve.ts) compresses a stream instead: a zlib stream made
 * for every response, fed on the thread pool, its output written to the
 * socket piece by piece. Profiled under load (2026-12-05) the stream and its
 * writes were about a tenth of a worker view's processor time; one call for
 * the whole page took the worker view from about 9.4 to 7.8 ms a request and
 * the team report from 10.4 to 8.1 ms. The middleware leaves an answer that
 * is already encoded alone and still compresses everything else (the `.data`
 * answers, CSV files, static files), with the same settings and choices.
 */
import { brotliCompressSync, constants, deflateSync, gzipSync } from "node:zlib";
import type { CompressionOptions } from "compression";
import Negotiator from "negotiator";

/** Answers smaller than this gain too little to be worth it (the middleware's own default). */
const THRESHOLD_BYTES = 1024;
/** gzip and deflate: most of the saving for a third of the processor time of the default level. */
const ZLIB_LEVEL = 1;
/**
 * Brotli, which browsers prefer, at its fastest quality: half the processor
 * of quality 3 for 10 to 15% more bytes, still fewer than gzip's level 1
 * sends (measured 2026-12-05 on the large council's pages: a worker view 0.11
 * ms and 11.9 KB against 0.23 ms and 10.7 KB at quality 3, gzip 0.20 ms and
 * 12.3 KB; a team report 0.23 against 0.44 ms; the service overview 0.71
 * against 1.75 ms). The middleware's default, 4, costs four times as much.
 */
const BROTLI_QUALITY = 1;
/** The middleware's encodings and its order of preference when a browser accepts several equally. */
const ENCODINGS = ["br", "gzip", "deflate", "identity"];
const PREFERRED = ["br", "gzip"];

type Encoding = "br" | "gzip" | "deflate";

/** The middleware's settings (bin/serve.ts), so that everything Primed sends is compressed alike. */
export const compressionOptions: CompressionOptions = { level: ZLIB_LEVEL, brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } } };

/** The encoding a request's Accept-Encoding asks for, chosen as the middleware chooses; undefined to send it as it is. */
export function chosenEncoding(acceptEncoding: string | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const negotiator = new Negotiator({ headers: { "accept-encoding": acceptEncoding } });
  // negotiator 0.6.4 takes the order of preference as a second argument; its types do not say so yet.
  const chosen = (negotiator.encoding as (available: string[], preferred: string[]) => string | undefined)(ENCODINGS, PREFERRED);
  return chosen === "br" || chosen === "gzip" || chosen === "deflate" ? chosen : undefined;
}

// zlib's results are Buffers over a plain ArrayBuffer, which a Response takes as its body.
function compress(body: Buffer, encoding: Encoding): Buffer<ArrayBuffer> {
  if (encoding === "br") {
    return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }) as Buffer<ArrayBuffer>;
  }
  return (encoding === "gzip" ? gzipSync(body, { level: ZLIB_LEVEL }) : deflateSync(body, { level: ZLIB_LEVEL })) as Buffer<ArrayBuffer>;
}

/**
 * The page's body as it should be sent in answer to this request, with the
 * headers that say so; always `Vary: Accept-Encoding`, since the same
 * address can be sent either way. A HEAD request's answer is left as it is,
 * as the middleware leaves it.
 */
export function encodePage(request: Request, body: Buffer<ArrayBuffer>, headers: Headers): Buffer<ArrayBuffer> {
  headers.append("Vary", "Accept-Encoding");
  if (request.method === "HEAD" || body.length < THRESHOLD_BYTES || headers.has("Content-Encoding")) return body;
  const encoding = chosenEncoding(request.headers.get("Accept-Encoding"));
  if (!encoding) return body;
  const compressed = compress(body, encoding);
  headers.set("Content-Encoding", encoding);
  headers.set("Content-Length", String(compressed.length));
  return compressed;
}
