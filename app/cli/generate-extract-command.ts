import { addDays, addMonths, firstDayOf, monthOf, type IsoDate } from "~/dates";
import { demoService } from "~/demo/council";
import { writeExtract, type ExtractItem, type ExtractService } from "~/demo/extract";
import { councilItemsInDateOrder, councilRowsInDateOrder, generateDemoCouncil, largeCouncilPlans } from "~/demo/generate";
import { CliError } from "./cli-error";
import { clockToday } from "~/platform/clock.server";

export interface GenerateExtractOptions {
  rows: number;
  out: string;
  scale: "demo" | "large";
  seed: number;
}

/** A service belongs in an extract of work received from `from` if it was still going then, as a care system's extract of the period carries it. */
const stillGoing = (service: { endsOn: IsoDate | null }, from: IsoDate) => service.endsOn === null || service.endsOn >= from;

/**
 * Writes a CLD-shaped extract: the demo council's most recent work, or the large council's, with
 * the services going on while that work was (`--rows` counts the work rows; the services come on top).
 */
export async function generateExtract(options: GenerateExtractOptions, today = clockToday()): Promise<{ written: number; note: string }> {
  if (options.scale === "demo") {
    const council = generateDemoCouncil(options.seed, today);
    const names = new Map(council.workers.map((w) => [w.key, w.name]));
    const workerName = (key: string | null) => (key ? (names.get(key) ?? null) : null);
    const recent = council.items.slice(-options.rows).map((item): ExtractItem => ({ ...item, workerName: workerName(item.workerKey) }));
    const from = recent[0]?.receivedOn ?? today;
    const services = council.services.filter((s) => stillGoing(s, from)).map((s): ExtractService => ({ ...s, workerName: workerName(s.workerKey) }));
    const written = await writeExtract(options.out, [...recent, ...services], demoService.laCode);
    const what = `${written.work} work items and ${written.services} services`;
    return {
      written: written.work + written.services,
      note:
        written.work < options.rows
          ? `the demo council has ${written.work} work items in all; ${what}`
          : `the demo council's most recent work and the services going on meanwhile: ${what}`,
    };
  }
  const plans = largeCouncilPlans();
  const perMonth = plans.reduce((n, plan) => n + Object.values(plan.monthlyVolumes).reduce((a, b) => a + (b ?? 0), 0), 0);
  const months = Math.min(60, Math.max(1, Math.ceil(options.rows / perMonth)));
  if (months === 60 && options.rows > perMonth * 60 * 1.2) {
    throw new CliError(`The large council's five years hold about ${Math.round(perMonth * 60)} rows; ask for fewer.`);
  }
  const start = firstDayOf(addMonths(monthOf(today), -(months - 1)));
  // The teams' simulations make more work than their planned volumes (reviews and
  // follow-ups come on top), so count first and leave out the oldest rows: the
  // extract always runs up to today, with today's open work in it. The count is
  // kept by day, to know the first day of the work written.
  let total = 0;
  const byDay = new Map<IsoDate, number>();
  for (const item of councilItemsInDateOrder(plans, options.seed, start, today)) {
    total += 1;
    byDay.set(item.receivedOn, (byDay.get(item.receivedOn) ?? 0) + 1);
  }
  const skipped = Math.max(0, total - options.rows);
  let from = start;
  for (let seen = 0, day = start; day <= today; day = addDays(day, 1)) {
    seen += byDay.get(day) ?? 0;
    if (seen > skipped) {
      from = day;
      break;
    }
  }
  const written = await writeExtract(options.out, recentRows(councilRowsInDateOrder(plans, options.seed, start, today), skipped, from), "E99999999");
  return {
    written: written.work + written.services,
    note: `${plans.length} teams, work received from ${start} to ${today}: the most recent ${written.work} of ${total} work items, and ${written.services} services going on from ${from}`,
  };
}

/** Leaves out the first `count` work items, and the services that ended before `from`. */
function* recentRows(
  rows: Iterable<({ kind: "work" } & ExtractItem) | ({ kind: "service" } & ExtractService)>,
  count: number,
  from: IsoDate,
): Generator<ExtractItem | ExtractService> {
  let skipped = 0;
  for (const { kind, ...row } of rows) {
    if (kind === "service") {
      if (stillGoing(row as ExtractService, from)) yield row as ExtractService;
    } else if (skipped < count) skipped += 1;
    else yield row as ExtractItem;
  }
}
