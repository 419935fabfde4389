/*
 * Parts of a page kept as UTF-8 bytes, put into the page after React has
 * rendered the rest. A kept part's HTML (app/http/frozen-html.server.ts) or a
 * page's data text (app/http/sent-in-page.server.ts) is the same from one
 * request to the next, yet written into React's output as a string it was
 * turned into UTF-8 again on every request: for the service overview's 0.7 MB
 * page that, with the data text's escaping, was about a third of its
 * processor (profiled, issue 22). React writes a short stand-in instead, and
 * the page's bytes are joined with the kept ones once it is whole
 * (app/entry.server.tsx).
 */
import { randomBytes } from "node:crypto";

/**
 * The stand-in's start. An HTML comment, so a page sent without its parts (never: see splice) would still be valid
 * HTML; with a random part made at start, so no text of anyone's could ever be mistaken for one (React escapes
 * every `<` of a text anyway).
 */
const MARK = Buffer.from(`<!--primed-kept-${randomBytes(12).toString("base64url")}-`);
const END = Buffer.from("-->");

/** One page's kept parts. */
export interface PageParts {
  /** What React writes where `bytes` go. */
  standIn(bytes: Buffer): string;
  /** The page with each stand-in replaced by its bytes. */
  splice(page: Buffer<ArrayBuffer>): Buffer<ArrayBuffer>;
}

export function pageParts(): PageParts {
  const kept: Buffer[] = [];
  return {
    standIn(bytes) {
      kept.push(bytes);
      return `${MARK.toString("latin1")}${kept.length - 1}${END.toString("latin1")}`;
    },
    splice(page) {
      if (kept.length === 0) return page;
      const pieces: Buffer[] = [];
      let from = 0;
      for (let at = page.indexOf(MARK, from); at >= 0; at = page.indexOf(MARK, from)) {
        const end = page.indexOf(END, at + MARK.length);
        const part = kept[Number(page.toString("latin1", at + MARK.length, end))];
        // A stand-in is only ever written by standIn: one not found means the page is not what React was given.
        if (end < 0 || part === undefined) throw new Error("A page's kept part is missing from its page.");
        pieces.push(page.subarray(from, at), part);
        from = end + END.length;
      }
      pieces.push(page.subarray(from));
      return Buffer.concat(pieces);
    },
  };
}

/**
 * A memory of bytes by key, up to `maxBytes`, the least recently used going first: what a page's kept parts are
 * kept in between pages (frozen-html.server.ts, sent-in-page.server.ts).
 */
export function bytesKeptByKey(maxBytes: number): (key: string, make: () => Buffer) => Buffer {
  const kept = new Map<string, Buffer>();
  let bytes = 0;
  return (key, make) => {
    let value = kept.get(key);
    if (value !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      kept.delete(key);
      kept.set(key, value);
      return value;
    }
    value = make();
    kept.set(key, value);
    bytes += value.length;
    for (const [oldest, each] of kept) {
      if (bytes <= maxBytes) break;
      kept.delete(oldest);
      bytes -= each.length;
    }
    return value;
  };
}
