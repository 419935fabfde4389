/*
 * The server's memory of rendered page parts (app/components/ui/frozen.tsx),
 * keyed by what they are and a digest of the data they are drawn from. Each
 * serving process keeps up to 64 MB of HTML, the least recently used going
 * first: the service overview's two tables are about 0.5 MB, a team page's
 * about 0.1 MB, so this holds the pages of a morning's meetings. Kept as
 * UTF-8, as they are sent: a page puts them in as they are
 * (app/http/kept-bytes.server.ts).
 */
import { createHash } from "node:crypto";
import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { sentTextOf } from "./sent-as-text";
import { bytesKeptByKey, type PageParts } from "./kept-bytes.server";

/** A part, or a function that draws it (drawn only when not kept): as components/ui/frozen.tsx hands it over. */
type FrozenPart = ReactElement | (() => ReactElement);

const keptParts = bytesKeptByKey(64 * 1024 * 1024);

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/**
 * The HTML of `part`, rendered as the page around it would render it (with
 * React's markers between text, so the browser's React hydrates it as its
 * own), once for each distinct `deps`: a page of one part.
 */
export function frozenHtml(what: string, deps: unknown, part: FrozenPart): string {
  return frozenRendererForOnePage()(what, deps, part);
}

/**
 * A renderer for one page: as frozenHtml, but each object among a part's deps
 * (`[rows, month, report]`) is digested once for the page, however many parts
 * share it (the overview's three parts share its 120 rows, 175 KB of JSON).
 * Only within one page: nothing is assumed of an object from one request to
 * the next. Given the page's kept parts, a part is written as a stand-in for
 * its kept bytes; without, as its HTML.
 */
export function frozenRendererForOnePage(page?: PageParts): (what: string, deps: unknown, part: FrozenPart) => string {
  const digests = new WeakMap<object, string>();
  const digestOf = (value: unknown): string => {
    if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
    let known = digests.get(value) ?? sentDigestOf(value);
    if (known === undefined) {
      known = digest(JSON.stringify(value));
      digests.set(value, known);
    }
    return known;
  };
  return (what, deps, part) => {
    const html = keptOrRendered(`${what}:${Array.isArray(deps) ? deps.map(digestOf).join("|") : digestOf(deps)}`, part);
    return page ? page.standIn(html) : html.toString();
  };
}

/**
 * A page's whole data as readSentText read it (the same object for every page that sent the same text) is digested
 * once, from its text, not once a page: a team page's parts took its figures through JSON and a hash on every
 * request. Safe across requests because that object is wholly its text and is never changed (sent-as-text.ts).
 */
const sentDigests = new WeakMap<object, string>();

function sentDigestOf(value: object): string | undefined {
  let known = sentDigests.get(value);
  if (known === undefined) {
    const text = sentTextOf(value);
    if (text === undefined) return undefined;
    known = `sent:${digest(text)}`;
    sentDigests.set(value, known);
  }
  return known;
}

function keptOrRendered(key: string, part: FrozenPart): Buffer {
  return keptParts(key, () => Buffer.from(renderToString(typeof part === "function" ? part() : part)));
}
