/*
 * The prompt sheet's questions: what a manager works through with the month's
 * figures before the team meeting (docs/definitions.md#the-approach, step 3 of the cycle: what
 * changed, is it real or noise, why, what is coming up). Each team type has
 * its own default list; administrators may replace it. Pure: no database.
 */
import { z } from "zod";
import type { TeamType } from "../../db/schema";

export const TEMPLATE_QUESTIONS_MAX = 15;
export const TEMPLATE_QUESTION_MAX_LENGTH = 300;

/** Every meeting ends in an action with one owner and a deadline (docs/definitions.md#the-approach, step 5). */
const ACTIONS = "What will we do differently next month, who will own it, and by when?";
const COMING_UP = "What is coming up next month that will change the figures (leave, vacancies, winter, a new service)?";

export const defaultPromptQuestions: Record<TeamType, readonly string[]> = {
  front_door: [
    "Are people getting information and advice first time, or coming back to us with the same need?",
    "Which requests waited longest for a decision, and what held them up?",
    "Which referrals went on to other teams that we could have resolved at the front door?",
    "What are people contacting us about more than usual this month?",
    COMING_UP,
    ACTIONS,
  ],
  locality: [
    "Which overdue reviews carry the most risk, and who is following them up?",
    "Who is waiting for allocation, and is anyone at risk while they wait?",
    "Are assessments finished within their timescale? If not, what is holding them up?",
    "What did completed assessments lead to, and could more people have been helped with reablement, advice or support nearer home?",
    COMING_UP,
    ACTIONS,
  ],
  hospital_discharge: [
    "Who is waiting in hospital for an assessment or for care to start, and what is holding them up?",
    "Did people go home with reablement first wherever they could?",
    "Which discharges were delayed this month, and what would have prevented it?",
    "Who came back into hospital soon after going home, and what does their story tell us?",
    COMING_UP,
    ACTIONS,
  ],
  reviewing: [
    "Which overdue reviews carry the most risk, and who is following them up?",
    "Are planned reviews happening on time, and which fall due next month?",
    "What did this month's reviews lead to: support increased, reduced or unchanged, and why?",
    "Are unplanned reviews rising, and what is prompting them?",
    ACTIONS,
  ],
  short_term_ot: [
    "Are people starting reablement or an OT assessment soon after they are referred?",
    "How many people finished short-term support without needing long-term care?",
    "Who has waited longest for equipment or adaptations, and what is holding them up?",
    "Which short-term work ran past its timescale, and why?",
    ACTIONS,
  ],
  safeguarding: [
    "Were concerns decided within two working days? Which were not, and why?",
    "Which open enquiries carry the most risk, and who is following them up?",
    "Are enquiries finished within their timescale, and what is slowing the ones that are not?",
    "Are concerns coming from new places, or about new kinds of harm?",
    ACTIONS,
  ],
  learning_disability: [
    "Whose reviews are overdue, and who is following them up?",
    "Who is preparing for adulthood, moving home or losing a carer soon, and is their work planned?",
    "Are assessments finished within their timescale? If not, what is holding them up?",
    "Where could we support people to be more independent?",
    ACTIONS,
  ],
  mental_health: [
    "Which overdue reviews or assessments carry the most risk, and who is following them up?",
    "Who is waiting for allocation, and is anyone at risk while they wait?",
    "Are Care Act assessments finished within their timescale? If not, what is holding them up?",
    "How well are we working with health colleagues on shared cases, and what is getting in the way?",
    ACTIONS,
  ],
};

/** A question named in a message: its opening words, in quotes. */
export function quotedQuestion(question: string, length = 60): string {
  const words = question.length <= length ? question : `${question.slice(0, length).replace(/\s+\S*$/, "")}…`;
  return `“${words}”`;
}

/** The admin's text box: one question per line. */
export function questionsFromText(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The question list as stored: each trimmed, blank lines dropped, then 1 to 15 questions of up to 300 characters, none repeated. */
export const templateQuestionsSchema = z
  .array(z.string({ error: "Each question must be text" }), { error: "Enter the questions, one per line" })
  .transform((lines) => lines.map((line) => line.trim()).filter((line) => line !== ""))
  .superRefine((questions, ctx) => {
    if (questions.length === 0) {
      ctx.addIssue({ code: "custom", message: "Enter at least one question, one per line" });
      return;
    }
    if (questions.length > TEMPLATE_QUESTIONS_MAX) {
      ctx.addIssue({ code: "custom", message: `Keep to ${TEMPLATE_QUESTIONS_MAX} questions or fewer: there are ${questions.length}` });
    }
    const seen = new Map<string, number>();
    questions.forEach((question, index) => {
      if (question.length > TEMPLATE_QUESTION_MAX_LENGTH) {
        ctx.addIssue({
          code: "custom",
          message: `Question ${index + 1} (${quotedQuestion(question)}) is ${question.length} characters long: keep each question to ${TEMPLATE_QUESTION_MAX_LENGTH} characters or fewer`,
        });
      }
      const key = question.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        ctx.addIssue({ code: "custom", message: `Question ${index + 1} (${quotedQuestion(question)}) repeats question ${earlier + 1}: keep one of them` });
      } else {
        seen.set(key, index);
      }
    });
  });

/** The questions ready to store, or the first thing wrong with them, in words. */
export function checkTemplateQuestions(lines: readonly string[]): { ok: true; questions: string[] } | { ok: false; error: string } {
  const parsed = templateQuestionsSchema.safeParse(lines);
  return parsed.success ? { ok: true, questions: parsed.data } : { ok: false, error: parsed.error.issues[0]!.message };
}
