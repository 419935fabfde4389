/*
 * What the first pages after a load would otherwise count while someone
 * waits, counted by each serving process between requests instead: at start,
 * then within a few seconds of each new data version, whichever process or
 * command made it. At the large council (issue 18) the care book takes 2 to 3
 * s of processor to read and the whole service's overview about 2.5 s to count;
 * the first team page after a load took 6.8 s before this.
 */
import type { Db } from "../../db/connection";
import { careBook } from "~/care/care-book.server";
import { todayInLondon } from "~/dates";
import { getEnv } from "~/platform/env-cache.server";
import { listTeams } from "~/teams/teams.server";
import { figuresVersion } from "~/work-figures/figures-cache.server";
import { lastFinishedMonth } from "./part-month";
import { serviceOverview } from "./service-overview.server";

/** How often each serving process looks for a new data version. */
const CHECK_EVERY_MS = 5_000;

/** Reads the care book and counts the default service overview for every team, as a head of service first opens it. */
function warmFigures(db: Db): { services: number; reviews: number } {
  const book = careBook(db);
  // The overview's defaults (./overview-context.server.ts): every team, the last finished month, as of today.
  const today = todayInLondon();
  const settings = { timelinessTarget: getEnv().PRIMED_TIMELINESS_TARGET / 100, reviewedTarget: getEnv().PRIMED_REVIEWED_TARGET / 100 };
  serviceOverview(db, listTeams(db), lastFinishedMonth(today), today, settings);
  return { services: book.services.length, reviews: book.reviews.length };
}

/** Starts the warming in this process; returns a stop. A failed warm only means the first page pays, as before. */
export function keepFiguresWarm(db: Db, log: (line: string) => void): () => void {
  let warmedFor: string | undefined;
  const warm = () => {
    try {
      const version = figuresVersion(db);
      if (version === warmedFor) return;
      warmedFor = version;
      const started = performance.now();
      const { services, reviews } = warmFigures(db);
      log(`Figures ready: ${services} services and ${reviews} reviews read, and the service overview counted, in ${Math.round(performance.now() - started)} ms.`);
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
