/*
 * The demo council's adult population, one row a year for every year its
 * data covers: made up, in the shape of the ONS mid-year estimates (a
 * mid-sized English council, its over-65s growing faster than the rest).
 */
import type { IsoDate } from "~/dates";
import type { PopulationInput } from "~/care/population";

const BASE_YEAR = 2024;
const BASE = { adults18To64: 196_340, adults65AndOver: 57_910 };
const GROWTH = { adults18To64: 0.004, adults65AndOver: 0.019 };

export const DEMO_POPULATION_SOURCE = "Made-up figures for the demo council, in the form of the ONS mid-year estimates";

export function demoPopulation(firstDay: IsoDate, today: IsoDate): PopulationInput[] {
  const rows: PopulationInput[] = [];
  for (let year = Number(firstDay.slice(0, 4)); year <= Number(today.slice(0, 4)); year++) {
    const grown = (key: keyof typeof BASE) => Math.round(BASE[key] * (1 + GROWTH[key]) ** (year - BASE_YEAR));
    rows.push({ year, adults18To64: grown("adults18To64"), adults65AndOver: grown("adults65AndOver"), source: DEMO_POPULATION_SOURCE });
  }
  return rows;
}
