/*
 * After a load, a serving process's care book is brought up to date from the
 * rows the load wrote (recorded in data_changes in the load's transaction)
 * rather than read again whole (issue 18: 340,000 rows at the large council,
 * seconds of waiting for the first team pages after each load). Through the
 * real import pipeline on a real SQLite file: the book brought up to date is
 * the book read whole, and a change that was not recorded is read whole.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { teams } from "../../db/schema";
import { SYSTEM } from "~/audit/audit.server";
import { careBook, careBookReady } from "~/care/care-book.server";
import { careMonths } from "~/care/care-figures";
import { monthRange } from "~/dates";
import { runImport } from "~/import/pipeline.server";
import { dataVersion, newDataVersion } from "~/work-figures/figures-cache.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

const WORKED_EXAMPLE = path.resolve("tests/fixtures/care-worked-example.csv");
const HEADER = fs.readFileSync(WORKED_EXAMPLE, "utf8").split("\n")[0]!;
/** The worked example a month on: S1 costs more, S2 is another person's, S8 is new; V1 is reopened and V2 done. */
const NEXT_EXTRACT = [
  HEADER,
  "P1,Service,S1,10/01/2026,,,,Team R,,,Long Term Support: Residential Care,950,Weekly,,01/05/1950",
  "P5,Service,S2,01/02/2026,15/04/2026,,,Team R,,,Long term support: Community,22,Hourly,10,01/05/1950",
  "P6,Service,S8,02/05/2026,,,,Team R,,,Long term support: Nursing care,1100,Weekly,,01/05/1940",
  "P3,Review,V1,20/04/2026,,,Planned,Team R,,,,,,,",
  "P1,Review,V2,01/04/2026,20/04/2026,Package change,Planned,Team R,,,,,,,",
  "P9,Request,Q1,02/05/2026,,,,Team R,,,,,,,",
].join("\n");

let database: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  database = tempDatabase();
  loadWorkedExample(database.db);
  const first = await runImport({ databasePath: database.file, file: WORKED_EXAMPLE, actor: SYSTEM, createMissing: true });
  expect(first.status).toBe("loaded");
});
afterAll(() => database?.remove());

/** The book read whole, by a connection that holds none. */
function readWhole() {
  const other = openDatabase(database.file);
  try {
    return careBook(other.db);
  } finally {
    other.close();
  }
}

const figuresOf = (book: ReturnType<typeof readWhole>) => {
  const teamR = database.db
    .select()
    .from(teams)
    .all()
    .find((t) => t.name === "Team R")!;
  return careMonths(book, { teamId: teamR.id }, monthRange("2026-01", "2026-06"), "2026-06-20");
};

describe("the care book after a load", () => {
  it("is brought up to date from the rows the load wrote, and is the book read whole", async () => {
    const before = await careBookReady(database.db);
    const versionBefore = dataVersion(database.db);
    const file = path.join(database.dir, "next.csv");
    fs.writeFileSync(file, NEXT_EXTRACT + "\n");
    const report = await runImport({ databasePath: database.file, file, actor: SYSTEM, createMissing: true });
    expect(report.problems).toEqual([]);
    expect(report.fileProblems).toEqual([]);
    expect(report).toMatchObject({ status: "loaded", servicesAdded: 1, servicesUpdated: 2, added: 2, updated: 1 });

    // The load recorded what it wrote, with the version it made from the one before.
    const recorded = database.sqlite.prepare("select version, previous, work_item_refs as items, service_refs as services from data_changes").all() as {
      version: string;
      previous: string;
      items: string;
      services: string;
    }[];
    expect(recorded.at(-1)).toEqual({ version: dataVersion(database.db), previous: versionBefore, items: expect.any(String), services: expect.any(String) });
    expect(JSON.parse(recorded.at(-1)!.items).sort()).toEqual(["Q1", "V1", "V2"]);
    expect(JSON.parse(recorded.at(-1)!.services).sort()).toEqual(["S1", "S2", "S8"]);

    const after = await careBookReady(database.db);
    const whole = readWhole();
    expect(after.services).toEqual(whole.services);
    expect(after.reviews).toEqual(whole.reviews);
    // V1 was reopened: no longer a completed review; V2 is one now.
    expect(before.reviews.map((r) => r.sourceRef)).toContain("V1");
    expect(after.reviews.map((r) => r.sourceRef)).toContain("V2");
    expect(after.reviews.map((r) => r.sourceRef)).not.toContain("V1");
    expect(figuresOf(after)).toEqual(figuresOf(whole));
    expect(figuresOf(after)).not.toEqual(figuresOf(before));
    // Brought up to date, not read again: the rows the load did not write are the same objects as before.
    const unchanged = (book: typeof before) => book.services.find((s) => s.sourceRef === "S4");
    expect(unchanged(after)).toBe(unchanged(before));
    expect(after.services.find((s) => s.sourceRef === "S1")!.unitCost).toBe(950);
  });

  it("is the same book, its figures kept, after a load that changed nothing it holds (a request's date)", async () => {
    const before = await careBookReady(database.db);
    const file = path.join(database.dir, "request-moved.csv");
    fs.writeFileSync(file, NEXT_EXTRACT.replace("P9,Request,Q1,02/05/2026", "P9,Request,Q1,03/05/2026") + "\n");
    const versionBefore = dataVersion(database.db);
    const report = await runImport({ databasePath: database.file, file, actor: SYSTEM, createMissing: true });
    expect(report).toMatchObject({ status: "loaded", updated: 1, servicesUpdated: 0 });
    expect(dataVersion(database.db)).not.toBe(versionBefore);
    expect(await careBookReady(database.db)).toBe(before);
  });

  it("is not sent rows whose change it cannot see: a review's outcome", async () => {
    const before = await careBookReady(database.db);
    const file = path.join(database.dir, "outcome-recorded.csv");
    fs.writeFileSync(
      file,
      NEXT_EXTRACT.replace("P9,Request,Q1,02/05/2026", "P9,Request,Q1,03/05/2026").replace(",Package change,", ",Continuation of support or services,") + "\n",
    );
    const report = await runImport({ databasePath: database.file, file, actor: SYSTEM, createMissing: true });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ status: "loaded", updated: 1, servicesUpdated: 0 });
    const recorded = database.sqlite.prepare("select work_item_refs as items, service_refs as services from data_changes order by seq desc limit 1").get();
    expect(recorded).toEqual({ items: "[]", services: "[]" });
    expect(await careBookReady(database.db)).toBe(before);
  });

  it("is read again whole when the data changed in a way no load recorded (the demo council loaded, say)", async () => {
    const before = await careBookReady(database.db);
    database.db.transaction((tx) => newDataVersion(tx as never));
    const after = await careBookReady(database.db);
    expect(after).not.toBe(before);
    expect(after.services).toEqual(before.services);
    expect(after.services.find((s) => s.sourceRef === "S4")).not.toBe(before.services.find((s) => s.sourceRef === "S4"));
  });
});
