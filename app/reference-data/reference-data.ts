/*
 * The service's reference lists as docs/definitions.md sets them out: team types, the
 * default work types with their timescales, and the CLD Release 2 outcomes.
 */
import type { TeamType, TimescaleUnit, WorkCategory } from "../../db/schema";

export const teamTypeLabels: Record<TeamType, string> = {
  front_door: "Front door / contact centre",
  locality: "Locality social work",
  hospital_discharge: "Hospital discharge",
  reviewing: "Reviewing",
  short_term_ot: "Short-term / OT",
  safeguarding: "Safeguarding",
  learning_disability: "Learning disability",
  mental_health: "Mental health",
};

export interface WorkTypeDefault {
  code: string;
  name: string;
  category: WorkCategory;
  timescale: number;
  timescaleUnit: TimescaleUnit;
}

export const defaultWorkTypes: WorkTypeDefault[] = [
  { code: "request", name: "Request (contact / referral)", category: "request", timescale: 7, timescaleUnit: "days" },
  { code: "care_act_assessment", name: "Care Act assessment", category: "assessment", timescale: 28, timescaleUnit: "days" },
  { code: "carers_assessment", name: "Carer's assessment", category: "assessment", timescale: 28, timescaleUnit: "days" },
  { code: "short_term_assessment", name: "Short-term / OT assessment", category: "assessment", timescale: 28, timescaleUnit: "days" },
  { code: "planned_review", name: "Planned review", category: "review", timescale: 28, timescaleUnit: "days" },
  { code: "unplanned_review", name: "Unplanned review", category: "review", timescale: 28, timescaleUnit: "days" },
  { code: "safeguarding_concern", name: "Safeguarding concern", category: "safeguarding", timescale: 2, timescaleUnit: "working_days" },
  { code: "section_42_enquiry", name: "Section 42 enquiry", category: "safeguarding", timescale: 28, timescaleUnit: "working_days" },
];

export type WorkTypeCode =
  "request" | "care_act_assessment" | "carers_assessment" | "short_term_assessment" | "planned_review" | "unplanned_review" | "safeguarding_concern" | "section_42_enquiry";

export const NO_FURTHER_ACTION = "No further action";

/** CLD Release 2 Event Outcome values, in the order CLD lists them. */
export const cldOutcomes = [
  "Progress to reablement/ST-Max",
  "Progress to assessment, review or reassessment",
  "Progress to support planning or services",
  "Continuation of support or services",
  "Admitted to hospital",
  "NFA: Responsibility moved to another local authority",
  "NFA: Referral to NHS services or NHS funded social care",
  "NFA: Self-funded client or under 12wk disregard",
  "NFA: Information and advice or signposting",
  "NFA: Referral to other service within the local authority",
  "NFA: Support declined",
  "NFA: Deceased",
  "NFA: Support ended as planned",
  "NFA: Support ended for other reason",
  "NFA: No services offered for other reason",
  "NFA: Other",
] as const;
export type CldOutcome = (typeof cldOutcomes)[number];

/** Every "NFA: ..." value is No further action; the others are their own group. */
export function outcomeGroupOf(value: string): string {
  return value.startsWith("NFA:") ? NO_FURTHER_ACTION : value;
}

/**
 * What a front-door request led to, in the five answers a front door reports
 * (and "Other" for the rest, such as a council's own outcome values).
 */
export const requestLedTo = ["Information and advice or signposting", "Referral to another service", "Progress to assessment", "Reablement", "No further action", "Other"] as const;
export type RequestLedTo = (typeof requestLedTo)[number] | "Not recorded";

const ledToByOutcome: Record<string, RequestLedTo> = {
  "NFA: Information and advice or signposting": "Information and advice or signposting",
  "NFA: Referral to other service within the local authority": "Referral to another service",
  "NFA: Referral to NHS services or NHS funded social care": "Referral to another service",
  "NFA: Responsibility moved to another local authority": "Referral to another service",
  "Progress to assessment, review or reassessment": "Progress to assessment",
  "Progress to reablement/ST-Max": "Reablement",
};

export function requestLedToOf(outcome: string | null): RequestLedTo {
  if (outcome === null) return "Not recorded";
  return ledToByOutcome[outcome] ?? (outcomeGroupOf(outcome) === NO_FURTHER_ACTION ? "No further action" : "Other");
}
