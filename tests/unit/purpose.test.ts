/*
 * The purpose forms: what a manager is told when an objective or the ground
 * rules are not right, and the periods a page offers and shows.
 */
import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "~/forms/form-kit";
import { financialYearOf, groundRulesSchema, objectiveForm, periodInWords, purposeIntent, rulesFromText } from "~/purpose/objective-forms";

const posted = (overrides: Record<string, unknown> = {}) => ({
  statement: "Every review on time by March",
  owner: "3",
  worker: "",
  measure: "",
  periodFrom: "2026-04",
  periodTo: "2027-03",
  ...overrides,
});

const errors = (form: Record<string, unknown>) => {
  const parsed = objectiveForm.safeParse(form);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
};

describe("an objective's form", () => {
  it("reads the fields, a blank worker and measure as none, and the statement as one line", () => {
    expect(objectiveForm.parse(posted({ statement: "  Every review\r\non time   by March " }))).toEqual({
      statement: "Every review on time by March",
      owner: 3,
      worker: undefined,
      measure: undefined,
      periodFrom: "2026-04",
      periodTo: "2027-03",
    });
    expect(objectiveForm.parse(posted({ worker: "12", measure: "series:outcomeShare:Progress to reablement/ST-Max" }))).toMatchObject({
      worker: 12,
      measure: "series:outcomeShare:Progress to reablement/ST-Max",
    });
    expect(objectiveForm.parse(posted({ measure: "metric:4" })).measure).toBe("metric:4");
  });

  it("says what is missing or too long", () => {
    expect(errors(posted({ statement: "  ", owner: "" }))).toEqual({ statement: "Enter the objective", owner: "Choose who owns the objective" });
    expect(errors(posted({ statement: "x".repeat(301) }))).toEqual({ statement: "Keep the objective to 300 characters or fewer" });
    expect(errors(posted({ statement: "x".repeat(300) }))).toEqual({});
  });

  it("refuses months that are not months, and a period that ends before it starts", () => {
    expect(errors(posted({ periodFrom: "", periodTo: "2027-13" }))).toEqual({
      periodFrom: "Enter the first month as YYYY-MM, like 2026-04",
      periodTo: "The last month must be a real month written as YYYY-MM, like 2026-04",
    });
    expect(errors(posted({ periodFrom: "2026-04", periodTo: "2026-03" }))).toEqual({ periodTo: "The last month must be on or after the first month (April 2026)" });
    expect(errors(posted({ periodFrom: "2026-04", periodTo: "2026-04" }))).toEqual({});
  });

  it("refuses a forged owner, worker or measure", () => {
    expect(errors(posted({ owner: "someone", worker: "-1", measure: "banana" }))).toEqual({
      owner: "Choose who owns the objective",
      worker: "Choose the worker from the list",
      measure: "Choose a measure from the list",
    });
    expect(errors(posted({ measure: "metric:three" }))).toEqual({ measure: "Choose a measure from the list" });
  });

  it("knows the forms a purpose page posts", () => {
    expect(purposeIntent.safeParse("retire").success).toBe(true);
    expect(purposeIntent.safeParse("delete").success).toBe(false);
  });
});

describe("ground rules", () => {
  it("are one per line, trimmed, with blank lines dropped", () => {
    expect(groundRulesSchema.parse(rulesFromText("  Start on time \r\n\r\nEnd with actions\n  \nNo blame"))).toEqual(["Start on time", "End with actions", "No blame"]);
  });

  it("are 1 to 12 rules of up to 200 characters, none repeated", () => {
    const message = (lines: string[]) => groundRulesSchema.safeParse(lines).error?.issues.map((i) => i.message);
    expect(message(["", " "])).toEqual(["Enter at least one ground rule, one per line"]);
    expect(message(Array.from({ length: 13 }, (_, i) => `Rule ${i + 1}`))).toEqual(["Keep to 12 ground rules or fewer: there are 13. A short list is one the team remembers"]);
    expect(message(Array.from({ length: 12 }, (_, i) => `Rule ${i + 1}`))).toBeUndefined();
    expect(message(["Start on time", "x".repeat(201)])).toEqual(["Rule 2 is 201 characters long: keep each rule to 200 characters or fewer"]);
    expect(message(["x".repeat(200)])).toBeUndefined();
    expect(message(["Start on time", "start on TIME"])).toEqual(["Rule 2 repeats an earlier one: write each rule once"]);
  });
});

describe("periods", () => {
  it("offers the financial year, April to March, that holds the month", () => {
    expect(financialYearOf("2026-11")).toEqual({ from: "2026-04", to: "2027-03" });
    expect(financialYearOf("2027-03")).toEqual({ from: "2026-04", to: "2027-03" });
    expect(financialYearOf("2026-04")).toEqual({ from: "2026-04", to: "2027-03" });
  });

  it("writes a period in words", () => {
    expect(periodInWords("2026-04", "2027-03")).toBe("April 2026 to March 2027");
    expect(periodInWords("2026-11", "2026-11")).toBe("November 2026");
  });
});
