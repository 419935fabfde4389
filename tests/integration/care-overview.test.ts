/*
 * Care and cost on the service overview (/teams) and its CSV, over HTTP on a
 * real SQLite file: the demo council with the care worked example loaded as
 * "Team R" (docs/definitions.md#care-and-support-and-what-it-costs) and a
 * "Team Q" whose admissions to residential care rise every month from
 * February to June. The app runs with PRIMED_REVIEWED_TARGET=34, so the reviews
 * rule is seen to read the setting (Team R has 1 of 3 clients reviewed: 33%).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { careServices, teams } from "../../db/schema";
import { openDatabase } from "../../db/connection";
import { loadCareWorkedExample } from "../helpers/care-worked-example";
import { demoCouncilDatabase } from "../helpers/temp-db";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

const asOf = "2026-06-30";
let app: RunningApp;
let dir: { remove(): void };

/** Team Q: admissions to residential care of 1 in March, 2 in April, 3 in May and 4 in June (none in February). */
function loadRisingAdmissions(db: Parameters<typeof loadCareWorkedExample>[0], serviceId: number) {
  const team = db.insert(teams).values({ name: "Team Q", slug: "team-q", type: "locality", serviceId }).returning().get();
  const starts = ["2026-03-05", "2026-04-05", "2026-04-06", "2026-05-05", "2026-05-06", "2026-05-07", "2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08"];
  starts.forEach((startsOn, i) => {
    db.insert(careServices)
      .values({
        sourceRef: `CARE-OVERVIEW-Q${i + 1}`,
        personRef: `CARE-OVERVIEW-PERSON-Q${i + 1}`,
        teamId: team.id,
        serviceType: "lt_residential",
        serviceTypeRaw: "Long term support: Residential care",
        startsOn,
        unitCost: 1000,
        costFrequency: "weekly",
        weeklyCost: 1000,
        ageAtStart: 80,
      })
      .run();
  });
}

beforeAll(async () => {
  const database = await demoCouncilDatabase(runToday());
  const teamR = loadCareWorkedExample(database.db);
  loadRisingAdmissions(database.db, database.db.select().from(teams).where(eq(teams.id, teamR)).get()!.serviceId);
  database.close();
  dir = database;
  app = await startApp({ PRIMED_REVIEWED_TARGET: "34" }, { databasePath: database.file });
}, 300_000);
afterAll(async () => {
  await app?.stop();
  dir?.remove();
});

async function get(path: string, cookie: string) {
  const response = await fetch(`${app.url}${path}`, { headers: { Cookie: cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The page's main markup, without React's text separators. */
const main = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>")).replaceAll("<!-- -->", "");

/** A team's row of a table on the page, as its cells' markup. */
function rowCells(html: string, tableId: string, slug: string): string[] {
  const table = html.slice(html.indexOf(`id="${tableId}"`));
  const row = table.slice(table.indexOf(`data-team="${slug}"`), table.indexOf("</tr>", table.indexOf(`data-team="${slug}"`)));
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!);
}

const text = (cell: string) => cell.replace(/<[^>]+>/g, "").replaceAll("&#x27;", "'");
/** The figure of a cell, before its changes. */
const figure = (cell: string) => text(cell.slice(0, cell.indexOf('<span class="app-changes')));
const changes = (cell: string) => text(cell.slice(cell.indexOf('<span class="app-changes')));

/** The CSV's table (after the lines about it) as objects by heading. */
function csvRows(csv: string): Record<string, string>[] {
  const lines = csv.split("\r\n");
  const [header, ...rows] = lines.slice(lines.indexOf("") + 1).filter((line) => line !== "");
  const split = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replaceAll('""', '"')).slice(0, -1);
  const names = split(header!);
  return rows.map((line) => Object.fromEntries(split(line).map((value, i) => [names[i], value])));
}

describe("the service overview's care and cost, for a head of service", () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await signInOverHttp(app.url, ...demoCredentials("head_of_service"));
  });

  it("shows the worked example's April for Team R, with the change on March and a year before, each figure opening its list", async () => {
    const html = main(await get(`/teams?asOf=${asOf}&month=2026-04`, cookie));
    expect(html).toContain("Care and cost by team, April 2026; under each, the change on Mar 2026 and on Apr 2025");
    const [cost, residential, nursing, admissions, reviewed, overdue] = rowCells(html, "care-table", "team-r");
    expect([cost, residential, nursing, admissions, reviewed, overdue].map((c) => figure(c!))).toEqual(["£2,520", "1", "1", "1", "0%", "3"]);
    // March: £1,540 a week, 1 in residential care, none in nursing care, no admissions, 0 of 3 reviewed (a year before, no clients: no share), 2 overdue (P3's first review fell due on 26 April).
    expect([cost, residential, nursing, admissions, reviewed, overdue].map((c) => changes(c!))).toEqual([
      "+£980 · +£2,520",
      "no change · +1",
      "+1 · +1",
      "+1 · +1",
      "no change · –",
      "+1 · +3",
    ]);
    expect(cost).toContain('href="/teams/team-r/care?');
    expect(cost).toMatch(/figure=cost-long-term&amp;month=2026-04/);
    expect(residential).toMatch(/figure=people-residential&amp;month=2026-04/);
    expect(nursing).toMatch(/figure=people-nursing&amp;month=2026-04/);
    expect(overdue).toMatch(/figure=reviews-overdue&amp;month=2026-04/);
    // Admissions open the list of every admission, whatever the age; a share of 0% has nothing to open.
    expect(admissions).toMatch(/figure=admissions&amp;month=2026-04/);
    expect(reviewed).not.toContain("href");
  });

  it("downloads the same figures in the CSV, money in pounds and numbers as numbers", async () => {
    const csv = await get(`/teams.csv?asOf=${asOf}&month=2026-04`, cookie);
    const teamR = csvRows(csv).find((row) => row.Team === "Team R")!;
    expect(teamR).toMatchObject({
      "Long-term support, weekly cost (£)": "2520",
      "People in residential care": "1",
      "People in nursing care": "1",
      "Admissions to residential or nursing care": "1",
      "Long-term clients reviewed in the last 12 months (%)": "0",
      "Reviews overdue": "3",
      "Long-term support, weekly cost (£): month before": "1540",
      "People in nursing care: month before": "0",
      "Reviews overdue: month before": "2",
      "Long-term support, weekly cost (£): same month last year": "0",
    });
    // May: 1 of 3 long-term clients reviewed, to one decimal place as the on time rate is.
    const may = csvRows(await get(`/teams.csv?asOf=${asOf}&month=2026-05`, cookie)).find((row) => row.Team === "Team R")!;
    expect(may["Long-term clients reviewed in the last 12 months (%)"]).toBe("33.3");
    expect(may["Long-term support, weekly cost (£)"]).toBe("2380");
  });

  it("puts first the teams whose admissions rose three months running or whose share reviewed is below the target set", async () => {
    const html = main(await get(`/teams?asOf=${asOf}&month=2026-05`, cookie));
    expect(html).toContain("below the target of 34%");
    const exceptions = (slug: string) => {
      const at = html.indexOf(`<li data-team="${slug}"`);
      if (at < 0) return [];
      const list = html.slice(at, html.indexOf("</ul>", at));
      return [...list.matchAll(/data-exception="([^"]+)">([^<]*)</g)].map((m) => [m[1], m[2]!.replaceAll("&#x27;", "'")]);
    };
    expect(exceptions("team-q")).toContainEqual([
      "admissions-rising",
      "Admissions to residential or nursing care rose three months running: Feb 2026 0, Mar 2026 1, Apr 2026 2, May 2026 3.",
    ]);
    expect(exceptions("team-r")).toContainEqual(["reviewed-below-target", "33% of long-term clients reviewed in the last 12 months in May 2026, below the target of 34%."]);
    expect(exceptions("team-r").map(([key]) => key)).not.toContain("admissions-rising");
    // Team Q has 6 long-term clients and none reviewed.
    expect(exceptions("team-q").map(([key]) => key)).toContain("reviewed-below-target");
    const csv = csvRows(await get(`/teams.csv?asOf=${asOf}&month=2026-05&exceptions=only`, cookie));
    expect(csv.find((row) => row.Team === "Team Q")!["Needs attention"]).toContain("Admissions to residential or nursing care rose three months running");
  });

  it("in the month so far, does not judge or compare admissions, but still the share reviewed", async () => {
    // As of 30 June, June is the month so far: Team Q's admissions rose again (4) but are not judged.
    const html = main(await get(`/teams?asOf=${asOf}&month=2026-06`, cookie));
    expect(html).not.toContain('data-exception="admissions-rising"');
    expect(html).toContain("33% of long-term clients reviewed in the last 12 months in Jun 2026 so far, below the target of 34%.");
    const [cost, , , admissions] = rowCells(html, "care-table", "team-q");
    expect(figure(admissions!)).toBe("4");
    expect(changes(admissions!)).toBe("not compared (month so far)");
    expect(changes(cost!)).toBe("+£4,000 · +£10,000");
  });

  it("sorts both tables by a care column, in the same order", async () => {
    const html = main(await get(`/teams?asOf=${asOf}&month=2026-05&sort=admissions&dir=desc`, cookie));
    const order = (tableId: string) => {
      const table = html.slice(html.indexOf(`id="${tableId}"`), html.indexOf("</table>", html.indexOf(`id="${tableId}"`)));
      return [...table.matchAll(/<tr class="govuk-table__row" data-team="([^"]+)"/g)].map((m) => m[1]);
    };
    const care = order("care-table");
    expect(care.length).toBeGreaterThan(2);
    expect(order("teams-table")).toEqual(care);
    const admissions = care.map((slug) => Number(figure(rowCells(html, "care-table", slug!)[3]!)));
    expect([...admissions].sort((a, b) => b - a)).toEqual(admissions);
    expect(admissions).toContain(3);
  });
});

describe("the service overview's trends", () => {
  it("offers the care figures as trends: each team's 12 months of admissions", async () => {
    const cookie = await signInOverHttp(app.url, ...demoCredentials("head_of_service"));
    const html = main(await get(`/teams?asOf=${asOf}&month=2026-05&view=trends&trend=admissions`, cookie));
    expect(html).toContain('<option value="admissions" selected="">Admissions to residential or nursing care</option>');
    expect(html).toContain(
      "<title>Admissions to residential or nursing care, Team Q: Jun 2025 0, Jul 2025 0, Aug 2025 0, Sep 2025 0, Oct 2025 0, Nov 2025 0, Dec 2025 0, Jan 2026 0, Feb 2026 0, Mar 2026 1, Apr 2026 2, May 2026 3.</title>",
    );
    const cost = main(await get(`/teams?asOf=${asOf}&month=2026-05&view=trends&trend=longTermCost`, cookie));
    expect(cost).toMatch(/<title>Long-term support, weekly cost \(£\), Team R: Jun 2025 0, .*, Mar 2026 1540, Apr 2026 2520, May 2026 2380\.<\/title>/);
  });
});

describe("the service overview's care figures for someone who may not open the lists", () => {
  it("shows an administrator the figures without links", async () => {
    const cookie = await signInOverHttp(app.url, ...demoCredentials("admin"));
    const cells = rowCells(main(await get(`/teams?asOf=${asOf}&month=2026-04`, cookie)), "care-table", "team-r");
    expect(cells.map(figure)).toEqual(["£2,520", "1", "1", "1", "0%", "3"]);
    for (const cell of cells) expect(cell).not.toContain("href");
  });
});

describe("the service overview, counted once and kept", () => {
  it("shows a team's new name at once, though the figures have not changed since they were counted", async () => {
    const cookie = await signInOverHttp(app.url, ...demoCredentials("head_of_service"));
    const page = `/teams?asOf=${asOf}&month=2026-04`;
    expect(main(await get(page, cookie))).toContain(">Team R</a>");
    const rename = (name: string) => {
      const { db, close } = openDatabase(app.databasePath);
      try {
        db.update(teams).set({ name }).where(eq(teams.slug, "team-r")).run();
      } finally {
        close();
      }
    };
    rename("Team R, renamed");
    try {
      const html = main(await get(page, cookie));
      expect(html).toContain(">Team R, renamed</a>");
      expect(html).not.toContain(">Team R</a>");
      // Its figures are as before.
      expect(rowCells(html, "care-table", "team-r").map(figure)).toEqual(["£2,520", "1", "1", "1", "0%", "3"]);
    } finally {
      // The other tests here know it as Team R.
      rename("Team R");
    }
  });
});
