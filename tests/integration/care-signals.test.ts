/*
 * Care series read by the same signal engine as the work figures: a jump in the weekly cost of
 * long-term support is a signal, and the month's prompt sheet asks about money; the meeting pack
 * carries the fourth report. On a real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { careServices, services, teams } from "../../db/schema";
import { ageOn, weeklyCost } from "~/care/service-types";
import { addMonths, firstDayOf, lastDayOf, monthRange } from "~/dates";
import { packContents } from "~/cycle/pack.server";
import { sheetSignals } from "~/interpretation/prompt-sheets.server";
import { formatSeriesValue, hasCareActivity, reportSeriesFor } from "~/interpretation/report-series";
import { seriesReadings } from "~/interpretation/team-signals.server";
import { ensureReferenceData } from "~/reference-data/reference-data.server";
import { tempDatabase } from "../helpers/temp-db";

const MONTH = "2026-10";
let database: ReturnType<typeof tempDatabase>;
let teamId: number;

beforeAll(() => {
  database = tempDatabase();
  const { db } = database;
  ensureReferenceData(db);
  const service = db.insert(services).values({ name: "Signals" }).returning().get();
  teamId = db.insert(teams).values({ serviceId: service.id, name: "Team S", slug: "team-s", type: "locality" }).returning().get().id;
  let ref = 0;
  const add = (person: string, type: "lt_residential" | "lt_nursing" | "lt_community", startsOn: string, endsOn: string | null, u: number) =>
    db
      .insert(careServices)
      .values({
        sourceRef: `S${++ref}`,
        personRef: person,
        teamId,
        serviceType: type,
        serviceTypeRaw: type,
        startsOn,
        endsOn,
        unitCost: u,
        costFrequency: "weekly",
        weeklyCost: weeklyCost(u, "weekly", null)!,
        ageAtStart: ageOn("1945-01-01", startsOn),
      })
      .run();
  // Twenty people in residential care throughout, and one short community service each month that varies a little.
  for (let p = 0; p < 20; p += 1) add(`R${p}`, "lt_residential", "2024-01-01", null, 1000);
  monthRange(addMonths(MONTH, -30), addMonths(MONTH, -1)).forEach((month, i) => add(`C${i}`, "lt_community", firstDayOf(month), lastDayOf(month), 100 + (i % 3) * 50));
  // In October, ten people go into nursing care: the weekly cost jumps.
  for (let p = 0; p < 10; p += 1) add(`N${p}`, "lt_nursing", `${MONTH}-05`, null, 1300);
});
afterAll(() => database.remove());

describe("care and cost read for signals", () => {
  it("reads the care series beside the work series when the team has services", () => {
    const readings = seriesReadings(database.db, { teamId }, firstDayOf(addMonths(MONTH, 1)));
    const keys = readings.map((r) => r.series.key);
    expect(keys).toEqual(
      expect.arrayContaining(["care:longTermCost", "care:inResidentialOrNursing", "care:admissions", "care:reviewCostChange", "care:reviewedShare", "care:reviewsOverdue"]),
    );
    const cost = readings.find((r) => r.series.key === "care:longTermCost")!;
    expect(cost.chart!.points.at(-1)!.value).toBe(33_000);
    expect(cost.chart!.points.at(-1)!.classification).not.toBe("common_cause");
  });

  it("asks about money on the month's prompt sheet when the weekly cost signals", () => {
    const signals = sheetSignals(database.db, teamId, MONTH);
    const money = signals.find((s) => s.key === "care:longTermCost");
    expect(money?.prompt).toMatch(/Weekly cost of long-term support/);
    expect(money?.prompt).toContain("£33,000");
    const admissions = signals.find((s) => s.key === "care:admissions");
    expect(admissions?.prompt).toMatch(/Admissions to residential or nursing care/);
  });

  it("puts the fourth report in the meeting pack", () => {
    const pack = packContents(database.db, { id: teamId, name: "Team S", slug: "team-s", typeLabel: "Locality" }, MONTH, "2026-11-10");
    expect(pack.care).toHaveLength(12);
    expect(pack.care!.at(-1)).toMatchObject({ month: MONTH, longTermPeople: { nursing: 10, residential: 20 }, weeklyCost: { longTerm: 33_000 }, admissions: { "65+": 10 } });
  });

  it("leaves the care series out for a team without services, and formats pounds", () => {
    expect(hasCareActivity([])).toBe(false);
    expect(reportSeriesFor([], false).some((s) => s.key.startsWith("care:"))).toBe(false);
    expect(formatSeriesValue(134_081.4, "pounds")).toBe("£134,081");
    expect(formatSeriesValue(-2_340, "pounds")).toBe("−£2,340");
  });
});
