/*
 * The lists behind the care figures over HTTP (issue 18, items 3-5 and 7), on
 * a real SQLite file: the demo council with the care worked example (team R,
 * docs/definitions.md#care-and-support) loaded beside it, and a few services of
 * North Locality's with the demo practitioner or a colleague as worker.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { careServices, teams, users, workers } from "../../db/schema";
import { monthOf } from "~/dates";
import { startApp, type RunningApp } from "../helpers/app-server";
import { loadCareWorkedExample } from "../helpers/care-worked-example";
import { copyDemoCouncil } from "../helpers/demo-cache";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

const thisMonth = monthOf(runToday());
let dir: string;
let app: RunningApp;
let cookies: Record<"practitioner" | "team_manager" | "head_of_service" | "admin", string>;
let own: { id: number; name: string };
let colleague: { id: number; name: string };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-care-lists-"));
  const databasePath = path.join(dir, "primed.db");
  await copyDemoCouncil(databasePath, runToday(), 2026);
  const { db, close } = openDatabase(databasePath);
  loadCareWorkedExample(db);
  const north = db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
  const practitioner = db
    .select()
    .from(users)
    .where(eq(users.email, demoCredentials("practitioner")[0]))
    .get()!;
  const northWorkers = db.select().from(workers).where(eq(workers.teamId, north.id)).all();
  own = northWorkers.find((w) => w.id === practitioner.workerId)!;
  colleague = northWorkers.find((w) => w.id !== practitioner.workerId)!;
  const service = (ref: string, workerId: number, unitCost: number) =>
    db
      .insert(careServices)
      .values({
        sourceRef: ref,
        personRef: `${ref}-PERSON`,
        teamId: north.id,
        workerId,
        serviceType: "lt_residential",
        serviceTypeRaw: "Long term support: Residential care",
        startsOn: "2026-01-05",
        unitCost,
        costFrequency: "weekly",
        weeklyCost: unitCost,
        ageAtStart: 81,
      })
      .run();
  service("CARE-OWN-1", own.id, 1000.5);
  service("CARE-COLLEAGUE-1", colleague.id, 950);
  close();
  app = await startApp({}, { databasePath });
  const entries = await Promise.all(
    (["practitioner", "team_manager", "head_of_service", "admin"] as const).map(async (role) => [role, await signInOverHttp(app.url, ...demoCredentials(role))]),
  );
  cookies = Object.fromEntries(entries);
});

afterAll(async () => {
  await app?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function get(who: keyof typeof cookies, address: string) {
  const response = await fetch(`${app.url}${address}`, { redirect: "manual", headers: { cookie: cookies[who] } });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** The body rows of the page's table, each as its cells' text. */
function tableRows(html: string): string[][] {
  const body = html.match(/<tbody[^>]*>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, "")
        .replace(/&#x27;/g, "'")
        .replace(/<!-- -->/g, "")
        .trim(),
    ),
  );
}

/** What the list says it adds up to, as words. */
function totals(html: string): string {
  return (html.match(/data-testid="care-totals">([\s\S]*?)<\/p>/)?.[1] ?? "").replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "");
}

/** The CSV's opening lines (label, value) and its table. */
function csvParts(text: string) {
  const records = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false }).data;
  const blank = records.findIndex((r) => r.every((cell) => cell === ""));
  return {
    about: Object.fromEntries(records.slice(0, blank).map(([label, value]) => [label, value])),
    header: records[blank + 1]!,
    rows: records.slice(blank + 2).filter((r) => r.some((cell) => cell !== "")),
  };
}

const teamR = (query: string) => `/teams/team-r/care?asOf=2026-06-30&${query}`;
const teamRCsv = (query: string) => `/teams/team-r/care.csv?asOf=2026-06-30&${query}`;

/** The body rows of the table with this id, each as its cells' text (the row's month heading first). */
function tableRowsOf(html: string, id: string): string[][] {
  const start = html.indexOf(`id="${id}"`);
  return start === -1 ? [] : tableRows(html.slice(start, html.indexOf("</table>", start)));
}

describe("the care worked example on the team page's fourth report, through HTTP", () => {
  it("gives every figure of the worked example exactly, in words and tables", async () => {
    const page = await get("head_of_service", "/teams/team-r?asOf=2026-06-30&from=2026-01&to=2026-06");
    expect(page.status).toBe(200);
    const text = page.text.replace(/<!-- -->/g, "");
    expect(text).toContain("On 30 June 2026, 3 people had long-term support costing £2,380 a week, the same as a month before; 1 in residential and 1 in nursing care.");
    expect(text).toContain("Reviews completed in May 2026 reduced weekly costs by £140 across 1 person: 1 reduced, 0 increased and 0 left unchanged.");
    // Nursing, residential, community, prison, all long-term; admissions aged 18-64, 65 and over, not known.
    expect(tableRowsOf(text, "care-people-table").map((r) => r.slice(1).map(Number))).toEqual([
      [0, 1, 0, 0, 1, 0, 1, 0],
      [0, 1, 1, 0, 2, 0, 0, 0],
      [0, 1, 2, 0, 3, 0, 0, 0],
      [1, 1, 1, 0, 3, 0, 1, 0],
      [1, 1, 1, 0, 3, 0, 0, 0],
      [1, 1, 1, 0, 3, 0, 0, 0],
    ]);
    const cost = tableRowsOf(text, "care-cost-table");
    expect(cost.map((r) => r[1])).toEqual(["£900", "£1,120", "£1,540", "£2,520", "£2,380", "£2,380"]);
    // April's average placements: residential £900, nursing £1,200.
    expect(cost[3]!.slice(7)).toEqual(["£900", "£1,200"]);
    const started = tableRowsOf(text, "care-started-table");
    expect(started[2]).toEqual(["Mar 2026", "2", "£420", "1", "£0", "£450"]);
    expect(started[4]).toEqual(["May 2026", "2", "£580", "2", "£720", "£0"]);
    expect(tableRowsOf(text, "care-reviews-table")[4]).toEqual(["May 2026", "1", "1", "0", "0", "−£140", "0"]);
    expect(tableRowsOf(text, "care-clients-table")[5]).toEqual(["Jun 2026 (so far)", "3", "1", "33%", "2"]);
  });
});

describe("a team with no care recorded", () => {
  it("says so in a sentence, not four charts and five tables of zeros (the demo's front door has no services or reviews)", async () => {
    const page = await get("head_of_service", "/teams/front-door");
    expect(page.status).toBe(200);
    const text = page.text.replace(/<!-- -->/g, "");
    const section = text.slice(text.indexOf('id="care-heading"'), text.indexOf("</section>", text.indexOf('id="care-heading"')));
    expect(section).toMatch(/No care is recorded for this team from \w{3} \d{4} to \w{3} \d{4}: no one in long-term support/);
    expect(section).not.toContain("<table");
    expect(section).not.toContain("<canvas");
    // A team with care has its tables.
    const north = await get("head_of_service", "/teams/north-locality");
    expect(tableRowsOf(north.text, "care-people-table").length).toBeGreaterThan(0);
    expect(north.text).not.toContain("No care is recorded");
  });
});

describe("the care worked example's lists, through HTTP", () => {
  it("lists June's reviews overdue most overdue first: P1 then P2, with their days overdue", async () => {
    const page = await get("head_of_service", teamR("figure=reviews-overdue&month=2026-06"));
    expect(page.status).toBe(200);
    expect(page.text).toContain("Reviews overdue, June 2026");
    expect(totals(page.text)).toBe("2 people, as of 30 June 2026.");
    // P1's first review fell due on 7 March, P2's on 29 March: 115 and 93 days before 30 June.
    expect(tableRows(page.text)).toEqual([
      ["P1", "10 Jan 2026", "None", "7 Mar 2026", "115", "Not allocated"],
      ["P2", "1 Feb 2026", "None", "29 Mar 2026", "93", "Not allocated"],
    ]);
    const reversed = await get("head_of_service", teamR("figure=reviews-overdue&month=2026-06&sort=daysOverdue&dir=asc"));
    expect(tableRows(reversed.text).map((r) => r[0])).toEqual(["P2", "P1"]);
  });

  it("lists May's costed review V1: before £420, after £280, change -£140", async () => {
    const page = await get("head_of_service", teamR("figure=reviews-costed&month=2026-05"));
    expect(page.status).toBe(200);
    expect(tableRows(page.text)).toEqual([["V1", "P3", "20 Apr 2026", "10 May 2026", "£420.00", "£280.00", "−£140.00", "Not allocated"]]);
    expect(totals(page.text)).toBe("1 review; change in weekly cost: −£140.00, as of 30 June 2026.");
    const csv = csvParts((await get("head_of_service", teamRCsv("figure=reviews-costed&month=2026-05"))).text);
    expect(csv.header).toEqual(["Reference", "Person", "Received", "Completed", "Weekly cost before (£)", "Weekly cost after (£)", "Change (£)", "Worker"]);
    expect(csv.rows).toEqual([["V1", "P3", "2026-04-20", "2026-05-10", "420", "280", "-140", ""]]);
  });

  it("gives the list of services with the figure's total weekly cost, a one-off's cost, and never a date of birth or age", async () => {
    const page = await get("head_of_service", teamR("figure=cost-long-term&month=2026-03"));
    // At 31 March: S1 900, S2 220, S4 420 (1,540 a week, as the report says).
    expect(totals(page.text)).toBe("3 services; weekly cost: £1,540.00, as of 30 June 2026.");
    expect(tableRows(page.text).map((r) => [r[0], r[6]])).toEqual([
      ["S1", "£900.00"],
      ["S2", "£220.00"],
      ["S4", "£420.00"],
    ]);
    const oneOff = await get("head_of_service", teamR("figure=one-off&month=2026-03"));
    expect(tableRows(oneOff.text)).toEqual([["S6", "P3", "Long term support: Community", "Community", "1 Mar 2026", "1 Mar 2026", "£450.00 one-off", "Not allocated"]]);
    const response = await get("head_of_service", teamRCsv("figure=started&month=2026-03&page=2"));
    expect(response.type).toContain("text/csv");
    const csv = csvParts(response.text);
    expect(csv.about).toMatchObject({
      "Care list": "Services started, March 2026",
      Team: "Team R",
      Worker: "Whole team",
      "Data as of": "30 June 2026",
      "In the list": "2 services",
    });
    expect(csv.header).toEqual(["Reference", "Person", "Service", "Setting", "Start", "End", "Weekly cost (£)", "One-off cost (£)", "Worker"]);
    expect(csv.rows).toEqual([
      ["S4", "P3", "Long term support: Community", "Community", "2026-03-01", "2026-05-10", "420", "", ""],
      ["S6", "P3", "Long term support: Community", "Community", "2026-03-01", "2026-03-01", "0", "450", ""],
    ]);
    for (const text of [page.text, oneOff.text, response.text]) {
      expect(text).not.toMatch(/birth|1950-05-01|1970-03-03|\bage\b/i);
    }
    const clients = csvParts((await get("head_of_service", teamRCsv("figure=long-term-clients&month=2026-06"))).text);
    expect(clients.header).toEqual(["Person", "Support start", "Last review", "Review due", "Days overdue", "Worker"]);
    expect(clients.rows.map((r) => r[0])).toEqual(["P1", "P2", "P3"]);
  });

  it.each([
    [teamR("figure=shoe-size&month=2026-06"), "The address does not name a care figure Primed knows."],
    [teamR("figure=started&month=2026-13"), "The month in the address must be written as YYYY-MM."],
    [teamR("figure=started"), "The address must name the month, as YYYY-MM."],
    [teamR("figure=started&month=2026-07"), "July 2026 is after the as-of date (30 June 2026)"],
    [teamR("figure=started&month=2026-06&sort=daysOverdue"), "This list cannot be sorted by that column."],
    [teamR("figure=started&month=2026-06&sort=shoe-size"), "The list cannot be sorted by that column."],
    [teamRCsv("figure=started&month=2026-08"), "August 2026 is after the as-of date"],
  ])("answers %s with a 400 that says what is wrong", async (address, message) => {
    const page = await get("head_of_service", address);
    expect(page.status).toBe(400);
    expect(page.text).toContain(message);
  });
});

describe("who sees the care lists", () => {
  const north = (query: string) => `/teams/north-locality/care?figure=cost-long-term&month=${thisMonth}${query}`;
  const refs = (html: string) => tableRows(html).map((r) => r[0]);

  it("a manager sees the team's list, with the workers' names", async () => {
    // The demo council's own services fill the first pages: search for this test's.
    const page = await get("team_manager", north("&q=CARE-"));
    expect(page.status).toBe(200);
    expect(refs(page.text)).toEqual(expect.arrayContaining(["CARE-OWN-1", "CARE-COLLEAGUE-1"]));
    const row = tableRows(page.text).find((r) => r[0] === "CARE-OWN-1")!;
    expect(row.slice(4)).toEqual(["5 Jan 2026", "Continues", "£1,000.50", own.name]);
  });

  it("a practitioner sees only their own worker view's services; not the team's, not a colleague's", async () => {
    const mine = await get("practitioner", north(`&worker=${own.id}&q=CARE-`));
    expect(mine.status).toBe(200);
    expect(refs(mine.text)).toContain("CARE-OWN-1");
    expect(refs(mine.text)).not.toContain("CARE-COLLEAGUE-1");
    const csv = await get("practitioner", `/teams/north-locality/care.csv?figure=cost-long-term&month=${thisMonth}&worker=${own.id}`);
    expect(csv.status).toBe(200);
    expect(csvParts(csv.text).rows.map((r) => r[0])).toContain("CARE-OWN-1");
    expect(csvParts(csv.text).rows.map((r) => r[0])).not.toContain("CARE-COLLEAGUE-1");
    expect((await get("practitioner", north(""))).status).toBe(403);
    expect((await get("practitioner", north(`&worker=${colleague.id}`))).status).toBe(403);
    expect((await get("practitioner", `/teams/north-locality/care.csv?figure=cost-long-term&month=${thisMonth}`)).status).toBe(403);
  });

  it("the administrator sees no lists; a manager no other team's", async () => {
    expect((await get("admin", north(""))).status).toBe(403);
    expect((await get("admin", `/teams/north-locality/care.csv?figure=cost-long-term&month=${thisMonth}`)).status).toBe(403);
    expect((await get("team_manager", teamR("figure=reviews-overdue&month=2026-06"))).status).toBe(403);
  });
});
