/*
 * Page parts rendered once and kept (app/http/frozen-html.server.ts): the
 * HTML is React's own for the part, reused only for the same data.
 */
import { createElement, Fragment } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { frozenHtml, frozenRendererForOnePage } from "~/http/frozen-html.server";
import { pageParts } from "~/http/kept-bytes.server";
import { readSentText, sendAsText } from "~/http/sent-as-text";

let renders = 0;

/** A table body drawn from its rows, counting how often React renders it. */
function Rows({ rows }: { rows: { name: string; count: number }[] }) {
  renders += 1;
  return createElement(
    Fragment,
    null,
    rows.map((r) => createElement("tr", { key: r.name }, createElement("th", null, r.name, " (", r.count, ")"), createElement("td", null, r.count))),
  );
}

describe("a part rendered once for the same data", () => {
  it("is React's own markup for the part, text markers included, so the browser's React hydrates it", () => {
    const rows = [{ name: "North <Locality>", count: 3 }];
    const element = createElement(Rows, { rows });
    const html = frozenHtml("test-markup", rows, element);
    expect(html).toBe(renderToString(element));
    expect(html).toContain("North &lt;Locality&gt;<!-- --> (<!-- -->3<!-- -->)");
  });

  it("is rendered again only when its data changes, whoever asks, and never mixed up with another part's", () => {
    renders = 0;
    const rows = () => [
      { name: "North", count: 3 },
      { name: "South", count: 5 },
    ];
    const first = frozenHtml("test-reuse", rows(), createElement(Rows, { rows: rows() }));
    // The same figures in new objects (another request, another person): the kept HTML, without rendering.
    expect(frozenHtml("test-reuse", rows(), createElement(Rows, { rows: rows() }))).toBe(first);
    expect(renders).toBe(1);
    // One figure changed: rendered again, and the new figure is in it.
    const changed = [{ name: "North", count: 4 }, rows()[1]!];
    const second = frozenHtml("test-reuse", changed, createElement(Rows, { rows: changed }));
    expect(renders).toBe(2);
    expect(second).toContain("<td>4</td>");
    expect(second).not.toBe(first);
    // Another part drawn from the same data has its own HTML.
    frozenHtml("test-other-part", rows(), createElement(Rows, { rows: [] }));
    expect(renders).toBe(3);
    expect(frozenHtml("test-reuse", rows(), createElement(Rows, { rows: rows() }))).toBe(first);
    expect(renders).toBe(3);
  });

  it("a page's renderer digests an object its parts share once; the next page digests it afresh", () => {
    renders = 0;
    const rows = [{ name: "East", count: 1 }];
    const page = frozenRendererForOnePage();
    const table = page("test-page", [rows, "2026-11"], createElement(Rows, { rows }));
    page("test-page-other", [rows, "2026-11"], createElement(Rows, { rows }));
    expect(renders).toBe(2);
    // Another page with the same figures in new objects: the kept HTML.
    expect(frozenRendererForOnePage()("test-page", [[{ name: "East", count: 1 }], "2026-11"], createElement(Rows, { rows }))).toBe(table);
    expect(renders).toBe(2);
    // Another month: another part.
    frozenRendererForOnePage()("test-page", [rows, "2026-10"], createElement(Rows, { rows }));
    expect(renders).toBe(3);
    // The same array changed between pages (figures are never changed in place, but nothing relies on it): digested afresh.
    rows[0]!.count = 2;
    const changed = frozenRendererForOnePage()("test-page", [rows, "2026-11"], createElement(Rows, { rows }));
    expect(renders).toBe(4);
    expect(changed).toContain("<td>2</td>");
  });

  it("draws a part given as a function only when it is not kept", () => {
    renders = 0;
    let drawn = 0;
    const rows = [{ name: "West", count: 7 }];
    const part = () => {
      drawn += 1;
      return createElement(Rows, { rows });
    };
    const first = frozenHtml("test-function", rows, part);
    expect(first).toBe(renderToString(createElement(Rows, { rows })));
    expect(frozenHtml("test-function", [{ name: "West", count: 7 }], part)).toBe(first);
    expect(drawn).toBe(1);
    frozenHtml("test-function", [{ name: "West", count: 8 }], part);
    expect(drawn).toBe(2);
  });

  it("keys on a page's data as read from its sent text by the text, digested once for every page that sent it", () => {
    renders = 0;
    const rows = [{ name: "Sent", count: 6 }];
    const sent = readSentText(sendAsText({ rows }));
    const stringify = vi.spyOn(JSON, "stringify");
    try {
      const first = frozenRendererForOnePage()("test-sent", sent, createElement(Rows, { rows: sent.rows }));
      const calls = stringify.mock.calls.length;
      // Another page, the same text: the same object, its digest known, the kept HTML.
      const again = readSentText(sendAsText({ rows }));
      expect(again).toBe(sent);
      expect(frozenRendererForOnePage()("test-sent", again, createElement(Rows, { rows: again.rows }))).toBe(first);
      expect(stringify.mock.calls.length - calls).toBe(1); // sendAsText's own, none for the digest
      expect(renders).toBe(1);
    } finally {
      stringify.mockRestore();
    }
    // Other figures sent: another text, rendered again.
    const other = readSentText(sendAsText({ rows: [{ name: "Sent", count: 7 }] }));
    const html = frozenRendererForOnePage()("test-sent", other, createElement(Rows, { rows: other.rows }));
    expect(renders).toBe(2);
    expect(html).toContain("<td>7</td>");
  });

  it("is written into a page as a stand-in for its kept bytes, which the page puts back as the same HTML", () => {
    const rows = [{ name: "Ōtautahi & <South>", count: 4 }];
    const html = frozenHtml("test-bytes", rows, createElement(Rows, { rows }));
    const parts = pageParts();
    const standIn = frozenRendererForOnePage(parts)("test-bytes", rows, createElement(Rows, { rows }));
    expect(standIn).not.toContain("South");
    expect(parts.splice(Buffer.from(`<table><tbody>${standIn}</tbody></table>`) as Buffer<ArrayBuffer>).toString()).toBe(`<table><tbody>${html}</tbody></table>`);
  });
});
