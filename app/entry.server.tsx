/*
 * Remix's Node entry, with two changes:
 * - the scripts it writes carry the response's CSP nonce, so the
 *   Content-Security-Policy can forbid all others;
 * - the page is rendered whole, then sent as one body. Primed's pages defer
 *   nothing, so streaming them bought no earlier paint, while React's many
 *   2 KB chunks each cost a compression call and a socket write (measured:
 *   about a tenth of a team report's processor time). An error anywhere in
 *   the page now also becomes a 500 rather than a half-sent page. Being
 *   whole, it is compressed whole (app/http/page-compression.server.ts);
 * - parts kept from earlier pages (kept tables, a data text sent in the
 *   page) are joined to React's output as the UTF-8 they were kept as,
 *   where React wrote a stand-in for each (app/http/kept-bytes.server.ts).
 */
import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./http/nonce";
import { FrozenRendererContext } from "./components/ui/frozen";
import { frozenRendererForOnePage } from "./http/frozen-html.server";
import { DataInPageContext } from "./components/ui/data-in-page";
import { pageParts } from "./http/kept-bytes.server";
import { textsInOnePage } from "./http/sent-in-page.server";
import { encodePage } from "./http/page-compression.server";
import { keepFiguresWarm as keepWarm } from "./reports/figures-warm.server";
import { getDb } from "./db.server";

const ABORT_DELAY = 5_000;

/**
 * Called by bin/serve.ts once this process listens: figures every page needs
 * are read here, between requests, at start and after each load, rather than
 * by the first request to need them. Exported from the entry because only the
 * build holds the app's connection and its memory of figures.
 */
export function keepFiguresWarm(log: (line: string) => void): () => void {
  return keepWarm(getDb(), log);
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const parts = pageParts();
    const body = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timer);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        const page = encodePage(request, parts.splice(Buffer.concat(chunks)), responseHeaders);
        resolve(new Response(page, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <FrozenRendererContext.Provider value={frozenRendererForOnePage(parts)}>
          <DataInPageContext.Provider value={textsInOnePage(parts)}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </DataInPageContext.Provider>
        </FrozenRendererContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors in the shell reach Remix through onShellError, which logs them.
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}
