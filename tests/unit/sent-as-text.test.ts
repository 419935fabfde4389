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

describe("a list of objects of one shape, sent as the shape once (shapesOnce)", () => {
  /** What the page would have had from JSON: the data as a JSON round trip leaves it. */
  const asJson = (data: unknown) => JSON.parse(JSON.stringify(data)) as unknown;

  it("comes back as the same data, nested objects, lists, nulls, empty objects and left-out undefined values included", () => {
    const rows = [
      {
        team: { id: 1, name: "North" },
        now: { allocated: 3, onTime: null },
        changes: { allocated: { previous: -1, notCompared: false } },
        trend: [1, null],
        exceptions: [
          { key: "a", label: "A" },
          { key: "b", label: "B" },
        ],
        extra: {},
        gone: undefined,
      },
      {
        team: { id: 2, name: "South" },
        now: { allocated: 0, onTime: 0.5 },
        changes: { allocated: { previous: 4, notCompared: true } },
        trend: [],
        exceptions: [],
        extra: {},
        gone: undefined,
      },
    ];
    const data = {
      rows,
      months: [
        { month: "2026-11", figures: { due: 2 } },
        { month: "2026-12", figures: { due: 5 } },
      ],
      mixed: [{ a: 1 }, { b: 2 }],
      one: [{ a: 1 }],
    };
    const sent = sendAsText(data, { shapesOnce: true });
    expect(readSentText(sent)).toEqual(asJson(data));
    // The rows' keys are written once for each place in their shape (now, changes' previous and notCompared), not once a row.
    expect(sent.json.match(/"allocated"/g)).toHaveLength(3);
  });

  it("is shorter than the same data written out, and comes back whole, for many rows of one shape", () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      team: { id: i, slug: `team-${i}` },
      now: { allocated: i, overdue: i % 7, completedOnTime: i % 3 ? i : null },
      canOpenItems: i % 2 === 0,
    }));
    const sent = sendAsText(rows, { shapesOnce: true });
    expect(sent.json.length).toBeLessThan(JSON.stringify(rows).length * 0.6);
    expect(readSentText(sent)).toEqual(asJson(rows));
  });

  it("comes back whole for any plain JSON (seeded random data)", () => {
    let state = 7;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const leaf = () => [null, 0, -2.5, "", "x.y", "\u00a3 − ·", true, false, [], {}, undefined][Math.floor(next() * 11)];
    const objectOf = (keys: string[], depth: number): Record<string, unknown> =>
      Object.fromEntries(keys.map((k) => [k, depth > 0 && next() < 0.3 ? objectOf(["p", "q"], depth - 1) : leaf()]));
    for (let round = 0; round < 200; round += 1) {
      const keys = ["a", "b.c", "d"].filter(() => next() < 0.8);
      const sameShape = next() < 0.5;
      const template = objectOf(keys, 2);
      const rows = Array.from({ length: 1 + Math.floor(next() * 4) }, () => (sameShape ? JSON.parse(JSON.stringify(template)) : objectOf(keys, 2)));
      const data = { rows, nested: [rows, [...rows]] };
      expect(readSentText(sendAsText(data, { shapesOnce: true }))).toEqual(asJson(data));
    }
  });
});
