/*
 * What the first pages after a load would otherwise count while someone
 * waits, counted by each serving process between requests instead: at start,
 * then within a few seconds of each new data version once its month figures
 * are stored, whichever process or command made it. At the large council
 * (issue 18) the care book takes 2 to 3 s of processor to read; the first team
 * page after a load took 6.8 s before this.
 */
import type { Db } from "../../db/connection";
import { careBook } from "~/care/care-book.server";
import { todayInLondon } from "~/dates";
import { figuresVersion } from "~/work-figures/figures-cache.server";
import { monthSummariesDue } from "~/work-figures/month-summaries.server";

/** How often each serving process looks for a new data version. */
const CHECK_EVERY_MS = 5_000;

/**
 * Reads the care book. The whole service's overview (about 2.5 s more at the large council) is not counted here: the
 * morning rush measured it holding every page of both processes for seconds after each load, for a page only heads of
 * service open (docs/decisions/2026-12-03-report-parts-kept.md).
 */
function warmFigures(db: Db): { services: number; reviews: number } {
  const book = careBook(db);
  return { services: book.services.length, reviews: book.reviews.length };
}

/** Starts the warming in this process; returns a stop. A failed warm only means the first page pays, as before. */
export function keepFiguresWarm(db: Db, log: (line: string) => void): () => void {
  let warmedFor: string | undefined;
  const warm = () => {
    try {
      const version = figuresVersion(db);
      if (version === warmedFor) return;
      // While a load's month figures are being counted again, pages count live and the version changes once more when
      // the counting ends: counting the whole service's overview live now would hold this process's pages for seconds
      // (the morning rush's load: 17 s at p95), for figures about to be replaced. Wait for the data to settle.
      if (monthSummariesDue(db, todayInLondon())) return;
      warmedFor = version;
      const started = performance.now();
      const { services, reviews } = warmFigures(db);
      log(`Figures ready: ${services} services and ${reviews} reviews read in ${Math.round(performance.now() - started)} ms.`);
    } catch (error) {
      log(`The figures could not be counted ahead of the first page: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const first = setImmediate(warm);
  const timer = setInterval(warm, CHECK_EVERY_MS).unref();
  return () => {
    clearImmediate(first);
    clearInterval(timer);
  };
}
