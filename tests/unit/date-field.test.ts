/* The one parser for dates people type (app/forms/date-field.ts): GOV.UK's Day, Month and Year boxes. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateField, datePartsOf, gatherDateParts } from "~/forms/date-field";

const form = z.object({ deadline: dateField("Deadline"), from: dateField("From date", { required: false }) });
const read = (values: Record<string, string>) => {
  const parsed = form.safeParse(gatherDateParts(values, ["deadline", "from"]));
  return parsed.success ? parsed.data : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};
const deadline = (day: string, month: string, year: string) => read({ "deadline-day": day, "deadline-month": month, "deadline-year": year });

describe("a date typed in Day, Month and Year", () => {
  it("reads day, month and year whatever the browser's locale: 20 10 2026 is 20 October 2026", () => {
    expect(deadline("20", "10", "2026")).toEqual({ deadline: "2026-10-20", from: undefined });
    expect(deadline(" 1 ", "2", "2026")).toEqual({ deadline: "2026-02-01", from: undefined });
    expect(deadline("29", "02", "2028")).toEqual({ deadline: "2028-02-29", from: undefined });
  });

  it("says which part is missing or wrong, GOV.UK style", () => {
    expect(deadline("", "", "")).toEqual(["deadline: Enter deadline"]);
    expect(deadline("20", "", "2026")).toEqual(["deadline: Deadline must include a month"]);
    expect(deadline("", "", "2026")).toEqual(["deadline: Deadline must include a day and month"]);
    expect(deadline("31", "2", "2026")).toEqual(["deadline: Deadline must be a real date"]);
    expect(deadline("20", "13", "2026")).toEqual(["deadline: Deadline must be a real date"]);
    expect(deadline("2o", "10", "2026")).toEqual(["deadline: Deadline must be a real date"]);
    expect(deadline("20", "10", "26")).toEqual(["deadline: Year must include 4 numbers"]);
  });

  it("lets an optional date be left empty, and reads a whole date from an address", () => {
    expect(read({ deadline: "2026-12-18" })).toEqual({ deadline: "2026-12-18", from: undefined });
    expect(read({ deadline: "2026-02-30" })).toEqual(["deadline: Deadline must be a real date"]);
    expect(read({ "deadline-day": "1", "deadline-month": "1", "deadline-year": "2027", "from-day": "", "from-month": "", "from-year": "" })).toEqual({
      deadline: "2027-01-01",
      from: undefined,
    });
  });

  it("fills the boxes from a stored date", () => {
    expect(datePartsOf("2026-02-01")).toEqual({ day: "1", month: "2", year: "2026" });
    expect(datePartsOf(undefined)).toEqual({ day: "", month: "", year: "" });
  });
});
