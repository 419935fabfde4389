/*
 * A serving process's page awaits the care book (careBookReady), then counts
 * its figures; a load can commit in between. The page then gets the book it
 * waited for, at once, and the new data's book is read a slice at a time for
 * the pages after it: reading it whole there held every request of the
 * process for seconds at a large council's scale (the morning rush, issue 22).
 * Only in a serving process: the command line and tests still read the data
 * as it is now (care-book-after-load.test.ts reads it whole).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "~/audit/audit.server";
import { careBook, careBookReady, careBooksForPages } from "~/care/care-book.server";
import { runImport } from "~/import/pipeline.server";
import { newDataVersion } from "~/work-figures/figures-cache.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

let database: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  database = tempDatabase();
  loadWorkedExample(database.db);
  const loaded = await runImport({ databasePath: database.file, file: path.resolve("tests/fixtures/care-worked-example.csv"), actor: SYSTEM, createMissing: true });
  expect(loaded.status).toBe("loaded");
  careBooksForPages();
});
afterAll(() => database?.remove());

/** A change to the services, as a load's transaction makes it: the rows and a new data version together. */
function dearerFirstService() {
  database.db.transaction(() => {
    database.sqlite.prepare("update care_services set weekly_cost = weekly_cost + 100 where id = (select min(id) from care_services)").run();
    newDataVersion(database.db);
  });
}

describe("a serving process's care book when a load lands mid-page", () => {
  it("gives the page the book it waited for, then the new data's book to the pages after it", async () => {
    const waitedFor = await careBookReady(database.db);
    const cost = waitedFor.services[0]!.weeklyCost;

    dearerFirstService();

    // The page already under way: the book it waited for, not one read whole while every request waits.
    expect(careBook(database.db)).toBe(waitedFor);
    // The next page waits for the new book, which has the change.
    const next = await careBookReady(database.db);
    expect(next).not.toBe(waitedFor);
    expect(next.services[0]!.weeklyCost).toBe(cost + 100);
    expect(careBook(database.db)).toBe(next);
    // The book the earlier page read is as it was.
    expect(waitedFor.services[0]!.weeklyCost).toBe(cost);
  });

  it("still reads the book whole when the process holds none yet", async () => {
    const other = tempDatabase();
    try {
      loadWorkedExample(other.db);
      expect(careBook(other.db).services).toEqual([]);
    } finally {
      other.remove();
    }
  });
});
