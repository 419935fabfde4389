/*
 * Counted Primed Metrics against a real SQLite file: their values are the
 * `care` and `report` figures for the same teams and months, after the first
 * load and after a reload that changes them; per 100,000 adults with and
 * without the year's population; and no value can be typed or uploaded.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf, SYSTEM } from "~/audit/audit.server";
import { runCare } from "~/cli/care-command";
import { runReport } from "~/cli/report-command";
import { addMonths, monthOf, monthRange } from "~/dates";
import { runImport } from "~/import/pipeline.server";
import { loadSignedInUser, type SignedInUser } from "~/people/users.server";
import { countedValues, countedValuesReady } from "~/primed-metrics/counted-values.server";
import { careBook } from "~/care/care-book.server";
import { careMonthFiguresByAge, careMonthsCounted } from "~/care/care-figures";
import { metricFieldsOf, metricForm } from "~/primed-metrics/forms";
import { COUNTED_NOT_ENTERED, createMetric, enterValue, getMetric, loadValuesCsv, metricValues } from "~/primed-metrics/metrics.server";
import { listPopulation, removePopulation } from "~/care/population.server";
import { teams, users } from "../../db/schema";
import { demoCouncilDatabase } from "../helpers/temp-db";
import { runToday } from "../helpers/today";

const TODAY = runToday();
const LAST = addMonths(monthOf(TODAY), -1);
const FROM = addMonths(LAST, -11);
let database: Awaited<ReturnType<typeof demoCouncilDatabase>>;
let head: SignedInUser;

const teamNamed = (name: string) => database.db.select().from(teams).where(eq(teams.name, name)).get()!;

/** A counted metric made through the form's own rules, as the page makes it. */
function counted(name: string, measure: string, teamNames: string[]): number {
  const parsed = metricForm.parse({
    kind: "counted",
    name,
    countedMeasure: measure,
    scope: teamNames.length ? "teams" : "service",
    teamIds: teamNames.map((t) => String(teamNamed(t).id)),
    direction: "down",
    ownerUserId: String(head.id),
    baselineFrom: FROM,
    baselineTo: addMonths(FROM, 5),
  });
  const result = createMetric(database.db, actorOf(head), metricFieldsOf(parsed));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const valuesOf = (id: number) => Object.fromEntries(countedValues(database.db, getMetric(database.db, id)!, TODAY)!.values.map((v) => [v.month, v.value]));

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  head = loadSignedInUser(database.db, database.db.select().from(users).where(eq(users.email, "head@northbrook.example")).get()!.id)!;
});
afterAll(() => database.remove());

describe("a counted metric's values", () => {
  it("are the care command's figures for the same team and months, and take their unit and kind of count from the measure", () => {
    const id = counted("North Locality in care", "care.in-residential-nursing", ["North Locality"]);
    const metric = getMetric(database.db, id)!;
    expect([metric.kind, metric.unit, metric.measure]).toEqual(["counted", "people", "level"]);
    const care = runCare(database.db, { team: "North Locality", from: FROM, to: LAST }, TODAY);
    expect(valuesOf(id)).toEqual(Object.fromEntries(care.months.map((m) => [m.month, m.longTermPeople!.residential + m.longTermPeople!.nursing])));
    expect(Object.keys(valuesOf(id))).toEqual(monthRange(FROM, LAST));
    // Never stored: nothing to go stale.
    expect(metricValues(database.db, id)).toEqual([]);
  });

  it("add up the report command's figures of several teams", () => {
    const id = counted("Two localities' work received", "work.received", ["North Locality", "South Locality"]);
    const north = runReport(database.db, { team: "North Locality", from: FROM, to: LAST }, TODAY);
    const south = runReport(database.db, { team: "South Locality", from: FROM, to: LAST }, TODAY);
    expect(valuesOf(id)).toEqual(Object.fromEntries(north.months.map((m, i) => [m.month, m.received! + south.months[i]!.received!])));
    const overdue = counted("Two localities' overdue", "work.overdue", ["North Locality", "South Locality"]);
    expect(valuesOf(overdue)).toEqual(Object.fromEntries(north.months.map((m, i) => [m.month, m.overdue! + south.months[i]!.overdue!])));
  });

  it("are counted a month at a time for a page, letting other requests in between, with the same figures as in one go", async () => {
    const id = counted("Everyone in care, for a page", "care.reviews-overdue", ["North Locality", "East Locality"]);
    const metric = getMetric(database.db, id)!;
    careBook(database.db); // held already, so only the count itself could let others in
    const others: string[] = [];
    const ready = countedValuesReady(database.db, [metric], TODAY);
    setImmediate(() => others.push("another request"));
    await ready;
    expect(others).toEqual(["another request"]);
    const inOneGo = careMonthsCounted(
      careBook(database.db),
      { teamIds: [teamNamed("North Locality").id, teamNamed("East Locality").id] },
      monthRange(FROM, LAST),
      TODAY,
      careMonthFiguresByAge,
    );
    expect(Object.values(valuesOf(id))).toEqual(inOneGo.map((m) => m!.reviewsOverdue));
  });

  it("count each person once across the teams, and the whole service when no team is chosen", () => {
    const all = counted("Everyone in care", "care.in-residential-nursing", []);
    const byTeam = database.db
      .select()
      .from(teams)
      .all()
      .map((t) => runCare(database.db, { team: t.name, from: FROM, to: LAST }, TODAY));
    const values = valuesOf(all);
    for (const [i, month] of monthRange(FROM, LAST).entries()) {
      const sum = byTeam.reduce((n, team) => n + team.months[i]!.longTermPeople!.residential + team.months[i]!.longTermPeople!.nursing, 0);
      expect(values[month]).toBeGreaterThan(0);
      // A person placed by two teams is one person: never more than the teams' lists added up.
      expect(values[month]).toBeLessThanOrEqual(sum);
    }
    const older = counted("Older people in care", "care.in-residential-nursing.65+", []);
    const younger = counted("Younger people in care", "care.in-residential-nursing.18-64", []);
    for (const month of monthRange(FROM, LAST)) expect(valuesOf(older)[month]! + valuesOf(younger)[month]!).toBeLessThanOrEqual(values[month]!);
  });

  it("per 100,000 adults: the admissions over the year's population, and a gap saying so when a year is missing", () => {
    const id = counted("Older admissions per 100,000", "care.admissions-per-100k.65+", []);
    const count = counted("Older admissions", "care.admissions.65+", []);
    const population = listPopulation(database.db);
    const perHundredThousand = valuesOf(id);
    for (const [month, admissions] of Object.entries(valuesOf(count))) {
      const year = population.find((p) => p.year === Number(month.slice(0, 4)))!;
      expect(perHundredThousand[month]).toBe(Math.round((admissions / year.adults65AndOver) * 100_000 * 10) / 10);
    }
    const lastYear = Number(LAST.slice(0, 4));
    expect(removePopulation(database.db, actorOf(head), lastYear).ok).toBe(true);
    const without = countedValues(database.db, getMetric(database.db, id)!, TODAY)!;
    expect(without.values.map((v) => v.month).filter((m) => m.startsWith(String(lastYear)))).toEqual([]);
    expect(without.values.length).toBe(monthRange(FROM, LAST).filter((m) => !m.startsWith(String(lastYear))).length);
    expect(without.gaps).toEqual([expect.stringContaining(`No adult population is recorded for ${lastYear}`)]);
  });

  it("follow a reload that changes the data: a new placement counts from its month", async () => {
    const id = counted("North Locality in care after the reload", "care.in-residential-nursing", ["North Locality"]);
    const before = valuesOf(id);
    const file = path.join(database.dir, "reload.csv");
    const start = `${LAST}-02`;
    const day = `${start.slice(8, 10)}/${start.slice(5, 7)}/${start.slice(0, 4)}`;
    fs.writeFileSync(
      file,
      [
        "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Event End Date,Event Outcome,Review Reason,Team,Worker,Allocated Date,Service Type,Unit Cost,Cost Frequency (Unit Type),Planned units per week,Date of Birth",
        `NEWPERSON1,Service,NEWSERVICE1,${day},,,,North Locality,,,Long Term Support: Residential Care,950,Weekly,,01/05/1940`,
      ].join("\n") + "\n",
    );
    const report = await runImport({ databasePath: database.file, file, actor: SYSTEM });
    expect(report).toMatchObject({ status: "loaded", servicesAdded: 1 });
    const after = valuesOf(id);
    expect(after[LAST]).toBe(before[LAST]! + 1);
    expect(after[addMonths(LAST, -1)]).toBe(before[addMonths(LAST, -1)]);
  });
});

describe("a counted metric's values cannot be entered", () => {
  it("refuses a value from the form and a CSV row, and writes nothing", () => {
    const id = counted("South Locality in care", "care.in-residential-nursing", ["South Locality"]);
    expect(enterValue(database.db, head, id, LAST, 1)).toEqual({ ok: false, forbidden: false, errors: { form: COUNTED_NOT_ENTERED } });
    const load = loadValuesCsv(database.db, head, "values.csv", `metric,month,value\nSouth Locality in care,${LAST},1\n`, monthOf(TODAY));
    expect(load).toEqual({ ok: false, problems: [{ row: 2, reasons: [expect.stringMatching(/^South Locality in care is counted from the data/)] }] });
    expect(metricValues(database.db, id)).toEqual([]);
  });

  it("the form says what is missing for a counted metric, and what it may not be", () => {
    const base = { name: "x", direction: "down", ownerUserId: String(head.id), baselineFrom: "2025-01", baselineTo: "2025-06" };
    const errors = (form: Record<string, unknown>) => {
      const parsed = metricForm.safeParse({ ...base, ...form });
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.message]));
    };
    expect(errors({ kind: "counted" })).toEqual({ countedMeasure: "Choose what Primed counts from the list", scope: "Choose whether it counts the whole service or some teams" });
    expect(errors({ kind: "counted", countedMeasure: "care.nothing", scope: "teams" })).toEqual({
      countedMeasure: "Choose what Primed counts from the list",
      teamIds: "Choose at least one team, or count the whole service",
    });
    expect(errors({ kind: "entered" })).toEqual({
      unit: 'Enter the unit, like "people", "£ a day", "%" or "points"',
      measure: "Choose whether it is counted afresh each month or at the month's end",
    });
    expect(errors({ kind: "sometimes" })).toMatchObject({ kind: "Choose whether people enter its values or Primed counts them from the data" });
    // A team that does not exist is refused by the domain, and nothing is made.
    const parsed = metricForm.parse({ ...base, kind: "counted", countedMeasure: "work.received", scope: "teams", teamIds: ["999999"] });
    expect(createMetric(database.db, actorOf(head), metricFieldsOf(parsed))).toEqual({ ok: false, errors: { teamIds: "Choose the teams from the list" } });
  });
});
