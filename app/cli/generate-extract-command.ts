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
    const recent = council.items.slice(-options.rows).map(
      (item): ExtractItem => ({ ...item, workerName: item.workerKey ? (names.get(item.workerKey) ?? null) : null }),
    );
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
  const written = await writeExtract(options.out, councilItemsInDateOrder(plans, options.seed, start, today), "E99999999", options.rows);
  return { written, note: `${plans.length} teams, work received from ${start}` };
}
