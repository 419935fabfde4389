/*
 * The care book read a slice at a time (issue 18: read in one go it held
 * every request of a serving process for 2 to 3 s at the large council, and
 * the morning rush missed its targets). On the demo council in a real SQLite
 * file: the book read in slices is the book read in one go; requests run
 * between slices; a load landing mid-read gives the newer data's book.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { careServices, teams } from "../../db/schema";
import { careBook, careBookReady } from "~/care/care-book.server";
import { careMonths } from "~/care/care-figures";
import { monthRange } from "~/dates";
import { newDataVersion, newFiguresVersion } from "~/work-figures/figures-cache.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-20";
let database: ReturnType<typeof tempDatabase>;

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
}, 120_000);

afterAll(() => database?.remove());

/** A second connection to the same file: a book is held per connection, so this one reads afresh. */
function otherConnection() {
  return openDatabase(database.file);
}

describe("the care book read a slice at a time", () => {
  it("is the book read in one go: the same services, reviews and figures", async () => {
    const other = otherConnection();
    try {
      const sliced = await careBookReady(other.db);
      const whole = careBook(database.db);
      expect(sliced).not.toBe(whole);
      expect(sliced.services).toEqual(whole.services);
      expect(sliced.reviews).toEqual(whole.reviews);
      expect(sliced.services.length).toBeGreaterThan(10_000);
      const months = monthRange("2025-11", "2026-11");
      for (const team of database.db.select().from(teams).all()) {
        expect(careMonths(sliced, { teamId: team.id }, months, TODAY)).toEqual(careMonths(whole, { teamId: team.id }, months, TODAY));
      }
      // Once read, it is the book the figures use, without reading again.
      expect(careBook(other.db)).toBe(sliced);
      expect(await careBookReady(other.db)).toBe(sliced);
    } finally {
      other.close();
    }
  });

  it("lets other work run between its slices, and is read once however many pages ask for it meanwhile", async () => {
    const other = otherConnection();
    let turns = 0;
    let counting = true;
    const countTurns = () => {
      turns += 1;
      if (counting) setImmediate(countTurns);
    };
    try {
      setImmediate(countTurns);
      const first = careBookReady(other.db);
      expect(careBookReady(other.db)).toBe(first);
      const book = await first;
      counting = false;
      // Read in one go, nothing else would have run before it was ready.
      expect(turns).toBeGreaterThan(2);
      expect(book.services.length).toBeGreaterThan(10_000);
    } finally {
      counting = false;
      other.close();
    }
  });

  it("gives the newer data's book when a load lands while it is read", async () => {
    const other = otherConnection();
    const before = careBook(database.db).services.length;
    try {
      const reading = careBookReady(other.db);
      // Between two slices, a load elsewhere adds a service in its transaction, with a new data version.
      await new Promise((resolve) => setImmediate(resolve));
      const team = database.db.select().from(teams).get()!;
      database.db.transaction((tx) => {
        tx.insert(careServices)
          .values({
            sourceRef: "SLICES-NEW-1",
            personRef: "SLICES-PERSON-1",
            teamId: team.id,
            serviceType: "lt_community",
            serviceTypeRaw: "Long term support: Community",
            startsOn: "2026-11-02",
            unitCost: 100,
            costFrequency: "weekly",
            weeklyCost: 100,
          })
          .run();
        newDataVersion(tx as never);
      });
      const book = await reading;
      expect(book.services).toHaveLength(before + 1);
      expect(book.services.some((s) => s.sourceRef === "SLICES-NEW-1")).toBe(true);
    } finally {
      other.close();
    }
  });

  it("is not read again when only the month figures are stored again after a load", async () => {
    const other = otherConnection();
    try {
      const book = await careBookReady(other.db);
      newFiguresVersion(database.db);
      expect(await careBookReady(other.db)).toBe(book);
      newDataVersion(database.db);
      expect(await careBookReady(other.db)).not.toBe(book);
    } finally {
      other.close();
    }
  });
});
