/*
 * Prompt sheets: a team's interpretation of one finished month. The sheet asks
 * first what the figures say (the signal prompts of that month's readings),
 * then the questions of the team type's template; the manager's answers are
 * kept with the month together with the questions as they were asked, so the
 * record stands even when the template or the figures change later.
 */
import type { SignedInUser } from "~/people/users.server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { promptSheets, promptTemplates, teamTypes, users, type TeamType } from "../../db/schema";
import { fieldErrorsOf } from "~/forms/form-kit";
import { audit, actorOf } from "~/audit/audit.server";
import { addMonths, firstDayOf, formatMonthLong, isIsoMonth, monthOf, type IsoDate, type IsoMonth } from "~/dates";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { checkTemplateQuestions, defaultPromptQuestions, quotedQuestion } from "./prompt-templates";
import { signalPrompt } from "./signal-words";
import { seriesReadings, signalSummaryOf } from "./team-signals.server";
import { clockToday } from "~/platform/clock.server";

/* ------------------------------------------------------------------ templates */

const storedQuestions = z.array(z.string());

export interface PromptTemplate {
  teamType: TeamType;
  label: string;
  questions: string[];
  /** True while the team type uses Primed's own questions (never saved by an administrator). */
  isDefault: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

function templateRow(db: Db, teamType: TeamType) {
  return db
    .select({ questions: promptTemplates.questions, updatedAt: promptTemplates.updatedAt, updatedBy: users.name })
    .from(promptTemplates)
    .leftJoin(users, eq(users.id, promptTemplates.updatedByUserId))
    .where(eq(promptTemplates.teamType, teamType))
    .get();
}

/** The team type's questions: the stored ones, else Primed's defaults. */
export function templateFor(db: Db, teamType: TeamType): PromptTemplate {
  const row = templateRow(db, teamType);
  const label = teamTypeLabels[teamType];
  if (!row) return { teamType, label, questions: [...defaultPromptQuestions[teamType]], isDefault: true, updatedBy: null, updatedAt: null };
  return { teamType, label, questions: storedQuestions.parse(JSON.parse(row.questions)), isDefault: false, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

/** Every team type's template, in the order team types are listed. */
export function listTemplates(db: Db): PromptTemplate[] {
  return teamTypes.map((teamType) => templateFor(db, teamType));
}

/**
 * Replaces a team type's questions (trimmed, blank lines dropped, 1 to 15 of up
 * to 300 characters each), with its audit entry, in one transaction. Sheets
 * already saved keep the questions they were asked.
 */
export function saveTemplate(
  db: Db,
  author: Pick<SignedInUser, "id" | "email">,
  teamType: TeamType,
  lines: readonly string[],
  now = new Date(),
): { ok: true; questions: string[] } | { ok: false; error: string } {
  const checked = checkTemplateQuestions(lines);
  if (!checked.ok) return checked;
  const { questions } = checked;
  db.transaction(() => {
    const before = templateFor(db, teamType);
    const values = { questions: JSON.stringify(questions), updatedByUserId: author.id, updatedAt: now.toISOString() };
    db.insert(promptTemplates)
      .values({ teamType, ...values })
      .onConflictDoUpdate({ target: promptTemplates.teamType, set: values })
      .run();
    audit(
      db,
      actorOf(author),
      { action: "update", entity: "prompt_template", entityId: teamType, before: { questions: before.questions, isDefault: before.isDefault }, after: { questions } },
      now,
    );
  });
  return { ok: true, questions };
}

/* ------------------------------------------------------------------ months */

/** The earliest month a sheet may be opened for: before it, dates are not worth guarding. */
export const FIRST_SHEET_MONTH = "2000-01";

/** The last month that has finished: the month a sheet opens on by default. */
export function lastFinishedMonth(today: IsoDate = clockToday()): IsoMonth {
  return addMonths(monthOf(today), -1);
}

/** The date a month's signals are read as of: the first day of the month after, so the month is the last one read. */
export function sheetAsOf(month: IsoMonth): IsoDate {
  return firstDayOf(addMonths(month, 1));
}

/** The month in the address, checked: a real month, finished, not before 2000. Or what is wrong with it, in words. */
export function sheetMonthOf(value: string | null | undefined, today: IsoDate = clockToday()): { ok: true; month: IsoMonth } | { ok: false; error: string } {
  const latest = lastFinishedMonth(today);
  if (value === null || value === undefined || value === "") return { ok: true, month: latest };
  if (!isIsoMonth(value)) return { ok: false, error: `"${value}" is not a month: write it as YYYY-MM, for example ${latest}.` };
  if (value > latest) {
    return {
      ok: false,
      error: `${formatMonthLong(value)} has not finished yet: a month's cycle opens once the month is over. The latest is ${formatMonthLong(latest)}.`,
    };
  }
  if (value < FIRST_SHEET_MONTH) return { ok: false, error: `Choose a month from ${formatMonthLong(FIRST_SHEET_MONTH)} to ${formatMonthLong(latest)}.` };
  return { ok: true, month: value };
}

/* ------------------------------------------------------------------ sheets */

export interface SheetSignal {
  /** The series' key, for its chart's address. */
  key: string;
  label: string;
  /** The question the signal raises, e.g. "Overdue: 7 months above the mean (…): a concern. What changed around March 2026?" */
  prompt: string;
}

export interface SheetEntry {
  question: string;
  answer: string;
}

export interface SavedSheet {
  entries: SheetEntry[];
  by: string;
  at: string;
}

const storedEntries = z.array(z.object({ question: z.string(), answer: z.string() }));

/** The signals found in the team's figures for the month: each special cause in that month, as a question. */
export function sheetSignals(db: Db, teamId: number, month: IsoMonth): SheetSignal[] {
  return seriesReadings(db, { teamId }, sheetAsOf(month)).flatMap((reading) => {
    const summary = signalSummaryOf(reading);
    // A series whose last value is older than the month says nothing about this month.
    const prompt = summary && summary.month === month ? signalPrompt(summary) : null;
    return prompt ? [{ key: reading.series.key, label: reading.series.label, prompt }] : [];
  });
}

/** The team's saved sheet for the month, or null. */
export function savedSheet(db: Db, teamId: number, month: IsoMonth): SavedSheet | null {
  const row = db
    .select({ answers: promptSheets.answers, at: promptSheets.updatedAt, by: users.name })
    .from(promptSheets)
    .innerJoin(users, eq(users.id, promptSheets.updatedByUserId))
    .where(and(eq(promptSheets.teamId, teamId), eq(promptSheets.month, month)))
    .get();
  return row ? { entries: storedEntries.parse(JSON.parse(row.answers)), by: row.by, at: row.at } : null;
}

export interface PromptSheet {
  month: IsoMonth;
  /** The date the signals are read as of. */
  asOf: IsoDate;
  /** What the figures say now. */
  signals: SheetSignal[];
  /** The questions to answer, in order: the saved sheet's, else the signal prompts and then the template's. */
  questions: string[];
  saved: SavedSheet | null;
  /** Whether the figures now raise a question the saved sheet did not ask. */
  signalsDiffer: boolean;
}

/** The team's sheet for a finished month, as it would be shown. */
export function promptSheet(db: Db, team: { id: number; type: TeamType }, month: IsoMonth): PromptSheet {
  const signals = sheetSignals(db, team.id, month);
  const saved = savedSheet(db, team.id, month);
  const asked = new Set(saved?.entries.map((e) => e.question));
  return {
    month,
    asOf: sheetAsOf(month),
    signals,
    questions: saved ? saved.entries.map((e) => e.question) : [...signals.map((s) => s.prompt), ...templateFor(db, team.type).questions],
    saved,
    signalsDiffer: saved !== null && signals.some((s) => !asked.has(s.prompt)),
  };
}

export const SHEET_ANSWER_MAX = 2000;
/** More than any sheet asks (every series' prompt and a full template), so a forged form cannot store a novel. */
const SHEET_QUESTIONS_MAX = 60;

/** The answer field of the question at `index` (0-based), as the page names it. */
export const answerFieldId = (index: number) => `answer-${index}`;

/**
 * The posted sheet: the questions as shown (hidden fields) and an answer for
 * each, in the same order. Browsers send a line break as two characters, so
 * answers are counted with single ones, as the box counted them.
 */
export const sheetFormSchema = z
  .object({
    question: z.array(z.string().trim().min(1).max(1000)).min(1).max(SHEET_QUESTIONS_MAX),
    answer: z.array(z.string().transform((answer) => answer.replace(/\r\n?/g, "\n").trim())).max(SHEET_QUESTIONS_MAX),
  })
  .superRefine((form, ctx) => {
    // An empty or over-long list already has its issue (zod goes on to refinements after one).
    if (form.question.length === 0 || form.question.length > SHEET_QUESTIONS_MAX) return;
    if (form.answer.length !== form.question.length) {
      ctx.addIssue({ code: "custom", path: ["form"], message: "The sheet was not sent whole: open it again and re-enter your answers" });
      return;
    }
    form.answer.forEach((answer, index) => {
      if (answer.length > SHEET_ANSWER_MAX) {
        ctx.addIssue({
          code: "custom",
          path: [answerFieldId(index)],
          message: `The answer to ${quotedQuestion(form.question[index]!)} is ${answer.length.toLocaleString("en-GB")} characters long: keep it to ${SHEET_ANSWER_MAX.toLocaleString("en-GB")} or fewer`,
        });
      }
    });
    if (form.answer.every((answer) => answer === "")) {
      ctx.addIssue({ code: "custom", path: [answerFieldId(0)], message: "Answer at least one question before saving" });
    }
  })
  .transform((form) => form.question.map((question, index): SheetEntry => ({ question, answer: form.answer[index]! })));

/** Messages keyed by the field they belong to ("form" for the whole sheet). */
export function sheetFormErrors(error: z.ZodError): Record<string, string> {
  return fieldErrorsOf(error, (issue) => {
    const [first] = issue.path;
    const field = typeof first === "string" && (first === "form" || first.startsWith("answer-")) ? first : "form";
    return { field, message: field === "form" && issue.code !== "custom" ? "The sheet was not sent whole: open it again and re-enter your answers" : issue.message };
  });
}

/**
 * Saves the team's answers for the month, with the questions as they were
 * shown, and its audit entry (before and after), in one transaction. Each
 * question must be one the sheet asks: now, or when it was last saved.
 */
export function savePromptSheet(
  db: Db,
  author: Pick<SignedInUser, "id" | "email">,
  team: { id: number; type: TeamType },
  month: IsoMonth,
  entries: readonly SheetEntry[],
  now = new Date(),
): { ok: true } | { ok: false; errors: Record<string, string> } {
  const result = db.transaction(() => {
    const sheet = promptSheet(db, team, month);
    const askable = new Set([...sheet.questions, ...sheet.signals.map((s) => s.prompt), ...templateFor(db, team.type).questions]);
    if (entries.some((e) => !askable.has(e.question))) {
      return { ok: false as const, errors: { form: "The questions have changed since the sheet was opened: open it again, and copy your answers across" } };
    }
    const after = entries.map((e) => ({ question: e.question, answer: e.answer }));
    const values = { answers: JSON.stringify(after), updatedByUserId: author.id, updatedAt: now.toISOString() };
    db.insert(promptSheets)
      .values({ teamId: team.id, month, ...values })
      .onConflictDoUpdate({ target: [promptSheets.teamId, promptSheets.month], set: values })
      .run();
    audit(db, actorOf(author), { action: "save", entity: "prompt_sheet", entityId: `${team.id}:${month}`, before: sheet.saved?.entries, after }, now);
    return { ok: true as const };
  });
  return result;
}
