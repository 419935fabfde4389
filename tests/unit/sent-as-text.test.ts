/* A page's data sent as one JSON text (app/http/sent-as-text.ts): the same data back, read once for the same text. */
import { describe, expect, it } from "vitest";
import { readSentText, sendAsText } from "~/http/sent-as-text";

describe("a page's data sent as one text", () => {
  it("comes back as the same data", () => {
    const data = { team: { name: "North & West <Locality>", slug: "north" }, months: [{ month: "2026-11", overdue: 3, onTime: null }], worker: null };
    const sent = sendAsText(data);
    expect(typeof sent.json).toBe("string");
    expect(readSentText(sent)).toEqual(data);
  });

  it("is read once for the same text, whichever request sent it, and afresh for another", () => {
    const first = readSentText(sendAsText({ figures: [1, 2, 3] }));
    expect(readSentText(sendAsText({ figures: [1, 2, 3] }))).toBe(first);
    expect(readSentText(sendAsText({ figures: [1, 2, 4] }))).toEqual({ figures: [1, 2, 4] });
  });
});
