/*
 * Answers kept while the database is unchanged (db/kept-while-unchanged.ts):
 * read again after any change, by this connection or another, and never kept
 * from inside a transaction that may yet be rolled back.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Connection } from "../../db/connection";
import { keptWhileUnchanged } from "../../db/kept-while-unchanged";
import { findTeamBySlug, listTeamWorkers } from "~/teams/teams.server";
import { tempDatabase } from "../helpers/temp-db";

let database: ReturnType<typeof tempDatabase>;
let other: Connection;
let teamId: number;

beforeEach(() => {
  database = tempDatabase();
  other = openDatabase(database.file);
  const serviceId = Number(database.sqlite.prepare("insert into services (name) values ('Adult Social Care')").run().lastInsertRowid);
  teamId = Number(database.sqlite.prepare("insert into teams (service_id, name, slug, type) values (?, 'North', 'north', 'locality')").run(serviceId).lastInsertRowid);
  database.sqlite.prepare("insert into workers (team_id, name, role) values (?, 'Alex Worker', 'practitioner')").run(teamId);
});
afterEach(() => {
  other.close();
  database.remove();
});

/** How many times `read` ran, asked `times` times in a row. */
function readsOf(times: number, key = "names") {
  let reads = 0;
  const read = () => {
    reads += 1;
    return database.sqlite.prepare("select name from workers order by name").pluck().all() as string[];
  };
  let answer: string[] = [];
  for (let i = 0; i < times; i++) answer = keptWhileUnchanged(database.db, key, read);
  return { reads, answer };
}

describe("answers kept while the database is unchanged", () => {
  it("reads once while nothing changes, and keeps different keys apart", () => {
    expect(readsOf(5)).toEqual({ reads: 1, answer: ["Alex Worker"] });
    expect(readsOf(3).reads).toBe(0);
    expect(readsOf(3, "other key").reads).toBe(1);
  });

  it("reads again after another connection (another process) commits a change", () => {
    readsOf(1);
    other.sqlite.prepare("insert into workers (team_id, name, role) values (?, 'Sam Worker', 'practitioner')").run(teamId);
    expect(readsOf(2)).toEqual({ reads: 1, answer: ["Alex Worker", "Sam Worker"] });
  });

  it("reads again after this connection changes anything, even another table", () => {
    readsOf(1);
    database.sqlite.prepare("update workers set name = 'Alex Carer' where name = 'Alex Worker'").run();
    expect(readsOf(2)).toEqual({ reads: 1, answer: ["Alex Carer"] });
    database.sqlite.prepare("insert into app_settings (key, value) values ('anything', 'x')").run();
    expect(readsOf(1).reads).toBe(1);
  });

  it("keeps nothing read inside a transaction, so a rolled-back change is never served", () => {
    readsOf(1);
    database.sqlite.exec("BEGIN");
    database.sqlite.prepare("insert into workers (team_id, name, role) values (?, 'Rolled Back', 'practitioner')").run(teamId);
    expect(readsOf(2)).toEqual({ reads: 2, answer: ["Alex Worker", "Rolled Back"] });
    database.sqlite.exec("ROLLBACK");
    expect(readsOf(2)).toEqual({ reads: 1, answer: ["Alex Worker"] });
  });

  it("keeps large answers on a shelf of their own, emptied when full without touching the small answers", () => {
    readsOf(1, "small");
    const big = { shelf: "pages", most: 2 };
    let reads = 0;
    const read = () => ({ text: `page ${++reads}` });
    const first = keptWhileUnchanged(database.db, "a", read, big);
    keptWhileUnchanged(database.db, "b", read, big);
    expect(keptWhileUnchanged(database.db, "a", read, big)).toBe(first);
    expect(reads).toBe(2);
    // A third page empties the shelf: "a" is read again, the small answer is still kept.
    keptWhileUnchanged(database.db, "c", read, big);
    expect(keptWhileUnchanged(database.db, "a", read, big)).not.toBe(first);
    expect(reads).toBe(4);
    expect(readsOf(1, "small").reads).toBe(0);
    // The same key on another shelf is another answer.
    expect(readsOf(1, "a").reads).toBe(1);
  });

  it("shares a frozen answer, so a caller cannot change it for the next", () => {
    const workers = listTeamWorkers(database.db, teamId);
    expect(listTeamWorkers(database.db, teamId)).toBe(workers);
    expect(() => (workers as unknown as { name: string }[]).push({ name: "Intruder" })).toThrow(TypeError);
    expect(() => ((workers[0] as { name: string }).name = "Changed")).toThrow(TypeError);
    const team = findTeamBySlug(database.db, "north")!;
    expect(() => ((team as { name: string }).name = "South")).toThrow(TypeError);
    // A rename is seen at once.
    other.sqlite.prepare("update teams set name = 'North and West' where id = ?").run(teamId);
    expect(findTeamBySlug(database.db, "north")?.name).toBe("North and West");
  });
});
