/*
 * Every figure agrees with the list it opens to: for a seeded sample of
 * teams, filters, months and figures over the demo council, the number a
 * report shows (from stored or live figures) equals the length of the list
 * of work items the page lists behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomes, teams, workers, workTypes } from "../../db/schema";
import { addMonths, monthOf, monthRange, type IsoMonth } from "~/dates";
import { figureKeys, type FigureKey } from "~/work-figures/definitions";
import type { ReportScope } from "~/work-figures/metric-items.server";
import { figureValue, type MonthFigures } from "~/work-figures/month-figures";
import { monthlyFigures } from "~/work-figures/report.server";
import { figureItems } from "~/reports/figure-items.server";
import type { FigureQuery } from "~/reports/figure-query";
import { routeTotals } from "~/reports/team-report";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
let database: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
});
afterAll(() => database.remove());

function random(seed: number) {
  let state = seed;
  return <T>(list: readonly T[]): T => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return list[state % list.length]!;
  };
}

/** A figure in a month, or one cell of the outcome or route tables, with the number the report shows for it. */
function cells(month: MonthFigures): { query: FigureQuery; value: number | null }[] {
  const base = figureKeys.map((figure: FigureKey) => ({ query: { figure, month: month.month }, value: figureValue(month, figure) }));
  const groups = Object.entries(month.assessmentOutcomeGroups ?? {}).map(([outcomeGroup, value]) => ({
    query: { figure: "assessmentsCompleted" as const, month: month.month, outcomeGroup },
    value,
  }));
  const routes = Object.entries(month.requestsByRoute ?? {}).flatMap(([routeOfAccess, r]) => [
    { query: { figure: "requestsReceived" as const, month: month.month, routeOfAccess }, value: r.received },
    ...Object.entries(r.ledTo).map(([ledTo, value]) => ({ query: { figure: "requestsCompleted" as const, month: month.month, routeOfAccess, ledTo }, value })),
  ]);
  return [...base, ...groups, ...routes];
}

describe("drill-down lists", () => {
  it("have as many items as the figure they open, for a sample of teams, filters, months and every kind of figure", () => {
    const pick = random(20261122);
    const allTeams = database.db.select().from(teams).all();
    const allWorkers = database.db.select().from(workers).all();
    const types = database.db.select().from(workTypes).all();
    const groups = [
      ...new Set(
        database.db
          .select()
          .from(outcomes)
          .all()
          .map((o) => o.group),
      ),
    ];
    const current = monthOf(TODAY);
    const months = monthRange(addMonths(current, -14), addMonths(current, 2));
    let checked = 0;
    for (let sample = 0; sample < 60; sample += 1) {
      const team = pick(allTeams);
      const teamWorkers = allWorkers.filter((w) => w.teamId === team.id);
      const scope: ReportScope = pick([
        { teamId: team.id },
        { teamId: team.id, workerId: pick(teamWorkers).id },
        { teamId: team.id, workTypeId: pick(types).id },
        { teamId: team.id, outcomeGroup: pick(groups) },
      ]);
      const month = pick(months);
      const [figures] = monthlyFigures(database.db, scope, { from: month, to: month, asOf: TODAY });
      for (const { query, value } of cells(figures!)) {
        if (value === null) continue;
        // A cell for one outcome group narrows the report's scope, as its link does.
        const listScope = query.outcomeGroup ? { ...scope, outcomeGroup: query.outcomeGroup } : scope;
        const list = figureItems(database.db, listScope, query, [month], TODAY);
        expect(list.length, `${team.name} ${JSON.stringify(scope)} ${JSON.stringify(query)}`).toBe(value);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("over a run of months list every item a flow figure counted, once", () => {
    const team = database.db
      .select()
      .from(teams)
      .all()
      .find((t) => t.type === "front_door")!;
    const range: IsoMonth[] = monthRange("2026-03", "2026-08");
    const figures = monthlyFigures(database.db, { teamId: team.id }, { from: "2026-03", to: "2026-08", asOf: TODAY });
    for (const figure of ["received", "completed", "completedOnTime", "requestsReceived", "assessmentsCompleted"] as const) {
      const total = figures.reduce((n, m) => n + (figureValue(m, figure) ?? 0), 0);
      expect(figureItems(database.db, { teamId: team.id }, { figure }, range, TODAY).length, figure).toBe(total);
    }
    for (const route of routeTotals(figures)) {
      expect(figureItems(database.db, { teamId: team.id }, { figure: "requestsReceived", routeOfAccess: route.route }, range, TODAY).length).toBe(route.received);
    }
  });
});
