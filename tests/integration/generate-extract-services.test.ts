/*
 * generate-extract's Service rows (issue 18, item 1): the columns of
 * docs/definitions.md#care-and-support with CLD's headers, valid values, mixed
 * into the work of the demo council and of the large council.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateExtract } from "~/cli/generate-extract-command";
import { parseCostFrequency, parseServiceType, needsPlannedUnits, weeklyCost } from "~/care/service-types";
import { addDays, isIsoDate, type IsoDate } from "~/dates";

const TODAY = "2026-11-22";
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-extract-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SERVICE_HEADERS = [
  "Service Type",
  "Service Component",
  "Delivery Mechanism",
  "Unit Cost",
  "Cost Frequency (Unit Type)",
  "Planned units per week",
  "Provider CQC Location ID",
  "Date of Birth",
];

type Row = Record<string, string>;

function read(file: string): { header: string[]; rows: Row[] } {
  const parsed = Papa.parse<Row>(fs.readFileSync(file, "utf8"), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields!, rows: parsed.data };
}

/** dd/mm/yyyy as an ISO date, or null when it is not one. */
function cldDate(value: string): IsoDate | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]}-${match[1]}`;
  return isIsoDate(iso) ? iso : null;
}

/** Every Service row as the import will check it: the values section 8 accepts, and none of work's columns. */
function expectValidServiceRows(rows: Row[]) {
  const refs = new Set<string>();
  for (const row of rows) {
    const at = `${row["Event Reference"]}`;
    expect(refs.has(at), at).toBe(false);
    refs.add(at);
    expect(row["LA Person Unique Identifier"], at).toMatch(/^P\d{7}$/);
    expect(row.Team, at).not.toBe("");
    for (const column of ["Event Outcome", "Allocated Date", "Due Date", "Work Type", "Assessment Type", "Review Reason"]) expect(row[column], `${at} ${column}`).toBe("");
    const starts = cldDate(row["Event Start Date"]!);
    expect(starts, at).not.toBeNull();
    expect(starts! <= TODAY, at).toBe(true);
    if (row["Event End Date"] !== "") {
      const ends = cldDate(row["Event End Date"]!);
      expect(ends, at).not.toBeNull();
      expect(ends! >= starts! && ends! <= TODAY, at).toBe(true);
    }
    const type = parseServiceType(row["Service Type"]!);
    expect(type, at).not.toBeNull();
    const frequency = parseCostFrequency(row["Cost Frequency (Unit Type)"]!);
    expect(frequency, at).not.toBeNull();
    const unitCost = row["Unit Cost"] === "" ? null : Number(row["Unit Cost"]);
    if (unitCost !== null) {
      expect(row["Unit Cost"], at).toMatch(/^\d+\.\d{2}$/);
      expect(unitCost, at).toBeGreaterThanOrEqual(0);
    }
    const units = row["Planned units per week"] === "" ? null : Number(row["Planned units per week"]);
    if (units !== null) expect(units, at).toBeGreaterThan(0);
    if (needsPlannedUnits(frequency!)) expect(units, at).not.toBeNull();
    const weekly = weeklyCost(unitCost, frequency, units);
    expect(weekly, at).not.toBeNull();
    if (type === "lt_residential" && unitCost !== null) expect(weekly! >= 900 && weekly! <= 1100, `${at} ${weekly}`).toBe(true);
    if (type === "lt_nursing" && unitCost !== null) expect(weekly! >= 1100 && weekly! <= 1400, `${at} ${weekly}`).toBe(true);
    if (frequency === "one_off") expect(row["Event End Date"], at).toBe(row["Event Start Date"]);
    if (row["Provider CQC Location ID"] !== "") expect(row["Provider CQC Location ID"], at).toMatch(/^1-\d{9,10}$/);
    if (row["Date of Birth"] !== "") {
      const born = cldDate(row["Date of Birth"]!);
      expect(born, at).not.toBeNull();
      expect(born! < addDays(starts!, -18 * 365), at).toBe(true);
    }
    expect(["Service user", "Unpaid carer"], at).toContain(row["Client Type"]);
  }
}

describe("generate-extract writes Service rows", () => {
  it("for the demo council: its most recent work, then every service going on meanwhile, each in date order", async () => {
    const out = path.join(dir, "demo.csv");
    const result = await generateExtract({ rows: 5000, out, scale: "demo", seed: 2026 }, TODAY);
    const { header, rows } = read(out);
    expect(header).toEqual(expect.arrayContaining(["Event Type", "Event Reference", "Event Start Date", "Event End Date", "Team", "Worker", ...SERVICE_HEADERS]));
    const services = rows.filter((r) => r["Event Type"] === "Service");
    const work = rows.filter((r) => r["Event Type"] !== "Service");
    expect(work.length).toBe(5000);
    expect(result.written).toBe(rows.length);
    expect(services.length).toBeGreaterThan(1000);
    expectValidServiceRows(services);
    // Work rows leave the service columns empty.
    for (const row of work) for (const column of SERVICE_HEADERS) expect(row[column]).toBe("");
    // Every service still going when the first work written was received, and no other.
    const from = cldDate(work[0]!["Event Start Date"]!)!;
    expect(services.every((s) => s["Event End Date"] === "" || cldDate(s["Event End Date"]!)! >= from)).toBe(true);
    // The work first (the first rows of a file are work, as before), then the services, each in date order.
    expect(rows.slice(0, work.length).every((r) => r["Event Type"] !== "Service")).toBe(true);
    for (const part of [work, services]) {
      const dates = part.map((r) => cldDate(r["Event Start Date"]!)!);
      expect(dates).toEqual([...dates].sort());
    }
    // Types, frequencies, mechanisms, dates of birth: the variety a council's extract has.
    expect(new Set(services.map((s) => s["Service Type"])).size).toBeGreaterThanOrEqual(7);
    expect(new Set(services.map((s) => s["Cost Frequency (Unit Type)"])).size).toBeGreaterThanOrEqual(7);
    expect(new Set(services.map((s) => s["Delivery Mechanism"]))).toEqual(new Set(["Direct Payment", "CASSR Managed Personal Budget", "CASSR Commissioned Support only"]));
    expect(services.filter((s) => s["Date of Birth"] !== "").length / services.length).toBeGreaterThan(0.9);
    expect(services.filter((s) => s.Worker !== "").length / services.length).toBeGreaterThan(0.8);
  }, 300_000);

  it("for the large council: the work asked for, then its services, streamed", async () => {
    const out = path.join(dir, "large.csv");
    const result = await generateExtract({ rows: 20_000, out, scale: "large", seed: 2026 }, TODAY);
    const { rows } = read(out);
    const services = rows.filter((r) => r["Event Type"] === "Service");
    const work = rows.filter((r) => r["Event Type"] !== "Service");
    expect(work.length).toBeLessThanOrEqual(20_000);
    expect(work.length).toBeGreaterThan(15_000);
    expect(result.written).toBe(rows.length);
    // Section 7's proportions: about one service row for ten work rows.
    expect(services.length / work.length).toBeGreaterThan(0.05);
    expect(services.length / work.length).toBeLessThan(0.25);
    expectValidServiceRows(services);
    expect(new Set(services.map((s) => s.Team)).size).toBeGreaterThan(50);
    expect(services.every((s) => /^LS\d{8}$/.test(s["Event Reference"]!))).toBe(true);
    expect(rows.slice(0, work.length).every((r) => r["Event Type"] !== "Service")).toBe(true);
    expect(fs.readdirSync(dir).filter((name) => name.includes(".tmp"))).toEqual([]);
    // After the people already supported when the history begins, services come in the order they start.
    const firstWork = cldDate(work[0]!["Event Start Date"]!)!;
    const later = services.map((s) => cldDate(s["Event Start Date"]!)!).filter((d) => d >= firstWork);
    expect(later).toEqual([...later].sort());
  }, 300_000);
});
