/*
 * What a serving process does in the second after a load (issue 22, the
 * morning rush): it brings its care book up to date from the moment the load
 * lands, not from the first team page after it, and a team page's two runs of
 * care months (the report's and the signals' 24) count each month once. On
 * the care worked example in a real SQLite file.
 */
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { teams } from "../../db/schema";
import { SYSTEM } from "~/audit/audit.server";
import { careBook, careBookReady, careFigures } from "~/care/care-book.server";
import { careMonths } from "~/care/care-figures";
import { monthRange } from "~/dates";
import { runImport } from "~/import/pipeline.server";
import { keepFiguresWarm } from "~/reports/figures-warm.server";
import { newDataVersion } from "~/work-figures/figures-cache.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

const WORKED_EXAMPLE = path.resolve("tests/fixtures/care-worked-example.csv");
const AS_OF = "2026-06-20";

let database: ReturnType<typeof tempDatabase>;
let teamR: number;

beforeAll(async () => {
  database = tempDatabase();
  loadWorkedExample(database.db);
  const loaded = await runImport({ databasePath: database.file, file: WORKED_EXAMPLE, actor: SYSTEM, createMissing: true });
  expect(loaded.status).toBe("loaded");
  teamR = database.db
    .select()
    .from(teams)
    .all()
    .find((t) => t.name === "Team R")!.id;
});
afterAll(() => database?.remove());
afterEach(() => {
  vi.useRealTimers();
});

/** Polls (on real timers) until `lines` holds `count` lines, or `ms` pass. */
async function lineCount(lines: string[], count: number, ms = 10_000): Promise<number> {
  const deadline = Date.now() + ms;
  while (lines.length < count && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  return lines.length;
}

describe("care figures in the second after a load", () => {
  it("count a month once for a scope and as-of date, whichever run of months asked for it", async () => {
    await careBookReady(database.db);
    const signals = careFigures(database.db, { teamId: teamR }, { from: "2026-01", to: "2026-05", asOf: AS_OF });
    const report = careFigures(database.db, { teamId: teamR }, { from: "2026-03", to: "2026-06", asOf: AS_OF });
    // The months both runs hold are the same rows, counted once.
    for (const month of ["2026-03", "2026-04", "2026-05"]) expect(report.find((row) => row.month === month)).toBe(signals.find((row) => row.month === month));
    // And they are the months counted on their own, from the same book.
    expect(report).toEqual(careMonths(careBook(database.db), { teamId: teamR }, monthRange("2026-03", "2026-06"), AS_OF));
    expect(signals).toEqual(careMonths(careBook(database.db), { teamId: teamR }, monthRange("2026-01", "2026-05"), AS_OF));
    // Another as-of date is other figures: the current month's are taken on the as-of date.
    const later = careFigures(database.db, { teamId: teamR }, { from: "2026-03", to: "2026-06", asOf: "2026-06-28" });
    expect(later.at(-1)).not.toBe(report.at(-1));
  });

  it("start to be counted from a new data version within a tenth of a second of it, before any page asks", async () => {
    // Only the check's interval is faked: the book is read between turns of the event loop, as in a serving process.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const lines: string[] = [];
    const stop = keepFiguresWarm(database.db, (line) => lines.push(line));
    try {
      expect(await lineCount(lines, 1)).toBe(1);
      expect(lines[0]).toMatch(/^Figures ready/);
      vi.advanceTimersByTime(1_000);
      // Nothing changed: not read again.
      expect(await lineCount(lines, 2, 300)).toBe(1);
      database.db.transaction((tx) => newDataVersion(tx as never));
      vi.advanceTimersByTime(100);
      expect(await lineCount(lines, 2)).toBe(2);
      expect(lines[1]).toMatch(/^Figures ready/);
    } finally {
      stop();
    }
  });
});
