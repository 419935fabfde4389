import { describe, expect, it } from "vitest";
import { populationForm, populationRemoval } from "~/admin/forms";
import { perHundredThousand, populationOfMonth, type PopulationYear } from "~/care/population";
import { demoPopulation, DEMO_POPULATION_SOURCE } from "~/demo/population";
import { fieldErrorsOf } from "~/forms/form-kit";

const year = (y: number, adults18To64: number, adults65AndOver: number): PopulationYear => ({
  year: y,
  adults18To64,
  adults65AndOver,
  source: "ONS",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

describe("the population form", () => {
  const errorsOf = (values: Record<string, string>) => {
    const parsed = populationForm.safeParse(values);
    return parsed.success ? {} : fieldErrorsOf(parsed.error);
  };

  it("reads numbers as people type them, with thousands separators and spaces", () => {
    expect(populationForm.parse({ year: "2025", adults18To64: "198,400", adults65AndOver: " 61 200 ", source: "  ONS mid-year estimates 2024  " })).toEqual({
      year: 2025,
      adults18To64: 198_400,
      adults65AndOver: 61_200,
      source: "ONS mid-year estimates 2024",
    });
  });

  it("says what is wrong with each box, and where", () => {
    expect(errorsOf({ year: "", adults18To64: "", adults65AndOver: "", source: "" })).toEqual({
      year: "Enter the year as four digits, such as 2025",
      adults18To64: "Enter the number of adults aged 18 to 64 as a whole number, such as 198400",
      adults65AndOver: "Enter the number of adults aged 65 and over as a whole number, such as 198400",
      source: "Enter where the figures come from, such as ONS mid-year estimates 2024",
    });
    expect(errorsOf({ year: "1900", adults18To64: "12.5", adults65AndOver: "0", source: "x".repeat(301) })).toEqual({
      year: "The year must be 1971 or later (the first ONS mid-year estimates)",
      adults18To64: "Enter the number of adults aged 18 to 64 as a whole number, such as 198400",
      adults65AndOver: "The number of adults aged 65 and over must be at least 1",
      source: "The source must be 300 characters or fewer",
    });
    expect(errorsOf({ year: "twenty", adults18To64: "1e9", adults65AndOver: "lots", source: "ONS" })).toMatchObject({
      year: "Enter the year as four digits, such as 2025",
      adults18To64: "The number of adults aged 18 to 64 must be 20,000,000 or fewer",
      adults65AndOver: "Enter the number of adults aged 65 and over as a whole number, such as 198400",
    });
    expect(populationRemoval.safeParse({ year: "soon" }).success).toBe(false);
  });
});

describe("the population a month is counted against", () => {
  const years = [year(2026, 200_000, 60_000), year(2025, 199_000, 59_000)];

  it("is its own calendar year's, January and December alike", () => {
    expect(populationOfMonth(years, "2026-01")).toEqual({ ok: true, population: years[0] });
    expect(populationOfMonth(years, "2025-12")).toEqual({ ok: true, population: years[1] });
  });

  it("says so when the year is missing, rather than borrowing another year's", () => {
    const missing = populationOfMonth(years, "2024-12");
    expect(missing).toMatchObject({ ok: false, year: 2024 });
    expect(!missing.ok && missing.message).toMatch(/^No adult population is recorded for 2024, so the figure per 100,000 adults for 2024-12 cannot be counted/);
  });

  it("gives a count per 100,000 to one decimal place, and nothing without a population", () => {
    // ASCOF 2C: 312 older people admitted in a year, 61,200 people aged 65 and over: 509.8 per 100,000.
    expect(perHundredThousand(312, 61_200)).toBe(509.8);
    expect(perHundredThousand(0, 61_200)).toBe(0);
    expect(perHundredThousand(5, 0)).toBeNull();
  });
});

describe("the demo council's population", () => {
  it("covers every year from its first month to today, its over-65s growing faster", () => {
    const rows = demoPopulation("2024-01-01", "2026-12-04");
    expect(rows.map((r) => r.year)).toEqual([2024, 2025, 2026]);
    expect(rows.every((r) => r.source === DEMO_POPULATION_SOURCE)).toBe(true);
    const growth = (key: "adults18To64" | "adults65AndOver") => rows[2]![key] / rows[0]![key];
    expect(growth("adults65AndOver")).toBeGreaterThan(growth("adults18To64"));
  });
});
