/*
 * The care book is read by each server process at start and again after each
 * load, between requests, so the first person to open a team page after a
 * load does not wait for it (issue 18: 6.8 s at the large council before).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { newDataVersion } from "~/work-figures/figures-cache.server";
import { refreshMonthSummaries, workItemsChanged } from "~/work-figures/month-summaries.server";
import { startApp, type RunningApp } from "../helpers/app-server";
import { scaledWait } from "../helpers/machine-load";
import { runToday } from "../helpers/today";

const READY = /Figures ready: (\d+) services and (\d+) reviews read in \d+ ms/g;
let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
}, scaledWait(180_000));

afterAll(async () => {
  await app?.stop();
});

async function readyLines(atLeast: number): Promise<RegExpMatchArray[]> {
  const deadline = Date.now() + scaledWait(30_000);
  for (;;) {
    const lines = [...app.output().matchAll(READY)];
    if (lines.length >= atLeast || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the care book, read ahead of the first page", () => {
  it(
    "is read once the server listens, and again within seconds of the data changing (a load from another process)",
    async () => {
      const first = await readyLines(1);
      expect(first).toHaveLength(1);
      // The demo council's services and completed reviews.
      expect(Number(first[0]![1])).toBeGreaterThan(10_000);
      expect(Number(first[0]![2])).toBeGreaterThan(5_000);
      // Nothing changed: it is not read again.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(await readyLines(1)).toHaveLength(1);
      // A load elsewhere (here, as an import or `primed demo` would) gives the data a new version.
      const { db, close } = openDatabase(app.databasePath);
      try {
        newDataVersion(db);
      } finally {
        close();
      }
      expect(await readyLines(2)).toHaveLength(2);
    },
    scaledWait(90_000),
  );

  it(
    "is read once for a load: not again when the load's month figures are stored (they are not what it is read from)",
    async () => {
      const before = (await readyLines(1)).length;
      const { db, close } = openDatabase(app.databasePath);
      try {
        // What a load does in its transaction: the stored month figures are forgotten and the data has a new version.
        workItemsChanged(db);
        expect(await readyLines(before + 1)).toHaveLength(before + 1);
        // The load's last step gives the figures a new version, but not the data.
        refreshMonthSummaries(db, runToday());
        await new Promise((resolve) => setTimeout(resolve, 4_000));
      } finally {
        close();
      }
      expect(await readyLines(before + 1)).toHaveLength(before + 1);
    },
    scaledWait(120_000),
  );
});
