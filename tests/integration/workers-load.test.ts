/*
 * A team page's rows of workers' load (app/reports/workers-load.server.ts):
 * kept while the database is unchanged, and never older than it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { addWorkerNote, workersLoad } from "~/reports/workers-load.server";
import { findTeam, listTeamWorkers } from "~/teams/teams.server";
import { tempDatabase } from "../helpers/temp-db";
import { loadWorkedExample } from "../helpers/worked-example";

let database: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  database = tempDatabase();
  loadWorkedExample(database.db);
});
afterEach(() => database.remove());

describe("the workers' load on a team page", () => {
  it("is counted once while nothing changes, and shows a note written since at once", () => {
    const { db } = database;
    const team = findTeam(db, "Team A")!;
    const workers = listTeamWorkers(db, team.id);
    const first = workersLoad(db, team.id, workers, "2026-03-31");
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((row) => row.latestNote === null)).toBe(true);
    // Nothing written: the same rows, not counted again.
    expect(workersLoad(db, team.id, workers, "2026-03-31")).toBe(first);
    // Another as-of date is other rows.
    expect(workersLoad(db, team.id, workers, "2026-03-15")).not.toBe(first);

    const author = db
      .insert(users)
      .values({ email: "manager@example.org", name: "Team Manager", role: "team_manager", passwordHash: "x", createdAt: new Date().toISOString() })
      .returning()
      .get();
    addWorkerNote(db, author, workers[0]!.id, "Covering for leave until April");
    const after = workersLoad(db, team.id, workers, "2026-03-31");
    expect(after).not.toBe(first);
    expect(after.find((row) => row.id === workers[0]!.id)?.latestNote).toMatchObject({ note: "Covering for leave until April", by: "Team Manager" });
    // Figures unchanged by a note.
    expect(after.map(({ latestNote: _, ...rest }) => rest)).toEqual(first.map(({ latestNote: _, ...rest }) => rest));
  });
});
