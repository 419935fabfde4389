/*
 * A save waits for the write lock between other requests: the process goes
 * on serving while a load holds the lock (app/http/write-lock-wait.server.ts).
 */
import Database from "better-sqlite3";
import type { Request, Response } from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitForWriteLock } from "~/http/write-lock-wait.server";
import { tempDatabase } from "../helpers/temp-db";

let database: ReturnType<typeof tempDatabase>;
let holder: Database.Database;

beforeEach(() => {
  database = tempDatabase();
  // Another connection (a load, say) holding the write lock.
  holder = new Database(database.file);
  holder.exec("BEGIN IMMEDIATE");
});
afterEach(() => {
  if (holder.inTransaction) holder.exec("ROLLBACK");
  holder.close();
  database.remove();
});

const request = (method: string) => ({ method }) as Request;
const passed = (middleware: ReturnType<typeof waitForWriteLock>, method: string) =>
  new Promise<number>((resolve) => {
    const started = performance.now();
    middleware(request(method), {} as Response, () => resolve(performance.now() - started));
  });
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a save while another connection holds the write lock", () => {
  it("waits for the lock without stopping the process, and goes on once it is free", async () => {
    const middleware = waitForWriteLock(database.file, { pollMs: 2 });
    let handedOn = false;
    const save = passed(middleware, "POST").then(() => (handedOn = true));
    // The process keeps running other work (other people's pages) meanwhile.
    let otherWork = 0;
    for (let i = 0; i < 5; i += 1) {
      await tick(5);
      otherWork += 1;
    }
    expect(otherWork).toBe(5);
    expect(handedOn, "handed on while the lock was held").toBe(false);
    holder.exec("COMMIT");
    await save;
    expect(handedOn).toBe(true);
    // And the save can now write at once.
    database.sqlite.exec("BEGIN IMMEDIATE");
    database.sqlite.exec("COMMIT");
  });

  it("never makes a page wait", async () => {
    const middleware = waitForWriteLock(database.file);
    for (const method of ["GET", "HEAD"]) {
      let handedOn = false;
      middleware(request(method), {} as Response, () => (handedOn = true));
      expect(handedOn, method).toBe(true);
    }
  });

  it("hands the save on after its limit, to meet the lock itself and say so", async () => {
    const middleware = waitForWriteLock(database.file, { pollMs: 2, limitMs: 30 });
    const waited = await passed(middleware, "POST");
    expect(waited).toBeGreaterThanOrEqual(30);
    expect(holder.inTransaction).toBe(true);
  });
});
