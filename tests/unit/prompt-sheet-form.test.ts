/*
 * A prompt sheet's month and its posted answers: which months open, and what
 * a manager is told when an answer is too long or the sheet is empty.
 */
import { describe, expect, it } from "vitest";
import { lastFinishedMonth, SHEET_ANSWER_MAX, sheetAsOf, sheetFormErrors, sheetFormSchema, sheetMonthOf } from "~/interpretation/prompt-sheets.server";
import { signalMonths } from "~/interpretation/team-signals.server";

const TODAY = "2026-11-22";

describe("the sheet's month", () => {
  it("opens on the last finished month", () => {
    expect(lastFinishedMonth(TODAY)).toBe("2026-10");
    expect(sheetMonthOf(null, TODAY)).toEqual({ ok: true, month: "2026-10" });
    expect(sheetMonthOf("", TODAY)).toEqual({ ok: true, month: "2026-10" });
    expect(sheetMonthOf("2026-10", "2026-11-01")).toEqual({ ok: true, month: "2026-10" });
  });

  it("reads the month's signals as of the first day after it, so the month is the last one read", () => {
    expect(sheetAsOf("2026-10")).toBe("2026-11-01");
    expect(sheetAsOf("2025-12")).toBe("2026-01-01");
    expect(signalMonths(sheetAsOf("2026-10")).at(-1)).toBe("2026-10");
    expect(signalMonths(sheetAsOf("2025-12")).at(-1)).toBe("2025-12");
  });

  it("refuses the month in progress and later months, saying which is the latest", () => {
    expect(sheetMonthOf("2026-11", TODAY)).toEqual({
      ok: false,
      error: "November 2026 has not finished yet: a month's cycle opens once the month is over. The latest is October 2026.",
    });
    expect(sheetMonthOf("2027-03", TODAY).ok).toBe(false);
  });

  it("refuses what is not a month", () => {
    for (const bad of ["2026-13", "2026-1", "Oct 2026", "2026-10-01", "0001-01"]) {
      const result = sheetMonthOf(bad, TODAY);
      expect(result.ok, bad).toBe(false);
    }
    expect(sheetMonthOf("2026-13", TODAY)).toEqual({ ok: false, error: '"2026-13" is not a month: write it as YYYY-MM, for example 2026-10.' });
  });
});

describe("the posted answers", () => {
  const questions = ["Overdue: a concern. What changed?", "Which overdue reviews carry the most risk, and who is following them up?"];

  it("pairs each question with its answer, trimmed, with line breaks as the box counted them", () => {
    const parsed = sheetFormSchema.parse({ question: questions, answer: ["  Two leavers in March.\r\nCover agreed.  ", ""] });
    expect(parsed).toEqual([
      { question: questions[0], answer: "Two leavers in March.\nCover agreed." },
      { question: questions[1], answer: "" },
    ]);
  });

  it(`accepts ${SHEET_ANSWER_MAX} characters, counting a line break once`, () => {
    const answer = `${"x".repeat(SHEET_ANSWER_MAX - 2)}\r\ny`;
    expect(sheetFormSchema.safeParse({ question: questions.slice(0, 1), answer: [answer] }).success).toBe(true);
  });

  it("names the question whose answer is too long", () => {
    const parsed = sheetFormSchema.safeParse({ question: questions, answer: ["Fine", "y".repeat(SHEET_ANSWER_MAX + 1)] });
    expect(parsed.success).toBe(false);
    expect(sheetFormErrors(parsed.error!)).toEqual({
      "answer-1": "The answer to “Which overdue reviews carry the most risk, and who is…” is 2,001 characters long: keep it to 2,000 or fewer",
    });
  });

  it("asks for at least one answer", () => {
    const parsed = sheetFormSchema.safeParse({ question: questions, answer: ["  ", ""] });
    expect(sheetFormErrors(parsed.error!)).toEqual({ "answer-0": "Answer at least one question before saving" });
  });

  it("refuses a sheet that did not arrive whole", () => {
    const missing = sheetFormSchema.safeParse({ question: questions, answer: ["Only one"] });
    expect(sheetFormErrors(missing.error!)).toEqual({ form: "The sheet was not sent whole: open it again and re-enter your answers" });
    const none = sheetFormSchema.safeParse({ question: [], answer: [] });
    expect(sheetFormErrors(none.error!)).toEqual({ form: "The sheet was not sent whole: open it again and re-enter your answers" });
  });
});
