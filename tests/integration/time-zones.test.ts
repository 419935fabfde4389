/*
 * The same extract, loaded and counted by processes in four time zones, gives
 * the same due dates and the same figures. A council server usually runs in
 * Europe/London, where date maths through local time once looped for ever over
 * any March (the clocks change on its last Sunday) and set default due dates
 * that crossed the change a day early. Each command has a time limit, so a
 * hang fails here instead of stopping the suite.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtCommand } from "../helpers/built-command";
import { tempDatabase } from "../helpers/temp-db";

const TIME_ZONES = ["Europe/London", "UTC", "America/New_York", "Pacific/Auckland"];
const HEADER =
  "LA Code,LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Event End Date,Event Outcome,Client Type,Assessment Type,Review Reason,Team,Worker,Allocated Date,Due Date";
// Received before the clocks change on 29 March 2026 (and, for the concern, before Easter), due after it.
const ROWS = [
  "E09000099,P1,Assessment,TZ-1,02/03/2026,,,Service user,Long term assessment,,Team T,Alex Worker,03/03/2026,",
  "E09000099,P2,Request,TZ-2,27/03/2026,,,Service user,,,Team T,,,",
  "E09000099,P3,Safeguarding Concern,TZ-3,02/04/2026,,,Service user,,,Team T,,,",
  "E09000099,P4,Assessment,TZ-4,01/03/2026,31/03/2026,Progress to support planning or services,Service user,Long term assessment,,Team T,Alex Worker,02/03/2026,",
  "E09000099,P5,Review,TZ-5,2026-10-01,,,Service user,,Unplanned,Team T,,,",
];

let database: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  database = tempDatabase();
  database.close();
  fs.writeFileSync(path.join(database.dir, "extract.csv"), [HEADER, ...ROWS].join("\n") + "\n");
});
afterAll(() => database.remove());

function primed(timeZone: string, ...args: string[]) {
  // Node itself on the build's copy, not the tsx command: a timeout's kill then reaches the process doing the
  // work (the tsx command runs it as a child, which a hang would leave spinning after the test).
  const result = spawnSync(...builtCommand("bin/primed.ts", args), {
    env: { ...process.env, TZ: timeZone, DATABASE_PATH: database.file },
    encoding: "utf8",
    // Far more than either command needs even on a loaded machine; only a hang reaches it.
    timeout: 90_000,
    killSignal: "SIGKILL",
  });
  return { code: result.status, out: result.stdout, err: result.stderr, timedOut: result.error !== undefined };
}

describe("dates whatever the server's time zone", () => {
  it("loads default due dates that cross the clock changes on the right calendar day", () => {
    const load = primed("Europe/London", "import", path.join(database.dir, "extract.csv"), "--create-missing");
    expect(load.timedOut, load.err).toBe(false);
    expect(load.code, load.out + load.err).toBe(0);
    const db = new Database(database.file, { readonly: true });
    const due = Object.fromEntries(
      (db.prepare("SELECT source_ref AS ref, due_on AS due FROM work_items ORDER BY source_ref").all() as { ref: string; due: string }[]).map((r) => [r.ref, r.due]),
    );
    db.close();
    expect(due).toEqual({
      "TZ-1": "2026-03-30", // 28 days, across the start of British Summer Time
      "TZ-2": "2026-04-03", // 7 days
      "TZ-3": "2026-04-08", // 2 working days from Thursday 2 April: Good Friday and Easter Monday are skipped
      "TZ-4": "2026-03-29", // 28 days, to the very day the clocks change
      "TZ-5": "2026-10-29", // 28 days, across the end of British Summer Time
    });
  });

  it("counts the same figures over a March and an October in every time zone", () => {
    const outputs = TIME_ZONES.map((timeZone) => {
      const report = primed(timeZone, "report", "--team", "Team T", "--from", "2026-02", "--to", "2026-11", "--as-of", "2026-11-15", "--json");
      expect(report.timedOut, `${timeZone}: ${report.err}`).toBe(false);
      expect(report.code, `${timeZone}: ${report.err}`).toBe(0);
      return report.out;
    });
    for (const [index, output] of outputs.entries()) expect(output, TIME_ZONES[index]).toBe(outputs[0]);
    const march = (JSON.parse(outputs[0]!) as { months: { month: string; due: number; completed: number; completedOnTime: number }[] }).months.find((m) => m.month === "2026-03");
    expect(march).toMatchObject({ due: 2, completed: 1, completedOnTime: 0 });
  });
});
