/*
 * The prompt sheet's questions: every team type has sensible defaults, and an
 * administrator's list is cleaned and checked the same way whatever is typed.
 */
import { describe, expect, it } from "vitest";
import { teamTypes } from "../../db/schema";
import {
  checkTemplateQuestions,
  defaultPromptQuestions,
  questionsFromText,
  quotedQuestion,
  TEMPLATE_QUESTION_MAX_LENGTH,
  TEMPLATE_QUESTIONS_MAX,
} from "~/interpretation/prompt-templates";

describe("the default questions", () => {
  it.each(teamTypes)("%s has 4 to 6 questions that pass the same checks as an administrator's", (teamType) => {
    const questions = defaultPromptQuestions[teamType];
    expect(questions.length).toBeGreaterThanOrEqual(4);
    expect(questions.length).toBeLessThanOrEqual(6);
    expect(checkTemplateQuestions(questions)).toEqual({ ok: true, questions: [...questions] });
    for (const question of questions) expect(question).toMatch(/\?$/);
  });

  it("covers every team type and nothing else", () => {
    expect(Object.keys(defaultPromptQuestions).sort()).toEqual([...teamTypes].sort());
  });

  it("asks locality teams about risky overdue reviews, and the front door about information and advice", () => {
    expect(defaultPromptQuestions.locality).toContain("Which overdue reviews carry the most risk, and who is following them up?");
    expect(defaultPromptQuestions.front_door.some((q) => /information and advice first time/.test(q))).toBe(true);
  });

  it("ends every sheet with an action that has an owner and a deadline", () => {
    for (const teamType of teamTypes) expect(defaultPromptQuestions[teamType].at(-1)).toMatch(/who will own it, and by when\?$/);
  });
});

describe("checking an administrator's questions", () => {
  it("takes one question per line, trimmed, with blank lines dropped, whatever the line ends", () => {
    const lines = questionsFromText("  What changed?  \r\n\r\n\tWhy?\n   \rWhat next?\n");
    expect(checkTemplateQuestions(lines)).toEqual({ ok: true, questions: ["What changed?", "Why?", "What next?"] });
  });

  it("refuses a list with no questions", () => {
    expect(checkTemplateQuestions(questionsFromText("\n   \n"))).toEqual({ ok: false, error: "Enter at least one question, one per line" });
    expect(checkTemplateQuestions([])).toEqual({ ok: false, error: "Enter at least one question, one per line" });
  });

  it(`accepts ${TEMPLATE_QUESTIONS_MAX} questions and refuses one more`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `Question number ${i + 1}?`);
    expect(checkTemplateQuestions(many(TEMPLATE_QUESTIONS_MAX)).ok).toBe(true);
    expect(checkTemplateQuestions(many(TEMPLATE_QUESTIONS_MAX + 1))).toEqual({ ok: false, error: `Keep to 15 questions or fewer: there are 16` });
  });

  it(`accepts a question of ${TEMPLATE_QUESTION_MAX_LENGTH} characters and refuses a longer one by its number and opening words`, () => {
    const exact = `${"a".repeat(TEMPLATE_QUESTION_MAX_LENGTH - 1)}?`;
    expect(checkTemplateQuestions(["Short?", exact]).ok).toBe(true);
    const long = `Why ${"very ".repeat(70)}long?`;
    const result = checkTemplateQuestions(["Short?", long]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Question 2 \(“Why very very .*…”\) is \d+ characters long: keep each question to 300 characters or fewer$/);
  });

  it("counts the length after trimming", () => {
    expect(checkTemplateQuestions([`   ${"b".repeat(TEMPLATE_QUESTION_MAX_LENGTH)}   `]).ok).toBe(true);
  });

  it("refuses the same question twice, in any case", () => {
    expect(checkTemplateQuestions(["What changed?", "Why?", "what CHANGED?"])).toEqual({
      ok: false,
      error: "Question 3 (“what CHANGED?”) repeats question 1: keep one of them",
    });
  });

  it("refuses something that is not a list of text", () => {
    expect(checkTemplateQuestions([42 as unknown as string]).ok).toBe(false);
  });
});

describe("naming a question in a message", () => {
  it("quotes a short question whole and a long one by its opening words", () => {
    expect(quotedQuestion("Why?")).toBe("“Why?”");
    expect(quotedQuestion("Which overdue reviews carry the most risk, and who is following them up?")).toBe("“Which overdue reviews carry the most risk, and who is…”");
  });
});
