/*
 * Services from the extract (docs/definitions.md#care-and-support): their
 * types, groups and settings, their cost frequencies, and a service's weekly
 * cost. The one place these rules live: the import reads values through the
 * parsers here, and every figure of care and cost uses `weeklyCost`.
 */

/** CLD Release 2's Service Type wording, as Primed stores and shows it. */
export const serviceTypes = {
  lt_nursing: "Long term support: Nursing care",
  lt_residential: "Long term support: Residential care",
  lt_community: "Long term support: Community",
  lt_prison: "Long term support: Prison",
  st_max: "Short term support: ST-Max",
  st_low_level: "Short term support: Ongoing low level",
  st_other: "Short term support: Other short term",
  carer_direct: "Unpaid carer support: Direct to unpaid carer",
  carer_with_person: "Unpaid carer support: Support involving the person cared-for",
} as const;

export type ServiceTypeCode = keyof typeof serviceTypes;
export const serviceTypeCodes = Object.keys(serviceTypes) as ServiceTypeCode[];

export type ServiceGroup = "long_term" | "short_term" | "carer";
export type CareSetting = "nursing" | "residential" | "community" | "prison";

/** Long-term settings in the order a person is counted in the first they have. */
export const careSettings: readonly CareSetting[] = ["nursing", "residential", "community", "prison"];

export const serviceGroupLabels: Record<ServiceGroup, string> = { long_term: "Long-term support", short_term: "Short-term support", carer: "Unpaid carer support" };
export const careSettingLabels: Record<CareSetting, string> = { nursing: "Nursing care", residential: "Residential care", community: "Community", prison: "Prison" };

export function groupOf(type: ServiceTypeCode): ServiceGroup {
  return type.startsWith("lt_") ? "long_term" : type.startsWith("st_") ? "short_term" : "carer";
}

/** The setting of a long-term service; null for short-term and carer support. */
export function settingOf(type: ServiceTypeCode): CareSetting | null {
  switch (type) {
    case "lt_nursing":
      return "nursing";
    case "lt_residential":
      return "residential";
    case "lt_community":
      return "community";
    case "lt_prison":
      return "prison";
    default:
      return null;
  }
}

/** Residential and nursing care: the placements whose admissions are counted. */
export function isPlacement(type: ServiceTypeCode): boolean {
  return type === "lt_nursing" || type === "lt_residential";
}

/** Case, spaces and punctuation do not matter: "LONG TERM SUPPORT - NURSING CARE" is the R2 value. */
function key(value: string): string {
  return value
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** CLD Release 1 wording (Title Case, "Carer Support: ..."), mapped to Release 2; the value as loaded is kept beside it. */
const release1ServiceTypes: Record<string, ServiceTypeCode> = {
  "Long Term Support: Nursing Care": "lt_nursing",
  "Long Term Support: Residential Care": "lt_residential",
  "Long Term Support: Community": "lt_community",
  "Long Term Support: Prison": "lt_prison",
  "Short Term Support: ST-Max": "st_max",
  "Short Term Support: Ongoing Low Level": "st_low_level",
  "Short Term Support: Other Short Term": "st_other",
  "Carer Support: Direct Payment": "carer_direct",
  "Carer Support: Direct to Carer": "carer_direct",
  "Carer Support: Direct to Unpaid Carer": "carer_direct",
  "Carer Support: Support Direct to Carer": "carer_direct",
  "Carer Support: Support involving the person cared-for": "carer_with_person",
  "Carer Support: Support Involving the Person Cared For": "carer_with_person",
  "Carer Support: Respite": "carer_with_person",
};

const serviceTypeByKey = new Map<string, ServiceTypeCode>([
  ...Object.entries(release1ServiceTypes).map(([wording, code]) => [key(wording), code] as const),
  ...serviceTypeCodes.map((code) => [key(serviceTypes[code]), code] as const),
]);

export function parseServiceType(raw: string): ServiceTypeCode | null {
  return serviceTypeByKey.get(key(raw)) ?? null;
}

export const SERVICE_TYPES_ACCEPTED = `a CLD Service Type: ${Object.values(serviceTypes).join(", ")} (Release 1 wording is also accepted)`;

/** Cost Frequency (Unit Type), as CLD writes it. */
export const costFrequencies = {
  hourly: "Hourly",
  per_session: "Per session",
  daily: "Daily",
  weekly: "Weekly",
  fortnightly: "Fortnightly",
  four_weekly: "4-weekly",
  monthly: "Monthly",
  quarterly: "Quarterly",
  annually: "Annually",
  one_off: "One-off",
  no_charge: "No charge to client",
} as const;

export type CostFrequency = keyof typeof costFrequencies;
export const costFrequencyCodes = Object.keys(costFrequencies) as CostFrequency[];

const frequencyByKey = new Map<string, CostFrequency>([
  ...costFrequencyCodes.map((code) => [key(costFrequencies[code]), code] as const),
  // Spellings care systems use for the same frequencies.
  [key("Four weekly"), "four_weekly"],
  [key("4 weekly"), "four_weekly"],
  [key("Annual"), "annually"],
  [key("Yearly"), "annually"],
  [key("Session"), "per_session"],
  [key("Per hour"), "hourly"],
  [key("Per day"), "daily"],
  [key("Per week"), "weekly"],
  [key("One off"), "one_off"],
  [key("Oneoff"), "one_off"],
  [key("No charge"), "no_charge"],
]);

export function parseCostFrequency(raw: string): CostFrequency | null {
  return frequencyByKey.get(key(raw)) ?? null;
}

export const COST_FREQUENCIES_ACCEPTED = Object.values(costFrequencies).join(", ");

/** Frequencies whose weekly cost needs the planned units a week. */
export function needsPlannedUnits(frequency: CostFrequency): boolean {
  return frequency === "hourly" || frequency === "per_session";
}

/**
 * A service's weekly cost in pounds, exact (rounded only for display): the
 * unit cost `u` at frequency `f`, with `p` planned units a week. Null only
 * when it cannot be known (hourly or per session without p), which the
 * import refuses. An empty u costs 0 a week ("cost not known" is counted apart).
 */
export function weeklyCost(u: number | null, f: CostFrequency | null, p: number | null): number | null {
  if (u === null || f === null) return 0;
  switch (f) {
    case "hourly":
    case "per_session":
      return p === null ? null : u * p;
    case "daily":
      return u * (p ?? 7);
    case "weekly":
      return u;
    case "fortnightly":
      return u / 2;
    case "four_weekly":
      return u / 4;
    case "monthly":
      return (u * 12) / 52;
    case "quarterly":
      return u / 13;
    case "annually":
      return u / 52;
    case "one_off":
    case "no_charge":
      return 0;
  }
}

/** Pounds rounded to pence, as every figure of money is given out. */
export function toPence(pounds: number): number {
  return Math.round(pounds * 100 + (pounds >= 0 ? 1e-9 : -1e-9)) / 100;
}

// Made once: toLocaleString with options builds a formatter on every call, which
// was 7 ms of a care report's 40 ms render at the large council (profiled, issue 18).
const wholePounds = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 0 });
const poundsAndPence = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money as a council writes it: £1,234,567, or £1,234.50 when there are pence; a minus sign for a fall. */
export function formatPounds(pounds: number, options: { pence?: boolean } = {}): string {
  const rounded = toPence(pounds);
  const showPence = options.pence ?? !Number.isInteger(rounded);
  const text = (showPence ? poundsAndPence : wholePounds).format(Math.abs(rounded));
  return `${rounded < 0 ? "−" : ""}£${text}`;
}

/** Age groups of an admission (ASCOF 2B is 18-64, 2C is 65 and over). */
export type AgeGroup = "18-64" | "65+" | "unknown";
export const ageGroups: readonly AgeGroup[] = ["18-64", "65+", "unknown"];

/**
 * The age group from the age in whole years on the service's start date. Under 18s (rare: young people
 * moving to adult services) are counted with the younger adults, so every admission has a group.
 */
export function ageGroupOf(ageAtStart: number | null): AgeGroup {
  if (ageAtStart === null) return "unknown";
  return ageAtStart >= 65 ? "65+" : "18-64";
}

/** Age in whole years on `on` of a person born on `born` (both ISO dates). */
export function ageOn(born: string, on: string): number {
  const [by, bm, bd] = born.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
