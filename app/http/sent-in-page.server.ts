/*
 * A page's data text written into the page as an element of its own,
 * `<script type="application/json" id="…">`, when the browser asked for the
 * whole page. Sent with the rest of the page's data, a text went through
 * Remix's data encoding (JSON inside JSON), then was escaped again for the
 * inline script that hands the data to the browser's Remix, and turned into
 * UTF-8, on every request: for the service overview's 99 KB text that was
 * about a quarter of its processor (profiled, issue 22). Here it is escaped
 * once, its `<` only, and kept as UTF-8 for as long as the same text is sent
 * (app/http/kept-bytes.server.ts). A request for the data alone (`.data`,
 * after a click in the page) still gets the text with the rest.
 */
import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { scriptSafe, TEXT_IN_PAGE, type SentAsText, type SentInPage } from "./sent-as-text";
import { bytesKeptByKey, type PageParts } from "./kept-bytes.server";

/**
 * `sent` as this request should carry it: in the page when the browser asked for the page (the load context says
 * so), else as it is. `digest` names the text if the caller has one (sha256, base64url), else it is worked out.
 */
export function sentInThePage<S extends SentAsText<unknown>>(context: AppLoadContext, sent: S, digest?: string): S | (Omit<S, "json"> & SentInPage<ShapeOf<S>>) {
  if (!context.pageRequest) return sent;
  const { json, ...rest } = sent;
  const inPage: SentInPage<ShapeOf<S>> = { inPage: `primed-data-${digest ?? digestOf(json)}`, [TEXT_IN_PAGE]: json };
  return { ...rest, ...inPage };
}

/** The digests of the last texts sent: a team page's text is made again on every request, the same until its figures change. */
const digests = new Map<string, string>();
const DIGESTS_KEPT = 32;

function digestOf(json: string): string {
  // A Map looks a text up by its characters (hashed once, then compared): cheaper than SHA-256 of its UTF-8 again.
  let known = digests.get(json);
  if (known === undefined) {
    known = createHash("sha256").update(json).digest("base64url");
    if (digests.size >= DIGESTS_KEPT) digests.delete(digests.keys().next().value!);
    digests.set(json, known);
  }
  return known;
}

type ShapeOf<S> = S extends SentAsText<infer T> ? T : never;

/** Texts as written into pages, by element id (a digest of the text): a few pages' worth. */
const writtenBytes = bytesKeptByKey(16 * 1024 * 1024);

/** For one page: the element's content for a text sent in it, as a stand-in for its kept bytes. */
export function textsInOnePage(page: PageParts): (sent: SentInPage<unknown>) => string {
  return (sent) => {
    const json = sent[TEXT_IN_PAGE];
    if (json === undefined) throw new Error(`The text of ${sent.inPage} was not handed to the page.`);
    return page.standIn(writtenBytes(sent.inPage, () => Buffer.from(scriptSafe(json))));
  };
}
