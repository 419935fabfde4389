/*
 * Which serving process the first process hands a new connection to
 * (app/http/shared-connections.ts): the fewest open, passing over one that has
 * not taken a connection handed to it for a while (busy with something long).
 */
import { describe, expect, it } from "vitest";
import { BUSY_AFTER_MS, chooseProcess } from "~/http/shared-connections";

const now = 10_000;

describe("the serving process a new connection goes to", () => {
  it("is the one with the fewest connections open, the first listed on a tie", () => {
    expect(
      chooseProcess(
        [
          { id: 1, open: 3 },
          { id: 2, open: 2 },
        ],
        now,
      )?.id,
    ).toBe(2);
    expect(
      chooseProcess(
        [
          { id: 1, open: 2 },
          { id: 2, open: 2 },
        ],
        now,
      )?.id,
    ).toBe(1);
    expect(chooseProcess([], now)).toBeUndefined();
  });

  it("is one drawing a page all the same, while it takes what it is handed within a few milliseconds", () => {
    const drawing = { id: 1, open: 1, waitingSince: now - (BUSY_AFTER_MS - 1) };
    expect(chooseProcess([drawing, { id: 2, open: 4 }], now)?.id).toBe(1);
  });

  it("is not one that has left a connection waiting longer, while another is free, however many that one has open", () => {
    const stalled = { id: 1, open: 0, waitingSince: now - BUSY_AFTER_MS };
    expect(chooseProcess([stalled, { id: 2, open: 9 }], now)?.id).toBe(2);
    // Every one of them busy: the fewest open after all, rather than no answer.
    expect(chooseProcess([stalled, { id: 2, open: 9, waitingSince: now - 500 }], now)?.id).toBe(1);
  });
});
