import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkedExample } from "../helpers/worked-example";
import { tempDatabase } from "../helpers/temp-db";
import { builtCommand } from "../helpers/built-command";

let database: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
  database.close();
});
afterAll(() => database.remove());

function primed(...args: string[]) {
  const result = spawnSync(...builtCommand("bin/primed.ts", args), {
    env: { ...process.env, DATABASE_PATH: database.file },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("primed report --json on the worked example", () => {
  it("prints exactly one JSON object matching docs/command-line.md, with only due for months after the as-of month", () => {
    const { code, out, err } = primed("report", "--team", "Team A", "--from", "2026-02", "--to", "2026-05", "--as-of", "2026-04-10", "--json");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(out)).toEqual({
      team: "Team A",
      worker: null,
      asOf: "2026-04-10",
      months: [
        {
          month: "2026-02",
          received: 3,
          allocated: 3,
          awaitingAllocation: 0,
          overdue: 0,
          due: 1,
          completed: 1,
          completedOnTime: 0,
          completedLate: 1,
          medianDaysToComplete: 54,
          assessmentOutcomes: { "Progress to reablement/ST-Max": 1 },
        },
        {
          month: "2026-03",
          received: 3,
          allocated: 2,
          awaitingAllocation: 1,
          overdue: 2,
          due: 5,
          completed: 3,
          completedOnTime: 2,
          completedLate: 1,
          medianDaysToComplete: 29,
          assessmentOutcomes: {
            "Progress to support planning or services": 1,
            "NFA: Information and advice or signposting": 1,
          },
        },
        {
          // Current month as of 10 April: stocks on 10 April, #5 due on the 12th counts.
          month: "2026-04",
          received: 0,
          allocated: 1,
          awaitingAllocation: 1,
          overdue: 1,
          due: 1,
          completed: 1,
          completedOnTime: 0,
          completedLate: 1,
          medianDaysToComplete: 41,
          assessmentOutcomes: { "NFA: Support declined": 1 },
        },
        {
          month: "2026-05",
          received: null,
          allocated: null,
          awaitingAllocation: null,
          overdue: null,
          due: 0,
          completed: null,
          completedOnTime: null,
          completedLate: null,
          medianDaysToComplete: null,
          assessmentOutcomes: null,
        },
      ],
    });
  });

  it("finds the team by slug and reports one worker", () => {
    const { code, out } = primed("report", "--team", "team-a", "--worker", "Alex Worker", "--from", "2026-03", "--to", "2026-03", "--as-of", "2026-06-30", "--json");
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.worker).toBe("Alex Worker");
    // Alex's March: #1 and #6 completed, both on time.
    expect(report.months[0]).toMatchObject({ completed: 2, completedOnTime: 2, completedLate: 0, due: 2 });
  });
});

describe("primed report refuses bad requests with a clear error and a non-zero exit", () => {
  const cases: [string, string[], RegExp][] = [
    ["an unknown team", ["--team", "Nowhere", "--from", "2026-01", "--to", "2026-02"], /No team is called "Nowhere"/],
    ["a bad month", ["--team", "team-a", "--from", "2026-13", "--to", "2026-02"], /--from must be a month as YYYY-MM/],
    ["a bad date", ["--team", "team-a", "--from", "2026-01", "--to", "2026-02", "--as-of", "2026-02-30"], /--as-of must be a real date/],
    ["--from after --to", ["--team", "team-a", "--from", "2026-03", "--to", "2026-02"], /--from must not be after --to/],
    ["a missing --to", ["--team", "team-a", "--from", "2026-03"], /--to is required/],
    ["an unknown worker", ["--team", "team-a", "--worker", "Nobody", "--from", "2026-03", "--to", "2026-03"], /has no worker called "Nobody"/],
    ["an unknown option", ["--team", "team-a", "--colour", "red"], /Unknown option '--colour'/],
  ];
  it.each(cases)("%s", (_name, args, message) => {
    const { code, out, err } = primed("report", ...args);
    expect(code).not.toBe(0);
    expect(out).toBe("");
    expect(err).toMatch(message);
  });

  it("an unknown command", () => {
    const { code, err } = primed("reprot");
    expect(code).toBe(1);
    expect(err).toMatch(/Unknown command "reprot"/);
  });

  // From the sources under tsx, as `npm run primed` runs it; the other tests run the build's copy (helpers/built-command.ts).
  it("a bad environment variable, from the sources as npm run primed runs them", () => {
    const result = spawnSync("node_modules/.bin/tsx", ["bin/primed.ts", "teams"], {
      env: { ...process.env, DATABASE_PATH: database.file, PRIMED_DEMO: "maybe" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PRIMED_DEMO="maybe": must be "on" or "off"/);
  });
});
