/*
 * The audit trail says who changed what and when, and is no way round "who
 * sees what": a team manager's words (a note on a worker's load, the record
 * of a meeting, a prompt sheet's answers) are not shown to an administrator,
 * who may not open them, on the trail's page or in its data requests. And the
 * trail and the import history name people as every other page does.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { meetings, teams, users, workers } from "../../db/schema";
import { addDays, addMonths, monthOf } from "~/dates";
import { defaultPromptQuestions } from "~/interpretation/prompt-templates";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCredentials, signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

let app: RunningApp;
let database: ReturnType<typeof openDatabase>;
let managerCookie: string;
let adminCookie: string;

beforeAll(async () => {
  app = await startApp();
  database = openDatabase(app.databasePath);
  managerCookie = await signInOverHttp(app.url, ...demoCredentials("team_manager"));
  adminCookie = await signInOverHttp(app.url, ...demoCredentials("admin"));
});
afterAll(async () => {
  database?.close();
  await app?.stop();
});

const nameOf = (email: string) => database.db.select({ name: users.name }).from(users).where(eq(users.email, email)).get()!.name;

async function post(path: string, form: [string, string][]) {
  const response = await fetch(`${app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: managerCookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  expect(response.status, `${path} saves: ${response.status === 302 ? "" : await response.text()}`).toBe(302);
}

const asAdmin = async (path: string) => {
  const response = await fetch(`${app.url}${path}`, { headers: { Cookie: adminCookie } });
  expect(response.status, path).toBe(200);
  return response.text();
};

/** Text as the page writes it. */
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** The audit table's rows, each as its cells' text (as written in the page: names with an apostrophe stay escaped). */
function auditRows(html: string): string[][] {
  const body = html.slice(html.indexOf('id="audit-table"'));
  return [...body.matchAll(/<tr class="govuk-table__row"[^>]*>(.*?)<\/tr>/gs)]
    .map((row) =>
      [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) =>
        cell[1]!
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .replace(/ ([:,])/g, "$1")
          .trim(),
      ),
    )
    .filter((cells) => cells.length > 0);
}

describe("a team manager's words on the audit trail", () => {
  // Words only the team's people may read: none of them may reach the administrator.
  const words = {
    loadNote: "Load note: Mrs Eleanor Quill's safeguarding enquiry is taking Sam two days a week",
    meetingNote: "Meeting note: discussed Mr Tobias Wren's hospital discharge, family in dispute",
    keyMessages: "Key message: the Wren family complaint goes to the head of service",
    answer: "Prompt answer: Ms Ada Finch's review is overdue because her daughter cancelled twice",
  };
  let today: string;

  beforeAll(async () => {
    // The audit trail stamps the real clock (UTC), not the pinned date.
    today = new Date().toISOString().slice(0, 10);
    const north = database.db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
    const worker = database.db
      .select()
      .from(workers)
      .where(and(eq(workers.teamId, north.id), eq(workers.active, true)))
      .get()!;
    await post(`/teams/north-locality/workers/${worker.id}/notes`, [["note", words.loadNote]]);

    // The demo council's held meeting, saved again with new words and nothing else changed.
    const meetingMonth = addMonths(monthOf(addDays(runToday(), -35)), -1);
    const meeting = database.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.teamId, north.id), eq(meetings.month, meetingMonth)))
      .get()!;
    const agenda = JSON.parse(meeting.agenda) as { notes: string }[];
    await post(`/teams/north-locality/cycle/${meetingMonth}/meeting`, [
      ["intent", "save"],
      ["heldOn", meeting.heldOn],
      ["chair", meeting.chair],
      ...(JSON.parse(meeting.attendees) as { present: number[] }).present.map((id): [string, string] => ["attendee", String(id)]),
      ["guests", (JSON.parse(meeting.guests) as string[]).join("\n")],
      ...agenda.map((item, index): [string, string] => ["note", index === 0 ? words.meetingNote : item.notes]),
      ["keyMessages", words.keyMessages],
      ["decisions", meeting.decisions],
      ["held", meeting.status === "held" ? "on" : ""],
    ]);

    const lastMonth = addMonths(monthOf(runToday()), -1);
    await post(`/teams/north-locality/prompts?month=${lastMonth}`, [
      ["question", defaultPromptQuestions.locality[0]!],
      ["answer", words.answer],
    ]);
  });

  it("are not on the administrator's audit pages, nor in their data requests", async () => {
    const paths = ["/admin/audit", "/admin/audit?entity=worker", "/admin/audit?entity=meeting", "/admin/audit?entity=prompt_sheet"];
    for (const path of [...paths, ...paths.map((p) => p.replace("/admin/audit", "/admin/audit.data"))]) {
      const body = await asAdmin(path);
      for (const [what, text] of Object.entries(words)) {
        // Any telling fragment of the words, however the page escapes or splits them.
        for (const fragment of text
          .split(/[:,.]/)
          .map((part) => part.trim())
          .filter((part) => part.length > 8)) {
          expect(body, `${what} on ${path}`).not.toContain(fragment);
        }
        for (const name of ["Quill", "Wren", "Finch"]) expect(body, `${what} on ${path}`).not.toContain(name);
      }
    }
  });

  it("still say who changed what and when", async () => {
    const manager = nameOf(demoCredentials("team_manager")[0]);
    const rows = auditRows(await asAdmin("/admin/audit"));
    const rowOf = (action: string, record: string) => rows.find((cells) => cells[2] === action && cells[3] === record);
    for (const [action, record, field] of [
      ["add load note", "worker", "note"],
      ["update", "meeting", "keyMessages"],
      ["save", "prompt sheet", "value"],
    ] as const) {
      const row = rowOf(action, record);
      expect(row, `${action} ${record}`).toBeDefined();
      const [when, who, , , , changed] = row!;
      expect(when).toContain(today);
      expect(who).toBe(escaped(manager));
      // What changed: the field, and how much was written, without the words.
      expect(changed).toMatch(new RegExp(`${field}: .*\\d+ characters, not shown`));
    }
    // The meeting's date and whether it was held are facts, not words: shown when they change; here they did not.
    expect(rowOf("update", "meeting")![5]).not.toMatch(/heldOn/);
  });
});

describe("people on the administrator's pages", () => {
  it("are named as elsewhere, not by their email: on a load's page, in the import history and on the audit trail", async () => {
    const adminEmail = demoCredentials("admin")[0];
    const admin = nameOf(adminEmail);
    const csv = "LA Code,LA Person Unique Identifier,Event Type,Event Reference,Event Start Date,Team\r\nE09000099,P1,Request,NAMES-1,01/11/2026,North Locality\r\n";
    const form = new FormData();
    form.set("extract", new Blob([csv], { type: "text/csv" }), "extract-for-names.csv");
    form.set("dryRun", "on");
    const upload = await fetch(`${app.url}/admin/imports/new`, { method: "POST", headers: { Cookie: adminCookie, Origin: app.url }, body: form, redirect: "manual" });
    expect(upload.status).toBe(302);
    const jobPage = await asAdmin(upload.headers.get("location")!);
    expect(jobPage).toContain(`started by ${escaped(admin)}`);
    expect(jobPage).not.toContain(adminEmail);

    // The dry run is in the history's table once it has finished: wait for it, not for a time.
    const historyTable = async () => {
      const page = await asAdmin("/admin/imports");
      return page.includes('id="imports-table"') ? page.slice(page.indexOf('id="imports-table"')) : "";
    };
    let table = await historyTable();
    for (let attempt = 0; !table.includes("extract-for-names.csv<") && attempt < 600; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      table = await historyTable();
    }
    const before = table.slice(0, table.indexOf("extract-for-names.csv<"));
    expect(before.slice(before.lastIndexOf("<tr"))).toContain(`>${escaped(admin)}</td>`);
    expect(table).not.toContain(adminEmail);

    const trail = auditRows(await asAdmin("/admin/audit?entity=import"));
    expect(trail[0]![1]).toBe(escaped(admin));
    expect(trail.flat().join(" ")).not.toContain(adminEmail);
  }, 120_000);
});
