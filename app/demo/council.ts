/*
 * The demo council: one adult social care service whose teams, volumes and
 * habits follow docs/definitions.md, with three stories planted for managers to find.
 */
import type { TeamType } from "../../db/schema";
import type { CldOutcome, WorkTypeCode } from "~/reference-data/reference-data";

export type OutcomeWeights = Partial<Record<CldOutcome, number>>;

export interface DemoTeamPlan {
  name: string;
  type: TeamType;
  /** Workers including the team manager. */
  size: number;
  /** Items received per month, before winter pressure. */
  monthlyVolumes: Partial<Record<WorkTypeCode, number>>;
  /** Extra demand in December to February (0.2 = 20% more). */
  winterPressure: number;
  /** Mean days from received to allocated. */
  allocationDays: number;
  /** Mean days from allocated to completed, by work type. */
  workDays: Partial<Record<WorkTypeCode, number>>;
  story?: DemoStory;
}

export type DemoStory =
  /** Reviews take longer month after month from `monthsAgo`: overdue reviews climb. */
  | { kind: "overdue_reviews_climb"; monthsAgo: number }
  /** A change of practice in a known month shifts assessment outcomes. */
  | { kind: "practice_change"; monthsAgo: number; practice: string }
  /** Vacancies left unfilled from `monthsAgo`: the queue awaiting allocation grows. */
  | { kind: "allocation_queue_grows"; monthsAgo: number; vacancies: number };

export const demoService = {
  name: "Adult Social Care",
  council: "Northbrook Borough Council",
  laCode: "E09000099",
};

const localityVolumes = (scale: number): DemoTeamPlan["monthlyVolumes"] => ({
  care_act_assessment: Math.round(40 * scale),
  carers_assessment: Math.round(8 * scale),
  planned_review: Math.round(36 * scale),
  unplanned_review: Math.round(11 * scale),
});

const localityWork: DemoTeamPlan["workDays"] = {
  care_act_assessment: 19,
  carers_assessment: 15,
  planned_review: 16,
  unplanned_review: 17,
};

export const demoTeams: DemoTeamPlan[] = [
  {
    name: "Front Door",
    type: "front_door",
    size: 14,
    monthlyVolumes: { request: 650 },
    winterPressure: 0.2,
    allocationDays: 0.3,
    workDays: { request: 3 },
  },
  {
    name: "North Locality",
    type: "locality",
    size: 13,
    monthlyVolumes: localityVolumes(1),
    winterPressure: 0.1,
    allocationDays: 3,
    workDays: localityWork,
    story: { kind: "overdue_reviews_climb", monthsAgo: 10 },
  },
  {
    name: "South Locality",
    type: "locality",
    size: 13,
    monthlyVolumes: localityVolumes(1.05),
    winterPressure: 0.1,
    allocationDays: 3,
    workDays: localityWork,
    story: { kind: "practice_change", monthsAgo: 9, practice: "strengths-based conversations" },
  },
  {
    name: "East Locality",
    type: "locality",
    size: 12,
    monthlyVolumes: localityVolumes(0.9),
    winterPressure: 0.1,
    allocationDays: 3,
    workDays: localityWork,
    story: { kind: "allocation_queue_grows", monthsAgo: 8, vacancies: 3 },
  },
  {
    name: "Hospital Discharge",
    type: "hospital_discharge",
    size: 12,
    monthlyVolumes: { short_term_assessment: 35, care_act_assessment: 42 },
    winterPressure: 0.35,
    allocationDays: 0.6,
    workDays: { short_term_assessment: 7, care_act_assessment: 12 },
  },
  {
    name: "Reviewing Team",
    type: "reviewing",
    size: 12,
    monthlyVolumes: { planned_review: 92, unplanned_review: 18 },
    winterPressure: 0.05,
    allocationDays: 4,
    workDays: { planned_review: 15, unplanned_review: 16 },
  },
  {
    name: "Reablement and OT",
    type: "short_term_ot",
    size: 12,
    monthlyVolumes: { short_term_assessment: 82 },
    winterPressure: 0.15,
    allocationDays: 2,
    workDays: { short_term_assessment: 14 },
  },
  {
    name: "Safeguarding Adults",
    type: "safeguarding",
    size: 10,
    monthlyVolumes: { safeguarding_concern: 105, section_42_enquiry: 24 },
    winterPressure: 0.05,
    allocationDays: 0.2,
    workDays: { safeguarding_concern: 1, section_42_enquiry: 27 },
  },
  {
    name: "Learning Disability",
    type: "learning_disability",
    size: 11,
    monthlyVolumes: { care_act_assessment: 12, carers_assessment: 5, planned_review: 36, unplanned_review: 8 },
    winterPressure: 0,
    allocationDays: 5,
    workDays: { care_act_assessment: 22, carers_assessment: 16, planned_review: 18, unplanned_review: 18 },
  },
  {
    name: "Mental Health Social Work",
    type: "mental_health",
    size: 10,
    monthlyVolumes: { care_act_assessment: 18, carers_assessment: 4, planned_review: 25, unplanned_review: 10 },
    winterPressure: 0.05,
    allocationDays: 4,
    workDays: { care_act_assessment: 21, carers_assessment: 15, planned_review: 17, unplanned_review: 19 },
  },
];

export const outcomeWeights: Record<"request" | "care_act" | "care_act_strengths" | "carers" | "short_term" | "review" | "concern" | "enquiry", OutcomeWeights> = {
  request: {
    "NFA: Information and advice or signposting": 34,
    "Progress to assessment, review or reassessment": 24,
    "Progress to reablement/ST-Max": 9,
    "NFA: Referral to other service within the local authority": 8,
    "NFA: Referral to NHS services or NHS funded social care": 6,
    "NFA: Support declined": 5,
    "NFA: No services offered for other reason": 4,
    "Progress to support planning or services": 4,
    "NFA: Self-funded client or under 12wk disregard": 3,
    "NFA: Other": 2,
    "NFA: Deceased": 1,
  },
  care_act: {
    "Progress to support planning or services": 48,
    "Progress to reablement/ST-Max": 9,
    "NFA: Information and advice or signposting": 10,
    "NFA: Self-funded client or under 12wk disregard": 8,
    "NFA: Support declined": 7,
    "NFA: Referral to NHS services or NHS funded social care": 5,
    "Admitted to hospital": 3,
    "NFA: Deceased": 3,
    "NFA: No services offered for other reason": 3,
    "NFA: Responsibility moved to another local authority": 1,
    "NFA: Other": 3,
  },
  care_act_strengths: {
    "Progress to support planning or services": 29,
    "Progress to reablement/ST-Max": 19,
    "NFA: Information and advice or signposting": 22,
    "NFA: Self-funded client or under 12wk disregard": 8,
    "NFA: Support declined": 6,
    "NFA: Referral to NHS services or NHS funded social care": 5,
    "Admitted to hospital": 3,
    "NFA: Deceased": 3,
    "NFA: No services offered for other reason": 2,
    "NFA: Responsibility moved to another local authority": 1,
    "NFA: Other": 2,
  },
  carers: {
    "Progress to support planning or services": 45,
    "NFA: Information and advice or signposting": 35,
    "NFA: Support declined": 10,
    "NFA: No services offered for other reason": 5,
    "NFA: Other": 5,
  },
  short_term: {
    "Progress to reablement/ST-Max": 58,
    "Progress to support planning or services": 16,
    "NFA: Information and advice or signposting": 9,
    "Admitted to hospital": 6,
    "NFA: Referral to NHS services or NHS funded social care": 6,
    "NFA: Support declined": 5,
  },
  review: {
    "Continuation of support or services": 62,
    "Progress to support planning or services": 12,
    "Progress to assessment, review or reassessment": 6,
    "NFA: Support ended as planned": 7,
    "NFA: Deceased": 6,
    "Admitted to hospital": 2,
    "NFA: Support ended for other reason": 3,
    "NFA: Responsibility moved to another local authority": 1,
    "NFA: Other": 1,
  },
  concern: {
    "Progress to assessment, review or reassessment": 30,
    "NFA: Information and advice or signposting": 40,
    "NFA: Referral to other service within the local authority": 15,
    "NFA: Other": 15,
  },
  enquiry: {
    "Continuation of support or services": 40,
    "Progress to support planning or services": 30,
    "NFA: Other": 30,
  },
};

export const routesOfAccess = {
  "Community / Other route": 70,
  "Discharge from Hospital": 14,
  "Diversion from Hospital Services": 5,
  "Self-Funder with Depleted Funds": 5,
  "Planned Entry (Transition)": 4,
  Prison: 2,
} as const;

export const unplannedReviewReasons = {
  "Unplanned - change in needs or circumstances": 55,
  "Unplanned - hospital admission or discharge": 25,
  "Unplanned - carer related": 12,
  "Unplanned - safeguarding": 8,
} as const;
