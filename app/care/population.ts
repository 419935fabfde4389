/*
 * The adult population a per-100,000 figure is counted against. ASCOF 2B and
 * 2C give long-term admissions to residential and nursing care per 100,000
 * adults of the age group (18-64 and 65 and over), against the ONS mid-year
 * estimate for the year the month falls in (docs/definitions.md, "Per 100,000
 * adults").
 */
import type { IsoMonth } from "~/dates";

export const ageGroups = ["18-64", "65+"] as const;
export type AgeGroup = (typeof ageGroups)[number];

export const ageGroupLabels: Record<AgeGroup, string> = { "18-64": "adults aged 18 to 64", "65+": "adults aged 65 and over" };

/** A year's adults by age group, as an administrator records it. */
export interface PopulationInput {
  year: number;
  adults18To64: number;
  adults65AndOver: number;
  /** Where the figures came from, in the administrator's words: "ONS mid-year estimates 2024". */
  source: string;
}

export interface PopulationYear extends PopulationInput {
  updatedAt: string;
}

export function adultsIn(population: PopulationYear, group: AgeGroup): number {
  return group === "18-64" ? population.adults18To64 : population.adults65AndOver;
}

export type PopulationOfMonth = { ok: true; population: PopulationYear } | { ok: false; year: number; message: string };

/** The population a month's figure is counted against: its own calendar year's, or a message saying that year is missing. */
export function populationOfMonth(years: readonly PopulationYear[], month: IsoMonth): PopulationOfMonth {
  const year = Number(month.slice(0, 4));
  const population = years.find((p) => p.year === year);
  if (population) return { ok: true, population };
  return {
    ok: false,
    year,
    message: `No adult population is recorded for ${year}, so the figure per 100,000 adults for ${month} cannot be counted. An administrator adds it under Administration, Population.`,
  };
}

/** `count` per 100,000 of `adults`, to one decimal place (as ASCOF publishes it); null without a population. */
export function perHundredThousand(count: number, adults: number): number | null {
  if (!(adults > 0)) return null;
  return Math.round((count / adults) * 100_000 * 10) / 10;
}
