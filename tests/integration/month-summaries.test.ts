import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "~/audit/audit.server";
import { runImport } from "~/import/pipeline.server";
import { monthSummaries, teams, workers } from "../../db/schema";
import { addMonths, monthOf, monthRange, type IsoDate } from "~/dates";
import { loadMetricItems, type ReportScope } from "~/work-figures/metric-items.server";
import { computeMonthsFigures } from "~/work-figures/month-figures";
import { workItemsChanged, monthSummariesDue, refreshMonthSummaries } from "~/work-figures/month-summaries.server";
import { figuresByTeam, figuresByWorker, monthlyFigures } from "~/work-figures/report.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
let database: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
});
afterAll(() => database.remove());

/** The figures counted from the work items alone, ignoring anything stored. */
function counted(scope: ReportScope, from: string, to: string, asOf: IsoDate) {
  const items = loadMetricItems(database.db, scope, { from, to, asOf });
  return computeMonthsFigures(items, monthRange(from, to), asOf);
}

// As-of dates: today, a past day, a month's last and first days.
const asOfDates: IsoDate[] = [TODAY, "2026-06-15", "2026-03-31", "2025-12-01"];

describe("stored month figures", () => {
  it("are counted when the demo council loads, up to last month", () => {
    expect(monthSummariesDue(database.db, TODAY)).toBe(false);
    expect(monthSummariesDue(database.db, "2026-12-01")).toBe(true);
    const months = database.db
      .select({ month: monthSummaries.month })
      .from(monthSummaries)
      .all()
      .map((r) => r.month);
    expect(months.length).toBeGreaterThan(100);
    expect(months.every((m) => m <= "2026-10")).toBe(true);
  });

  it("give every team and worker exactly the figures counted from the items, for past and present as-of dates", () => {
    const allTeams = database.db.select().from(teams).all();
    const allWorkers = database.db.select().from(workers).all();
    for (const asOf of asOfDates) {
      const current = monthOf(asOf);
      const [from, to] = [addMonths(current, -14), addMonths(current, 3)];
      for (const team of allTeams) {
        expect(monthlyFigures(database.db, { teamId: team.id }, { from, to, asOf }), `${team.name} as of ${asOf}`).toEqual(counted({ teamId: team.id }, from, to, asOf));
      }
      for (const worker of allWorkers.filter((w) => w.teamId !== null).slice(0, 40)) {
        const scope = { teamId: worker.teamId!, workerId: worker.id };
        expect(monthlyFigures(database.db, scope, { from, to, asOf }), `${worker.name} as of ${asOf}`).toEqual(counted(scope, from, to, asOf));
      }
    }
  });

  it("give the same figures side by side as one by one", () => {
    const months = monthRange("2025-11", "2026-11");
    const byTeam = figuresByTeam(database.db, months, TODAY);
    const team = database.db.select().from(teams).all()[0]!;
    expect(byTeam.get(team.id)).toEqual(counted({ teamId: team.id }, "2025-11", "2026-11", TODAY));
    const teamWorkers = database.db
      .select()
      .from(workers)
      .all()
      .filter((w) => w.teamId === team.id)
      .map((w) => w.id);
    const byWorker = figuresByWorker(database.db, team.id, teamWorkers, months, TODAY);
    for (const id of teamWorkers) {
      expect(byWorker.get(id)).toEqual(counted({ teamId: team.id, workerId: id }, "2025-11", "2026-11", TODAY));
    }
  });

  it("are forgotten with the data they came from, and reports then count live", () => {
    const team = database.db.select().from(teams).all()[1]!;
    const before = monthlyFigures(database.db, { teamId: team.id }, { from: "2025-01", to: "2026-12", asOf: TODAY });
    workItemsChanged(database.db);
    expect(monthSummariesDue(database.db, TODAY)).toBe(true);
    expect(monthlyFigures(database.db, { teamId: team.id }, { from: "2025-01", to: "2026-12", asOf: TODAY })).toEqual(before);
    const result = refreshMonthSummaries(database.db, TODAY);
    expect(result.through).toBe("2026-10");
    expect(monthlyFigures(database.db, { teamId: team.id }, { from: "2025-01", to: "2026-12", asOf: TODAY })).toEqual(before);
    // The forgotten rows are cleared by the refresh: only the current generation's are kept.
    const generations = new Set(
      database.db
        .select({ generation: monthSummaries.generation })
        .from(monthSummaries)
        .all()
        .map((r) => r.generation),
    );
    expect(generations.size).toBe(1);
    expect(database.db.select().from(monthSummaries).all()).toHaveLength(result.rows);
  });

  it("are counted again, never served from memory, once a load on another connection changes the items", async () => {
    const team = database.db
      .select()
      .from(teams)
      .all()
      .find((t) => t.slug === "north-locality")!;
    const range = { from: "2026-10", to: "2026-11", asOf: TODAY };
    const before = monthlyFigures(database.db, { teamId: team.id }, range);
    expect(monthlyFigures(database.db, { teamId: team.id }, range)).toBe(before); // the same counted figures, from memory
    const file = path.join(database.dir, "one-more.csv");
    fs.writeFileSync(
      file,
      "LA Code,LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Event End Date,Event Outcome,Client Type,Team,Worker,Allocated Date,Due Date\r\n" +
        `${database.sqlite.prepare("select la_code from services").pluck().get()},P1,Request,EXTRA-1,01/10/2026,,,Service user,North Locality,,,05/10/2026\r\n`,
    );
    const report = await runImport({ databasePath: database.file, file, actor: SYSTEM });
    expect(report.problems).toEqual([]);
    expect(report.status).toBe("loaded");
    const after = monthlyFigures(database.db, { teamId: team.id }, range);
    expect(after[0]!.received).toBe(before[0]!.received! + 1);
    expect(after[1]!.overdue).toBe(before[1]!.overdue! + 1);
    expect(after).toEqual(counted({ teamId: team.id }, "2026-10", "2026-11", TODAY));
  });
});
