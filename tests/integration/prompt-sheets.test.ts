/*
 * Prompt sheets on the demo council's real figures: North Locality's sheet
 * asks about its climbing overdue work, the manager's answers are kept with
 * the month together with the questions as asked (and audited), templates
 * change only sheets not yet saved, and a practitioner may read but not save.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { auditLog, promptSheets, users } from "../../db/schema";
import { addMonths, monthOf } from "~/dates";
import { promptSheet, savedSheet, savePromptSheet, saveTemplate, sheetSignals, templateFor } from "~/interpretation/prompt-sheets.server";
import { defaultPromptQuestions } from "~/interpretation/prompt-templates";
import { findTeamBySlug, type Team } from "~/teams/teams.server";
import { startApp, type RunningApp } from "../helpers/app-server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";
import { signInOverHttp } from "../helpers/http-sign-in";
import { runToday } from "../helpers/today";

const TODAY = "2026-11-22";
const MONTH = "2026-10";
let database: ReturnType<typeof tempDatabase>;
let north: Team;
let manager: { id: number; email: string; name: string };
let admin: { id: number; email: string };

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  north = findTeamBySlug(database.db, "north-locality")!;
  const userBy = (email: string) => database.db.select().from(users).where(eq(users.email, email)).get()!;
  manager = userBy("manager@northbrook.example");
  admin = userBy("admin@northbrook.example");
  // The demo council answered an earlier month's sheet: these tests start each month unanswered.
  database.db.delete(promptSheets).run();
});
afterAll(() => database?.remove());

const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();
const storedSheet = (month: string) =>
  database.db
    .select()
    .from(promptSheets)
    .where(and(eq(promptSheets.teamId, north.id), eq(promptSheets.month, month)))
    .get();

describe("the month's sheet, pre-filled with what the figures say", () => {
  it("asks North Locality about its overdue work: a concern, with the month it started", () => {
    const sheet = promptSheet(database.db, north, MONTH);
    expect(sheet.asOf).toBe("2026-11-01");
    const overdue = sheet.signals.find((s) => s.key === "overdue");
    expect(overdue?.prompt).toMatch(/^Overdue: \d+ months above the mean \(\d+(\.\d)?\), and lower is better: a concern\. What changed around \w+ 2026\?$/);
    expect(sheet.saved).toBeNull();
    expect(sheet.signalsDiffer).toBe(false);
  });

  it("asks the signal prompts first, then the locality questions", () => {
    const sheet = promptSheet(database.db, north, MONTH);
    expect(sheet.questions).toEqual([...sheet.signals.map((s) => s.prompt), ...defaultPromptQuestions.locality]);
  });

  it("finds no signal prompt where the figures are noise", () => {
    const steady = findTeamBySlug(database.db, "mental-health-social-work")!;
    expect(sheetSignals(database.db, steady.id, MONTH).map((s) => s.key)).not.toContain("overdue");
  });
});

describe("templates", () => {
  it("are Primed's defaults until an administrator saves one", () => {
    expect(templateFor(database.db, "reviewing")).toMatchObject({ questions: defaultPromptQuestions.reviewing, isDefault: true, updatedBy: null });
  });

  it("are saved cleaned, with an audit entry holding before and after", () => {
    const since = lastAuditId();
    const result = saveTemplate(database.db, admin, "reviewing", ["  Who is waiting longest?  ", "", "What will we change?"], new Date("2026-11-22T10:00:00Z"));
    expect(result).toEqual({ ok: true, questions: ["Who is waiting longest?", "What will we change?"] });
    expect(templateFor(database.db, "reviewing")).toMatchObject({
      questions: ["Who is waiting longest?", "What will we change?"],
      isDefault: false,
      updatedAt: "2026-11-22T10:00:00.000Z",
    });
    const rows = auditSince(since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "update", entity: "prompt_template", entityId: "reviewing", actor: admin.email });
    expect(JSON.parse(rows[0]!.before!)).toEqual({ questions: defaultPromptQuestions.reviewing, isDefault: true });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ questions: ["Who is waiting longest?", "What will we change?"] });
  });

  it("refuse a bad list and change nothing", () => {
    const since = lastAuditId();
    expect(saveTemplate(database.db, admin, "reviewing", ["", "  "])).toEqual({ ok: false, error: "Enter at least one question, one per line" });
    expect(saveTemplate(database.db, admin, "reviewing", ["x".repeat(301)]).ok).toBe(false);
    expect(templateFor(database.db, "reviewing").questions).toEqual(["Who is waiting longest?", "What will we change?"]);
    expect(auditSince(since)).toEqual([]);
  });
});

describe("saving the manager's answers", () => {
  it("stores the questions as asked with the answers for the month, and audits it", () => {
    const sheet = promptSheet(database.db, north, MONTH);
    const entries = sheet.questions.map((question, index) => ({
      question,
      answer: index === 0 ? "Two reviewers left in the spring; cover agreed with the head of service." : index === 1 ? "Mrs A's review: Sam, by Friday." : "",
    }));
    const since = lastAuditId();
    expect(savePromptSheet(database.db, manager, north, MONTH, entries, new Date("2026-11-22T14:05:00Z"))).toEqual({ ok: true });

    const row = storedSheet(MONTH)!;
    expect(JSON.parse(row.answers)).toEqual(entries);
    expect(row).toMatchObject({ updatedByUserId: manager.id, updatedAt: "2026-11-22T14:05:00.000Z" });
    const rows = auditSince(since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "save", entity: "prompt_sheet", entityId: `${north.id}:${MONTH}`, actor: manager.email, before: null });
    expect(JSON.parse(rows[0]!.after!)).toEqual(entries);
  });

  it("shows the saved sheet on re-opening: its questions and answers, who saved it and when", () => {
    const sheet = promptSheet(database.db, north, MONTH);
    expect(sheet.saved).toMatchObject({ by: manager.name, at: "2026-11-22T14:05:00.000Z" });
    expect(sheet.saved!.entries[1]).toEqual({ question: sheet.questions[1], answer: "Mrs A's review: Sam, by Friday." });
    expect(sheet.signalsDiffer).toBe(false);
  });

  it("audits a second save with the answers before and after", () => {
    const before = savedSheet(database.db, north.id, MONTH)!.entries;
    const after = before.map((e, i) => (i === 1 ? { ...e, answer: "Mrs A's review: Sam, done." } : e));
    const since = lastAuditId();
    expect(savePromptSheet(database.db, manager, north, MONTH, after)).toEqual({ ok: true });
    const [row] = auditSince(since);
    expect(JSON.parse(row!.before!)).toEqual(before);
    expect(JSON.parse(row!.after!)).toEqual(after);
  });

  it("keeps the questions a saved sheet was asked when the template changes; an unsaved month asks the new ones", () => {
    const asked = savedSheet(database.db, north.id, MONTH)!.entries.map((e) => e.question);
    saveTemplate(database.db, admin, "locality", ["Who needs a visit this week?", ...defaultPromptQuestions.locality]);
    expect(promptSheet(database.db, north, MONTH).questions).toEqual(asked);
    const earlier = promptSheet(database.db, north, addMonths(MONTH, -1));
    expect(earlier.saved).toBeNull();
    expect(earlier.questions).toContain("Who needs a visit this week?");
  });

  it("says when the figures now raise a question the saved sheet did not ask", () => {
    const month = addMonths(MONTH, -1);
    const sheet = promptSheet(database.db, north, month);
    expect(sheet.signals.length).toBeGreaterThan(0);
    const onlyTemplate = sheet.questions.filter((q) => !sheet.signals.some((s) => s.prompt === q)).map((question) => ({ question, answer: "Discussed." }));
    expect(savePromptSheet(database.db, manager, north, month, onlyTemplate)).toEqual({ ok: true });
    expect(promptSheet(database.db, north, month).signalsDiffer).toBe(true);
  });

  it("refuses a question the sheet does not ask, and stores nothing", () => {
    const month = addMonths(MONTH, -2);
    const since = lastAuditId();
    const result = savePromptSheet(database.db, manager, north, month, [{ question: "Shall we give everyone a pay rise?", answer: "Yes" }]);
    expect(result.ok).toBe(false);
    expect(storedSheet(month)).toBeUndefined();
    expect(auditSince(since)).toEqual([]);
  });

  it("stores no answers when the audit entry cannot be written", () => {
    const month = addMonths(MONTH, -3);
    const entries = promptSheet(database.db, north, month).questions.map((question) => ({ question, answer: "Noted." }));
    database.sqlite.exec("CREATE TEMP TRIGGER audit_unavailable BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;");
    try {
      expect(() => savePromptSheet(database.db, manager, north, month, entries)).toThrow(/audit unavailable/);
    } finally {
      database.sqlite.exec("DROP TRIGGER temp.audit_unavailable");
    }
    expect(storedSheet(month)).toBeUndefined();
  });
});

describe("through the running app", () => {
  let app: RunningApp;
  const lastMonth = addMonths(monthOf(runToday()), -1);

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => app?.stop());

  const signIn = (email: string, password: string) => signInOverHttp(app.url, email, password);

  const post = (cookie: string, body: URLSearchParams) =>
    fetch(`${app.url}/teams/north-locality/prompts?month=${lastMonth}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });

  const form = (answer: string) =>
    new URLSearchParams([
      ["question", defaultPromptQuestions.locality[0]!],
      ["answer", answer],
    ]);

  it("lets a practitioner of the team read the sheet, without a form, but not save it (403)", async () => {
    const cookie = await signIn("practitioner@northbrook.example", "demo-practitioner");
    const page = await fetch(`${app.url}/teams/north-locality/prompts`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/What the figures say/);
    expect(html).toMatch(/Overdue: \d+ months above the mean/);
    expect(html).not.toMatch(/<textarea/);
    const refused = await post(cookie, form("I should not be able to save this"));
    expect(refused.status).toBe(403);
    const { db, close } = openDatabase(app.databasePath);
    try {
      expect(db.select().from(promptSheets).where(eq(promptSheets.month, lastMonth)).all()).toEqual([]);
    } finally {
      close();
    }
  });

  it("lets the team's manager save, and names the question whose answer is too long", async () => {
    const cookie = await signIn("manager@northbrook.example", "demo-manager");
    const tooLong = await post(cookie, form("z".repeat(2001)));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toMatch(/The answer to “Which overdue reviews carry the most risk, and who is…” is 2,001 characters long/);
    const saved = await post(cookie, form("Jo is following up the three oldest."));
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/teams/north-locality/prompts?month=${lastMonth}&saved=1`);
    const page = await (await fetch(`${app.url}${saved.headers.get("location")}`, { headers: { Cookie: cookie } })).text();
    expect(page).toMatch(/Jo is following up the three oldest\./);
    expect(page).toMatch(/Saved by [^<]+ on \d{1,2} \w+ \d{4} at \d\d:\d\d/);
  });
});
