/*
 * The meeting's terms of reference: every team type has its own sensible
 * defaults, and an administrator's form is cleaned and checked the same way
 * whatever is typed, with each message on the field it is about.
 */
import { describe, expect, it } from "vitest";
import { teamTypes } from "../../db/schema";
import { fieldErrorsOf } from "~/forms/form-kit";
import { FOLLOW_UP_ITEM } from "~/meetings/meeting-forms";
import {
  CHAIR_MAX_LENGTH,
  defaultTermsOfReference,
  PARAGRAPH_MAX_LENGTH,
  STANDING_ITEM_MAX_LENGTH,
  STANDING_ITEMS_MAX,
  standingItemsFromText,
  termsOfReferenceForm,
} from "~/meetings/terms-of-reference";

const form = {
  purpose: "To go through the month's figures and agree actions.",
  chair: "The team manager.",
  decisions: "How work is allocated.",
  escalates: "Work we cannot allocate safely.",
  standingItems: "The month's figures\nOverdue reviews",
};

const errorsOf = (values: Record<string, unknown>) => {
  const parsed = termsOfReferenceForm.safeParse(values);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
};

describe("Primed's own terms of reference", () => {
  it("covers every team type and nothing else", () => {
    expect(Object.keys(defaultTermsOfReference).sort()).toEqual([...teamTypes].sort());
  });

  it.each(teamTypes)("%s passes the same checks as an administrator's", (teamType) => {
    const terms = defaultTermsOfReference[teamType];
    const parsed = termsOfReferenceForm.parse({ ...terms, standingItems: terms.standingItems.join("\n") });
    expect(parsed).toEqual({ ...terms, standingItems: [...terms.standingItems] });
  });

  it("is written for each type of team, not copied between them", () => {
    for (const field of ["purpose", "chair", "decisions", "escalates"] as const) {
      expect(new Set(teamTypes.map((t) => defaultTermsOfReference[t][field])).size, field).toBe(teamTypes.length);
    }
    expect(defaultTermsOfReference.safeguarding.purpose).toMatch(/two working days/);
    expect(defaultTermsOfReference.front_door.standingItems.join(" ")).toMatch(/first contact/);
    expect(defaultTermsOfReference.hospital_discharge.standingItems.join(" ")).toMatch(/Delayed discharges/);
  });

  it("leaves the follow-up of open actions to the meeting, and ends with escalations", () => {
    for (const teamType of teamTypes) {
      const items = defaultTermsOfReference[teamType].standingItems;
      expect(items.some((item) => /follow-up of/i.test(item))).toBe(false);
      expect(items.at(-1)).toMatch(/^Escalations/);
    }
  });
});

describe("an administrator's form", () => {
  it("takes one standing item per line, trimmed, blank lines dropped, whatever the line ends", () => {
    expect(standingItemsFromText("  Figures  \r\n\r\n\tOverdue\n   \rComing up\n")).toEqual(["  Figures  ", "", "\tOverdue", "   ", "Coming up", ""]);
    expect(termsOfReferenceForm.parse({ ...form, standingItems: "  Figures  \r\n\r\n\tOverdue\n   \rComing up\n" }).standingItems).toEqual(["Figures", "Overdue", "Coming up"]);
  });

  it("trims each paragraph and keeps its line breaks as single characters", () => {
    expect(termsOfReferenceForm.parse({ ...form, purpose: "  First.\r\nSecond.  " }).purpose).toBe("First.\nSecond.");
  });

  it("asks for each part that is missing or blank, on its own field", () => {
    expect(errorsOf({ purpose: "  ", standingItems: "\n \n" })).toEqual({
      purpose: "Enter the purpose of the meeting",
      chair: "Enter who chairs the meeting",
      decisions: "Enter the decisions the meeting may take",
      escalates: "Enter what the meeting escalates",
      standingItems: "Enter at least one standing item, one per line",
    });
  });

  it(`accepts paragraphs up to their limits and refuses longer ones`, () => {
    expect(errorsOf({ ...form, purpose: "a".repeat(PARAGRAPH_MAX_LENGTH), chair: "c".repeat(CHAIR_MAX_LENGTH) })).toEqual({});
    expect(errorsOf({ ...form, purpose: "a".repeat(PARAGRAPH_MAX_LENGTH + 1), chair: "c".repeat(CHAIR_MAX_LENGTH + 1) })).toEqual({
      purpose: "Keep the purpose of the meeting to 1,000 characters or fewer",
      chair: "Keep who chairs the meeting to 300 characters or fewer",
    });
  });

  it(`accepts ${STANDING_ITEMS_MAX} standing items and refuses one more`, () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => `Item number ${i + 1}`).join("\n");
    expect(errorsOf({ ...form, standingItems: items(STANDING_ITEMS_MAX) })).toEqual({});
    expect(errorsOf({ ...form, standingItems: items(STANDING_ITEMS_MAX + 1) })).toEqual({ standingItems: "Keep to 12 standing items or fewer: there are 13" });
  });

  it(`refuses an item longer than ${STANDING_ITEM_MAX_LENGTH} characters by its number and opening words`, () => {
    expect(errorsOf({ ...form, standingItems: `Figures\n${"x".repeat(STANDING_ITEM_MAX_LENGTH)}` })).toEqual({});
    const long = `Overdue ${"reviews ".repeat(20)}`.trim();
    expect(errorsOf({ ...form, standingItems: `Figures\n${long}` }).standingItems).toMatch(
      /^Item 2 \(“Overdue reviews reviews.*…”\) is 167 characters long: keep each item to 150 characters or fewer$/,
    );
  });

  it("refuses an item given twice, whatever its case", () => {
    expect(errorsOf({ ...form, standingItems: "Figures\nOverdue\nfigures" })).toEqual({ standingItems: "Item 3 (“figures”) repeats item 1: keep one of them" });
  });

  it("refuses the follow-up of actions, in the meeting's words or the usual ones: every meeting starts with it", () => {
    for (const wording of [FOLLOW_UP_ITEM, "Follow-up of actions open from previous meetings", "follow up of the open actions"]) {
      expect(errorsOf({ ...form, standingItems: `Figures\n${wording}` }).standingItems).toMatch(/^Item 2 \(“.+”\) is not needed: every meeting starts with “Follow-up of/);
    }
    expect(errorsOf({ ...form, standingItems: "Follow-up of the safeguarding audit" })).toEqual({});
  });

  it("refuses a forged form: a list where text belongs, or a novel of items", () => {
    expect(errorsOf({ ...form, standingItems: ["a", "b"] }).standingItems).toBe("Enter the standing items, one per line");
    expect(errorsOf({ ...form, standingItems: "x\n".repeat(5000) }).standingItems).toMatch(/^The standing items are too long/);
  });
});
