/*
 * A first load with the database to itself writes its pages once, with the
 * rollback journal, and leaves the file in write-ahead logging as it found it
 * (app/import/first-load-journal.server.ts); with anything else connected it
 * keeps the log, without waiting.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM } from "~/audit/audit.server";
import { runImport } from "~/import/pipeline.server";
import { backToWriteAheadLog, writeOnceIfAlone } from "~/import/first-load-journal.server";
import { tempDatabase } from "../helpers/temp-db";

const HEADER = "LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Event End Date,Team,Worker,Allocated Date,Due Date";
const rows = Array.from({ length: 300 }, (_, i) => `P${i},Request,FL-${i},02/03/2026,,Team F,,,`);

let database: ReturnType<typeof tempDatabase>;
let file: string;
beforeEach(() => {
  database = tempDatabase();
  file = path.join(database.dir, "first.csv");
  fs.writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
});
afterEach(() => database.remove());

describe("a first load's journal", () => {
  it("is the rollback journal when nothing else has the database open, and the log again afterwards", () => {
    database.close();
    const alone = new Database(database.file);
    try {
      alone.pragma("busy_timeout = 5000");
      expect(writeOnceIfAlone(alone)).toBe(true);
      expect(alone.pragma("journal_mode", { simple: true })).toBe("delete");
      expect(alone.pragma("busy_timeout", { simple: true })).toBe(5000);
      backToWriteAheadLog(alone);
      expect(alone.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      alone.close();
    }
  });

  it("stays the log, at once, while another connection has the database open", () => {
    const other = new Database(database.file);
    try {
      other.pragma("busy_timeout = 5000");
      // `database` holds it open too: the attempt is refused without waiting out the busy timeout.
      expect(writeOnceIfAlone(other)).toBe(false);
      expect(other.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(other.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      other.close();
    }
  });

  it("leaves a first load's rows in, the file whole and in write-ahead logging, alone or not", async () => {
    const load = () => runImport({ databasePath: database.file, file, actor: SYSTEM, createMissing: true });
    // Alone: the helper's connection closed.
    database.close();
    expect(await load()).toMatchObject({ status: "loaded", added: 300 });
    const after = new Database(database.file);
    try {
      expect(after.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(after.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(after.prepare("select count(*) from work_items where source_ref like 'FL-%'").pluck().get()).toBe(300);
      // Not alone: a second database, another connection open on it.
      after.prepare("delete from work_items").run();
      after.prepare("delete from care_services").run();
      expect(await load()).toMatchObject({ status: "loaded", added: 300 });
      expect(after.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(after.prepare("select count(*) from work_items").pluck().get()).toBe(300);
    } finally {
      after.close();
    }
  });
});
