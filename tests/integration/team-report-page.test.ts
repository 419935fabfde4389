/*
 * A team report's data text, kept while the database is unchanged
 * (app/team-report/team-report-page.server.ts): the same text for the same team,
 * filters, day and viewer's rights; counted again after any write, by any
 * connection; never one viewer's text for a viewer with other rights.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Connection } from "../../db/connection";
import { readSentText } from "~/http/sent-as-text";
import { loadSignedInUser, type SignedInUser } from "~/people/users.server";
import { rereadEnv } from "~/platform/env-cache.server";
import { teamContextFor } from "~/reports/team-context.server";
import { teamReportPage } from "~/team-report/team-report-page.server";
import { demoCredentials } from "../helpers/http-sign-in";
import { demoCouncilDatabase } from "../helpers/temp-db";
import { runToday } from "../helpers/today";

let database: Awaited<ReturnType<typeof demoCouncilDatabase>>;
let other: Connection;
let headOfService: SignedInUser;
let practitioner: SignedInUser;
let slug: string;

function userWithEmail(email: string): SignedInUser {
  const id = database.sqlite.prepare("select id from users where email = ?").pluck().get(email) as number;
  return loadSignedInUser(database.db, id)!;
}

async function page(user: SignedInUser, search = "") {
  return teamReportPage(await teamContextFor(user, database.db, slug, new URL(`http://localhost/teams/${slug}${search}`)));
}

beforeAll(async () => {
  database = await demoCouncilDatabase(runToday());
  other = openDatabase(database.file);
  headOfService = userWithEmail(demoCredentials("head_of_service")[0]);
  practitioner = userWithEmail(demoCredentials("practitioner")[0]);
  // The practitioner's own team, which the head of service sees too.
  slug = database.sqlite.prepare("select slug from teams where id = ?").pluck().get(practitioner.ownTeamId) as string;
});

afterAll(() => {
  other.close();
  database.remove();
});

describe("a team report's data, kept while the database is unchanged", () => {
  it("is the same text, not counted again, while nothing changes", async () => {
    const first = await page(headOfService);
    expect(await page(headOfService)).toBe(first);
    // Other filters are another text, kept in turn.
    const filtered = await page(headOfService, "?from=2026-01");
    expect(filtered).not.toBe(first);
    expect(readSentText(filtered).query.from).toBe("2026-01");
    expect(await page(headOfService, "?from=2026-01")).toBe(filtered);
  });

  it("is counted again after another connection (a load, the other serving process) writes anything", async () => {
    const before = await page(headOfService);
    const worker = readSentText(before).workers[0]!;
    other.sqlite.prepare("update workers set name = 'Renamed Elsewhere' where id = ?").run(worker.id);
    const after = await page(headOfService);
    expect(after).not.toBe(before);
    expect(readSentText(after).workers.find((w) => w.id === worker.id)?.name).toBe("Renamed Elsewhere");
    expect(readSentText(after).workerRows?.find((w) => w.id === worker.id)?.name).toBe("Renamed Elsewhere");
  });

  it("is counted again after this connection writes anything, even to another table", async () => {
    const before = await page(headOfService);
    database.sqlite.prepare("insert into app_settings (key, value) values ('unrelated', 'x') on conflict (key) do update set value = value || 'x'").run();
    expect(await page(headOfService)).not.toBe(before);
  });

  it("keeps viewers with other rights apart: a practitioner never gets the head of service's text, nor the reverse", async () => {
    const head = await page(headOfService);
    const own = await page(practitioner);
    expect(own).not.toBe(head);
    const seenByPractitioner = readSentText(own);
    const seenByHead = readSentText(head);
    // The head of service sees every worker and the workers' table; the practitioner neither.
    expect(seenByHead.workerRows).not.toBeNull();
    expect(seenByPractitioner.workerRows).toBeNull();
    expect(seenByPractitioner.workers.length).toBeLessThan(seenByHead.workers.length);
    expect(await page(headOfService)).toBe(head);
    expect(await page(practitioner)).toBe(own);
  });

  it("is counted again on another day, even with nothing written", async () => {
    const today = await page(headOfService);
    const pinned = process.env.PRIMED_TODAY;
    try {
      process.env.PRIMED_TODAY = "2026-12-31";
      rereadEnv();
      const later = await page(headOfService);
      expect(later).not.toBe(today);
      expect(readSentText(later).query.asOf).toBe("2026-12-31");
    } finally {
      if (pinned === undefined) delete process.env.PRIMED_TODAY;
      else process.env.PRIMED_TODAY = pinned;
      rereadEnv();
    }
  });
});
