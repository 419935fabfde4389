import { addMonths, firstDayOf, monthOf, todayInLondon } from "~/dates";
import { demoService } from "~/demo/council";
import { writeExtract, type ExtractItem } from "~/demo/extract";
import { councilItemsInDateOrder, generateDemoCouncil, largeCouncilPlans } from "~/demo/generate";
import { CliError } from "./cli-error";

export interface GenerateExtractOptions {
  rows: number;
  out: string;
  scale: "demo" | "large";
  seed: number;
}

/** Writes a CLD-shaped extract: the demo council's most recent work, or the large council's. */
export async function generateExtract(options: GenerateExtractOptions, today = todayInLondon()): Promise<{ written: number; note: string }> {
  if (options.scale === "demo") {
    const council = generateDemoCouncil(options.seed, today);
    const names = new Map(council.workers.map((w) => [w.key, w.name]));
    const recent = council.items.slice(-options.rows).map((item): ExtractItem => ({ ...item, workerName: item.workerKey ? (names.get(item.workerKey) ?? null) : null }));
    const written = await writeExtract(options.out, recent, demoService.laCode);
    return { written, note: written < options.rows ? `the demo council has ${written} work items in all` : "the demo council's most recent work" };
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
  // extract always runs up to today, with today's open work in it.
  let total = 0;
  for (const _ of councilItemsInDateOrder(plans, options.seed, start, today)) total += 1;
  const written = await writeExtract(options.out, skip(councilItemsInDateOrder(plans, options.seed, start, today), total - options.rows), "E99999999", options.rows);
  return { written, note: `${plans.length} teams, work received from ${start} to ${today}, the most recent ${written} of ${total} items` };
}

function* skip<T>(items: Iterable<T>, count: number): Generator<T> {
  let skipped = 0;
  for (const item of items) {
    if (skipped < count) skipped += 1;
    else yield item;
  }
}
