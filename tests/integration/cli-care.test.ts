/* `npm run primed -- care` on the care worked example (docs/definitions.md#care-and-support), as a separate process. */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCareWorkedExample } from "../helpers/care-worked-example";
import { tempDatabase } from "../helpers/temp-db";
import { builtCommand } from "../helpers/built-command";

let database: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  database = tempDatabase();
  loadCareWorkedExample(database.db);
  database.close();
});
afterAll(() => database.remove());

function primed(...args: string[]) {
  const result = spawnSync(...builtCommand("bin/primed.ts", args), { env: { ...process.env, DATABASE_PATH: database.file }, encoding: "utf8" });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const zeroPeople = { nursing: 0, residential: 0, community: 0, prison: 0 };
const noAdmissions = { "18-64": 0, "65+": 0, unknown: 0 };
const noReviews = { reviewsCosted: 0, reviewsTooRecent: 0, reviewCostChange: 0, reviewsReduced: 0, reviewsIncreased: 0, reviewsUnchanged: 0 };

describe("primed care --json on the worked example", () => {
  it("prints exactly one JSON object with the worked example's figures, and nulls after the as-of month", { timeout: 60_000 }, () => {
    const { code, out, err } = primed("care", "--team", "Team R", "--from", "2026-01", "--to", "2026-07", "--as-of", "2026-06-30", "--json");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.trim().split("\n")).toHaveLength(1);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(["team", "worker", "asOf", "months"]);
    expect(report).toMatchObject({ team: "Team R", worker: null, asOf: "2026-06-30" });
    const [jan, feb, mar, apr, may, jun, jul] = report.months;
    expect(jan).toEqual({
      month: "2026-01",
      longTermPeople: { ...zeroPeople, residential: 1 },
      weeklyCost: { longTerm: 900, shortTerm: 0, carer: 0 },
      costNotKnown: 0,
      started: 1,
      startedWeeklyCost: 900,
      oneOffCost: 0,
      ended: 0,
      endedWeeklyCost: 0,
      admissions: { ...noAdmissions, "65+": 1 },
      averagePlacementCost: { residential: 900, nursing: null },
      ...noReviews,
      longTermClients: 1,
      reviewedInLast12Months: 0,
      reviewsOverdue: 0,
    });
    expect(feb).toMatchObject({ longTermPeople: { ...zeroPeople, residential: 1, community: 1 }, weeklyCost: { longTerm: 1120 }, started: 1, startedWeeklyCost: 220 });
    expect(mar).toMatchObject({
      started: 2,
      startedWeeklyCost: 420,
      oneOffCost: 450,
      ended: 1,
      endedWeeklyCost: 0,
      longTermPeople: { ...zeroPeople, residential: 1, community: 2 },
      weeklyCost: { longTerm: 1540, shortTerm: 0, carer: 0 },
      // P1's first review fell due on 7 March, P2's on 29 March.
      reviewsOverdue: 2,
    });
    expect(apr).toMatchObject({
      longTermPeople: { nursing: 1, residential: 1, community: 1, prison: 0 },
      weeklyCost: { longTerm: 2520 },
      started: 1,
      startedWeeklyCost: 1200,
      ended: 1,
      endedWeeklyCost: 220,
      admissions: { ...noAdmissions, "65+": 1 },
      averagePlacementCost: { residential: 900, nursing: 1200 },
    });
    expect(may).toMatchObject({
      started: 2,
      startedWeeklyCost: 580,
      ended: 2,
      endedWeeklyCost: 720,
      weeklyCost: { longTerm: 2380, shortTerm: 0, carer: 0 },
      reviewsCosted: 1,
      reviewCostChange: -140,
      reviewsReduced: 1,
      reviewsIncreased: 0,
      reviewsUnchanged: 0,
    });
    expect(jun).toMatchObject({ longTermClients: 3, reviewedInLast12Months: 1, reviewsOverdue: 2 });
    expect(Object.values(jul).filter((value) => value !== "2026-07")).toEqual(Array(19).fill(null));
  });

  it("prints a readable table without --json", { timeout: 60_000 }, () => {
    const { code, out } = primed("care", "--team", "team-r", "--from", "2026-04", "--to", "2026-06", "--as-of", "2026-06-30");
    expect(code).toBe(0);
    expect(out).toContain("Care and support, Team R, as of 2026-06-30");
    expect(out).toMatch(/2026-05 .* 2,380 /);
  });

  it.each([
    [["--from", "2026-01", "--to", "2026-02"], "--team is required"],
    [["--team", "Team R", "--from", "2026-13", "--to", "2026-02"], "--from must be a month as YYYY-MM"],
    [["--team", "Team R", "--from", "2026-03", "--to", "2026-02"], "--from must not be after --to"],
    [["--team", "Team R", "--from", "2026-01", "--to", "2026-02", "--as-of", "2026-02-30"], "--as-of must be a real date"],
    [["--team", "Nobody", "--from", "2026-01", "--to", "2026-02"], 'No team is called "Nobody"'],
    [["--team", "Team R", "--from", "2026-01", "--to", "2026-02", "--worker", "Ghost"], 'Team R has no worker called "Ghost"'],
  ])("refuses %j with a clear error and a non-zero exit", { timeout: 60_000 }, (args, message) => {
    const { code, out, err } = primed("care", ...args);
    expect(code).not.toBe(0);
    expect(out).toBe("");
    expect(err).toContain(message);
  });
});
