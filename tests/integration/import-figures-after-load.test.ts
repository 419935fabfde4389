/*
 * After a load, the command line (and an upload's job, through the same
 * function) counts the month figures again only when they are due: a load
 * that changed no work item leaves them current, and says so. Counting them
 * all again took 13 to 17 s of processor at a large council's scale.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImportCommand } from "~/cli/import-command";
import { formatImportReport } from "~/import/report-text";
import { monthSummariesDue } from "~/work-figures/month-summaries.server";
import { clockToday } from "~/platform/clock.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

const WORKED_EXAMPLE = path.resolve("tests/fixtures/care-worked-example.csv");

let database: ReturnType<typeof tempDatabase>;

beforeEach(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
});
afterEach(() => database.remove());

const load = (file = WORKED_EXAMPLE) => runImportCommand(database.file, { file, createMissing: true, dryRun: false, skipInvalid: false });

describe("the month figures after a load from the command line", () => {
  it("are counted after a load that changed work items, and not again after one that changed none", async () => {
    const first = await load();
    expect(first.report.status).toBe("loaded");
    expect(first.summaries).toMatchObject({ rows: expect.any(Number) });
    expect(formatImportReport(first.report, first.summaries)).toMatch(/^Month figures counted for /m);
    expect(monthSummariesDue(database.db, clockToday())).toBe(false);

    const again = await load();
    expect(again.report).toMatchObject({ status: "loaded", added: 0, updated: 0 });
    expect(again.summaries).toBe("already up to date");
    const text = formatImportReport(again.report, again.summaries);
    expect(text).toContain("Month figures already up to date: no work item changed, so none counted again.");
    expect(text).not.toMatch(/Month figures counted/);
  });

  it("are counted again when a month has ended since, even if the load changed nothing", async () => {
    await load();
    // The stored figures end a month earlier, as they would the morning after a month ends.
    const coverage = JSON.parse(database.sqlite.prepare("select value from app_settings where key = 'month_summaries'").pluck().get() as string) as { through: string };
    const [year, month] = coverage.through.split("-").map(Number) as [number, number];
    const earlier = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
    database.sqlite.prepare("update app_settings set value = ? where key = 'month_summaries'").run(JSON.stringify({ ...coverage, through: earlier }));

    const again = await load();
    expect(again.report).toMatchObject({ status: "loaded", added: 0, updated: 0 });
    expect(again.summaries).toMatchObject({ through: coverage.through });
  });

  it("are not counted after a load that was refused", async () => {
    const file = path.join(database.dir, "broken.csv");
    fs.writeFileSync(file, "not,an,extract\n1,2,3\n");
    const refused = await load(file);
    expect(refused.report.status).toBe("refused");
    expect(refused.summaries).toBeNull();
  });
});
