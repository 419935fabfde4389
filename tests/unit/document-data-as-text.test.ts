/*
 * A page's own data, written into the page as text, patched
 * (patches/turbo-stream+*.patch, patches/@remix-run+server-runtime+*.patch,
 * patches/@remix-run+react+*.patch): Remix encoded it with turbo-stream to
 * UTF-8 bytes, then its <Scripts> decoded the bytes back to text to write
 * them into the page, in the same process. The document's stream now carries
 * the text itself; a `.data` answer, which goes over the wire, is still bytes.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const turboStream = require("turbo-stream") as { encode: (input: unknown, options?: { asText?: boolean }) => ReadableStream<unknown> };
// Not a public entry: the server runtime's own helper, in the CommonJS build the server loads.
const singleFetch = require(path.join(path.dirname(require.resolve("@remix-run/server-runtime")), "single-fetch.js")) as {
  encodeViaTurboStream: (data: unknown, signal: AbortSignal, streamTimeout: number | undefined, serverMode: string, asText?: boolean) => ReadableStream<unknown>;
};

async function chunksOf(stream: ReadableStream<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return chunks;
}

const bytesAsText = (chunks: unknown[]) => chunks.map((chunk) => new TextDecoder().decode(chunk as Uint8Array)).join("");

// Text beyond ASCII, nested values, a Date and a promise that resolves later: what turbo-stream handles.
const data = () => ({
  team: "Front Door, Brookside",
  cost: "£1,204.50 – a week",
  months: [{ month: "2026-11", due: 12 }],
  at: new Date("2026-12-05T09:00:00Z"),
  later: Promise.resolve({ done: true }),
});

describe("turbo-stream's encode", () => {
  it("gives the same text as its bytes, as text, when asked", async () => {
    const asText = await chunksOf(turboStream.encode(data(), { asText: true }));
    const asBytes = await chunksOf(turboStream.encode(data()));
    expect(asText.every((chunk) => typeof chunk === "string")).toBe(true);
    expect(asBytes.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
    expect(asText.join("")).toBe(bytesAsText(asBytes));
    expect(asText.join("")).toContain("£1,204.50 – a week");
  });
});

describe("Remix's encoding of a page's data", () => {
  it("is text for the document and bytes otherwise, the same either way", async () => {
    const signal = new AbortController().signal;
    const forDocument = await chunksOf(singleFetch.encodeViaTurboStream(data(), signal, undefined, "production", true));
    const forWire = await chunksOf(singleFetch.encodeViaTurboStream(data(), signal, undefined, "production"));
    expect(forDocument.every((chunk) => typeof chunk === "string")).toBe(true);
    expect(forWire.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
    expect(forDocument.join("")).toBe(bytesAsText(forWire));
  });
});
