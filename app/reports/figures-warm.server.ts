/*
 * What the first pages after a load would otherwise wait for, read by each
 * serving process between requests instead: at start, then within a tenth of a second
 * of each new data version, whichever process or command made it. At the
 * large council (issue 18) the care book takes about 2 s of processor to
 * read; the first team page after a load took 6.8 s before this. It is read a
 * slice at a time (care-book.server.ts), so requests go on meanwhile.
 */
import type { Db } from "../../db/connection";
import { careBookReady, careBooksForPages } from "~/care/care-book.server";
import { dataVersion } from "~/work-figures/figures-cache.server";

/**
 * How often each serving process looks for a new data version (one indexed read, a few microseconds). The care book
 * is brought up to date from the moment a load lands, not from the first team page after it: in the morning rush a
 * process went a quarter of a second after a load before a team page came and started it, and the pages that came
 * while it ran waited for it all.
 */
const CHECK_EVERY_MS = 100;

/**
 * Starts the warming in this process; returns a stop. A failed warm only means the first page pays, as before.
 * The whole service's overview (about 2.5 s more at the large council) is not counted here: the morning rush measured
 * it holding every page of both processes for seconds after each load, for a page only heads of service open
 * (docs/decisions/2026-12-03-report-parts-kept.md).
 */
export function keepFiguresWarm(db: Db, log: (line: string) => void): () => void {
  careBooksForPages();
  let warmedFor: string | undefined;
  let busy = false;
  let stopped = false;
  const warm = () => {
    if (busy || stopped) return;
    try {
      const version = dataVersion(db);
      if (version === warmedFor) return;
      warmedFor = version;
      busy = true;
      const started = performance.now();
      careBookReady(db).then(
        (book) => {
          busy = false;
          if (!stopped) log(`Figures ready: ${book.services.length} services and ${book.reviews.length} reviews read in ${Math.round(performance.now() - started)} ms.`);
        },
        (error: unknown) => {
          busy = false;
          if (!stopped) log(`The figures could not be read ahead of the first page: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    } catch (error) {
      log(`The figures could not be read ahead of the first page: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const first = setImmediate(warm);
  const timer = setInterval(warm, CHECK_EVERY_MS).unref();
  return () => {
    stopped = true;
    clearImmediate(first);
    clearInterval(timer);
  };
}
