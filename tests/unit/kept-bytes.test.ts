/*
 * A page's kept parts joined to React's output as bytes
 * (app/http/kept-bytes.server.ts): each stand-in React wrote becomes exactly
 * the bytes it stood for, whatever else the page holds.
 */
import { describe, expect, it } from "vitest";
import { pageParts } from "~/http/kept-bytes.server";

const page = (html: string) => Buffer.from(html) as Buffer<ArrayBuffer>;

describe("a page's kept parts", () => {
  it("are put where React wrote their stand-ins, in order, as the UTF-8 they were kept as", () => {
    const parts = pageParts();
    const table = Buffer.from("<tr><td>Ōtautahi – café</td></tr>");
    const data = Buffer.from('{"name":"North \\u003c/script>"}');
    const html = `<table>${parts.standIn(table)}</table><p>naïve</p><script type="application/json">${parts.standIn(data)}</script>`;
    expect(parts.splice(page(html)).toString()).toBe(`<table>${table}</table><p>naïve</p><script type="application/json">${data}</script>`);
  });

  it("are the same part twice when React wrote its stand-in twice, and leave a page without stand-ins as it is", () => {
    const parts = pageParts();
    const once = parts.standIn(Buffer.from("<li>one</li>"));
    expect(parts.splice(page(`<ul>${once}${once}</ul>`)).toString()).toBe("<ul><li>one</li><li>one</li></ul>");
    const none = page("<p>No parts</p>");
    expect(pageParts().splice(none)).toBe(none);
  });

  it("are never taken from another page, nor from text that only looks like a stand-in", () => {
    const first = pageParts();
    const second = pageParts();
    const standIn = first.standIn(Buffer.from("<td>first page</td>"));
    second.standIn(Buffer.from("<td>second page</td>"));
    // The stand-in's form is no secret within a process, but each page numbers its own parts: a page given another
    // page's stand-in gets its own part of that number, never the other page's.
    expect(second.splice(page(standIn)).toString()).toBe("<td>second page</td>");
    // A stand-in with no part behind it is a page that is not what React was given: refused, not sent half made.
    const secondPart = second.standIn(Buffer.from("<td>second page, second part</td>"));
    expect(() => first.splice(page(`${standIn}${secondPart}`))).toThrow(/missing/);
    const looksLike = page("<p>&lt;!--primed-kept-0--&gt;</p>");
    expect(first.splice(looksLike).toString()).toBe("<p>&lt;!--primed-kept-0--&gt;</p>");
  });
});
