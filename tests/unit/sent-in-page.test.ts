/*
 * A page's data text written into the page itself when the browser asked for
 * the page (app/http/sent-in-page.server.ts): Remix's data for the page
 * carries only the element's id, the element holds the text escaped for a
 * script element, and either way the page reads the same data.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { encode } from "turbo-stream";
import { describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { DataInPage, DataInPageContext } from "~/components/ui/data-in-page";
import { pageParts } from "~/http/kept-bytes.server";
import { readSentText, scriptSafe, sendAsText, textInPage } from "~/http/sent-as-text";
import { sentInThePage, textsInOnePage } from "~/http/sent-in-page.server";

const context = (pageRequest?: boolean): AppLoadContext => ({ clientAddress: "127.0.0.1", cspNonce: "n", tooManyRequests: false, pageRequest });
const hostile = { team: { name: "North </script><script>alert(1)</script> <!-- West", slug: "north" }, overdue: [3, null] };

/** What Remix's data encoding sends of a loader's value (it encodes with turbo-stream). */
async function encoded(value: unknown): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  const reader = encode(value).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  return text;
}

describe("a page's data in the page", () => {
  it("is the text as it was for a request for the data alone, or with no word on what was asked", () => {
    const sent = sendAsText(hostile);
    expect(sentInThePage(context(false), sent)).toBe(sent);
    expect(sentInThePage(context(), sent)).toBe(sent);
  });

  it("is, for a page, an id named by the text's digest, the text kept out of Remix's data, and the same data read", async () => {
    const sent = { ...sendAsText(hostile), digest: "abc" };
    const inPage = sentInThePage(context(true), sent, sent.digest);
    expect("json" in inPage).toBe(false);
    if (!("inPage" in inPage)) throw new Error("not in the page");
    expect(inPage).toMatchObject({ inPage: "primed-data-abc", digest: "abc" });
    const remixData = await encoded({ rows: inPage });
    expect(remixData).toContain("primed-data-abc");
    expect(remixData).not.toContain("alert(1)");
    // The server's page reads the loader's own text; another request's object for the same text reads the same data.
    expect(readSentText(inPage)).toEqual(hostile);
    expect(readSentText(sentInThePage(context(true), sendAsText(hostile)))).toBe(readSentText(inPage));
    // Without a digest, one is made from the text: the same text, the same id.
    const [one, other] = [sentInThePage(context(true), sendAsText(hostile)), sentInThePage(context(true), sendAsText(hostile))];
    expect("inPage" in one && "inPage" in other && one.inPage === other.inPage && /^primed-data-[\w-]{43}$/.test(one.inPage)).toBe(true);
  });

  it("is written into its element with no `<` left, so nothing in it can end the element, and reads back as the same data", () => {
    const sent = sentInThePage(context(true), sendAsText(hostile));
    if (!("inPage" in sent)) throw new Error("not in the page");
    const parts = pageParts();
    const html = parts
      .splice(
        Buffer.from(renderToStaticMarkup(createElement(DataInPageContext.Provider, { value: textsInOnePage(parts) }, createElement(DataInPage, { sent })))) as Buffer<ArrayBuffer>,
      )
      .toString();
    const element = /^<script type="application\/json" id="(primed-data-[\w-]+)">(.*)<\/script>$/s.exec(html);
    expect(element?.[1]).toBe(sent.inPage);
    expect(element![2]).not.toContain("<");
    expect(JSON.parse(element![2]!)).toEqual(hostile);
    expect(scriptSafe(element![2]!)).toBe(element![2]);
    // As the browser reads it: from the element, by its id, the same data.
    const browserSent = { inPage: sent.inPage };
    const document = { getElementById: (id: string) => (id === sent.inPage ? { textContent: element![2] } : null) };
    Object.assign(globalThis, { document });
    try {
      expect(textInPage(browserSent)).toBe(element![2]);
      expect(readSentText(browserSent)).toEqual(hostile);
      expect(() => textInPage({ inPage: "primed-data-gone" })).toThrow(/missing from the page/);
    } finally {
      Reflect.deleteProperty(globalThis, "document");
    }
  });

  it("is nothing more in the page when it was sent with the rest of the data", () => {
    expect(renderToStaticMarkup(createElement(DataInPage, { sent: sendAsText(hostile) }))).toBe("");
    // Rendered with no page around it (no writer), the element still holds the text escaped.
    const sent = sentInThePage(context(true), sendAsText(hostile));
    expect(renderToStaticMarkup(createElement(DataInPage, { sent }))).toMatch(/^<script type="application\/json" id="primed-data-[\w-]+">[^<]+<\/script>$/);
  });
});
