/*
 * Pages are compressed whole as they are rendered (app/http/page-compression.server.ts);
 * everything else still goes through the compression middleware. A browser
 * must receive the same page either way, only smaller, and a client that
 * does not accept gzip must receive it as it is.
 */
import http from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";

let app: RunningApp;
let cookie: string;

beforeAll(async () => {
  app = await startApp();
  cookie = await signInOverHttp(app.url, ...demoCredentials("team_manager"));
});

afterAll(async () => {
  await app?.stop();
});

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent, not decoded. */
  body: Buffer;
}

/** fetch would decode the body itself; this keeps it as the server sent it. */
function getRaw(path: string, acceptEncoding: string | undefined): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { cookie };
    if (acceptEncoding !== undefined) headers["accept-encoding"] = acceptEncoding;
    const request = http.get(`${app.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** Each response has its own CSP nonce; apart from it the page is the same. */
const withoutNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/'nonce-[^']*'/g, "'nonce-'");

const decoders = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync };

describe("a page", () => {
  // What Chromium and Firefox send, then what older or simpler clients send.
  const asked: [string, keyof typeof decoders][] = [
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    ["gzip", "gzip"],
    ["deflate", "deflate"],
    ["br;q=0.5, gzip", "gzip"],
  ];
  it.each(asked)("asked with Accept-Encoding %j is sent as %s, and is the same page once decoded", async (acceptEncoding, encoding) => {
    const compressed = await getRaw("/teams/north-locality", acceptEncoding);
    const plain = await getRaw("/teams/north-locality", undefined);
    expect(compressed.status).toBe(200);
    expect(compressed.headers["content-encoding"]).toBe(encoding);
    expect(compressed.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(compressed.headers["content-length"])).toBe(compressed.body.length);
    expect(compressed.headers["cache-control"]).toBe("no-store");
    expect(compressed.headers["content-security-policy"]).toMatch(/'nonce-/);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const decoded = decoders[encoding](compressed.body).toString("utf8");
    expect(decoded).toContain("North Locality");
    expect(withoutNonces(decoded)).toBe(withoutNonces(plain.body.toString("utf8")));
    expect(compressed.body.length).toBeLessThan(plain.body.length / 3);
  });

  it("is sent as it is when nothing it could be compressed with is accepted", async () => {
    for (const refusal of ["identity", "gzip;q=0", "zstd"]) {
      const answer = await getRaw("/teams/north-locality", refusal);
      expect(answer.status, refusal).toBe(200);
      expect(answer.headers["content-encoding"], refusal).toBeUndefined();
      expect(answer.body.toString("utf8"), refusal).toContain("North Locality");
    }
  });

  it("that is an error is compressed too", async () => {
    const missing = await getRaw("/teams/no-such-team", "gzip");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(missing.body).toString("utf8")).toContain("<html");
  });
});

describe("what is not a page", () => {
  it("is still compressed by the middleware, alike", async () => {
    for (const path of ["/teams/north-locality.data", "/teams/north-locality/report.csv"]) {
      const gzipped = await getRaw(path, "gzip");
      expect(gzipped.status, path).toBe(200);
      expect(gzipped.headers["content-encoding"], path).toBe("gzip");
      // Decoded once, the body is what the route wrote, not gzip again.
      expect(
        gunzipSync(gzipped.body)
          .subarray(0, 2)
          .equals(Buffer.from([0x1f, 0x8b])),
        path,
      ).toBe(false);
      const brotli = await getRaw(path, "gzip, deflate, br, zstd");
      expect(brotli.headers["content-encoding"], path).toBe("br");
      expect(brotliDecompressSync(brotli.body).toString("utf8"), path).toBe(gunzipSync(gzipped.body).toString("utf8"));
    }
  });
});
