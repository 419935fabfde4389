/*
 * The terms of reference of a team's monthly meeting: why it meets, who
 * chairs, what it may decide, what it escalates, and its standing items. Each
 * team type has Primed's own; administrators may replace them. The follow-up
 * of open actions is not among the standing items: every meeting starts with
 * it whatever the terms say (docs/definitions.md#the-approach, step 5). Pure: no database.
 */
import { z } from "zod";
import type { TeamType } from "../../db/schema";
import { quotedQuestion } from "~/interpretation/prompt-templates";
import { FOLLOW_UP_ITEM } from "./meeting-forms";

export const PARAGRAPH_MAX_LENGTH = 1000;
export const CHAIR_MAX_LENGTH = 300;
export const STANDING_ITEMS_MAX = 12;
export const STANDING_ITEM_MAX_LENGTH = 150;

export interface TermsOfReferenceText {
  purpose: string;
  chair: string;
  decisions: string;
  escalates: string;
  /** The items after the follow-up of open actions, in order. */
  standingItems: readonly string[];
}

/** Escalation by exception (docs/definitions.md#the-approach): each level raises only what it cannot fix, so every meeting asks. */
const ESCALATIONS = "Escalations: anything the team cannot resolve itself";
const COMING_UP = "Coming up next month: leave, vacancies and known pressures";
const OWN_PRACTICE = "changes to the team's own ways of working";
const ACTIONS = "the actions for next month, each with one owner and a deadline";
const ABOVE_MANAGER = "funding decisions above the team manager's authority";

export const defaultTermsOfReference: Record<TeamType, TermsOfReferenceText> = {
  front_door: {
    purpose:
      "To look at how the front door met the month's contacts and referrals: how many people were helped first time with information, advice or signposting, how long requests waited for a decision, and what went on to other teams; and to agree what will help more people get the right help at the first contact.",
    chair: "The front door team manager; the duty senior practitioner in their absence.",
    decisions: `How duty and screening work is shared across the rota; triage and screening practice within the service's agreed criteria; which requests to audit as a team; ${OWN_PRACTICE}; ${ACTIONS}.`,
    escalates:
      "Demand the team cannot meet within its timescales after sharing out its own capacity; gaps in community services that leave people with nowhere to be signposted; referral pathways agreed with other teams that are not working; risks to people waiting for a decision.",
    standingItems: [
      "The month's figures: contacts, requests and what they led to",
      "Requests that waited longest for a decision, and why",
      "Referrals passed on to other teams that could have been resolved at the first contact",
      "What people are contacting us about more than usual",
      COMING_UP,
      ESCALATIONS,
    ],
  },
  locality: {
    purpose:
      "To look together at the team's allocated, due and overdue work, the work completed and what completed assessments led to; to understand what changed and why; and to agree actions that keep people safe while they wait and help more people stay independent at home.",
    chair: "The team manager; a senior practitioner chairs when they are away.",
    decisions: `How work is prioritised and allocated within the team; which overdue reviews and assessments are followed up first, and by whom; ${OWN_PRACTICE}; ${ACTIONS}.`,
    escalates: `Work the team cannot allocate safely within its capacity; risks to people waiting for allocation that the team cannot manage; ${ABOVE_MANAGER}; problems that need another team or partner to change how they work.`,
    standingItems: [
      "The month's figures: allocated, due and overdue work",
      "People waiting for allocation, and how risk is managed while they wait",
      "Overdue reviews and assessments, and who is following them up",
      "What completed assessments led to: reablement, support at home, long-term care, information and advice",
      COMING_UP,
      ESCALATIONS,
    ],
  },
  hospital_discharge: {
    purpose:
      "To look at how the team helped people leave hospital: how quickly they were assessed, whether they went home with reablement first wherever they could, which discharges were delayed and why, and who came back into hospital soon after; and to agree actions with our NHS colleagues.",
    chair: "The hospital social work team manager; the senior practitioner in their absence. The trust's discharge lead is invited.",
    decisions: `How assessments are prioritised across the wards; the team's own practice on discharge to assess and home first; which delayed discharges to look at as a team; ${ACTIONS}.`,
    escalates: `Delays caused by a lack of home care, reablement or care home places; disagreements with the hospital trust about discharge that the team cannot resolve; anyone put at risk by an unsafe discharge; ${ABOVE_MANAGER}.`,
    standingItems: [
      "The month's figures: people referred, assessed and discharged",
      "People waiting in hospital for an assessment or for care to start",
      "Delayed discharges, and what held them up",
      "People readmitted soon after going home, and what their stories tell us",
      "Pressures coming up: winter, bank holidays and ward closures",
      ESCALATIONS,
    ],
  },
  reviewing: {
    purpose:
      "To keep planned reviews on time and make sure each review checks that a person's care and support still meets their needs and outcomes: looking at the reviews due, overdue and completed, and what they led to.",
    chair: "The reviewing team manager; the senior practitioner in their absence.",
    decisions: `The order in which overdue reviews are followed up, greatest risk first; how planned reviews are scheduled across the team; ${OWN_PRACTICE}; ${ACTIONS}.`,
    escalates: `A backlog of reviews the team cannot clear within its capacity; reviews that find a provider not delivering the care agreed; changes in support that need a funding decision above the team manager's authority.`,
    standingItems: [
      "The month's figures: reviews due, completed and overdue",
      "Overdue reviews carrying the most risk",
      "Planned reviews falling due next month",
      "What reviews led to: support increased, reduced or unchanged",
      "Unplanned reviews, and what prompted them",
      ESCALATIONS,
    ],
  },
  short_term_ot: {
    purpose:
      "To look at how soon people start reablement or an occupational therapy assessment, how many finish short-term support without needing long-term care, and what is holding up equipment and adaptations; and to agree actions that help more people regain their independence.",
    chair: "The reablement and occupational therapy team manager; the lead occupational therapist in their absence.",
    decisions: `How referrals are prioritised and shared between therapists and reablement staff; the team's goal-setting and review practice; which cases to look at as a team; ${ACTIONS}.`,
    escalates:
      "Waits for equipment or adaptations that depend on suppliers or housing; reablement capacity the team cannot provide; people who cannot leave short-term support because long-term care is not available.",
    standingItems: [
      "The month's figures: referrals, starts and short-term support completed",
      "People waiting longest to start, and for equipment or adaptations",
      "How short-term support ended: independent, less support, or long-term care",
      "Short-term work that ran past its timescale, and why",
      COMING_UP,
      ESCALATIONS,
    ],
  },
  safeguarding: {
    purpose:
      "To make sure safeguarding concerns are decided within two working days and Section 42 enquiries finish within their timescale, with each person's wishes and outcomes at the centre (Making Safeguarding Personal); and to spot new patterns of harm early.",
    chair: "The safeguarding team manager; a senior practitioner in their absence.",
    decisions: `How concerns and enquiries are prioritised and allocated; which closed enquiries to audit for quality; ${OWN_PRACTICE}; ${ACTIONS}.`,
    escalates:
      "Enquiries the team cannot progress within their timescale; patterns of harm in a provider, setting or area (to the head of service and the Safeguarding Adults Board lead); cases that may need a Safeguarding Adults Review; disagreements with partner agencies about an enquiry.",
    standingItems: [
      "The month's figures: concerns received and decided, enquiries open and completed",
      "Concerns not decided within two working days, and why",
      "Open enquiries carrying the most risk",
      "Themes: where concerns are coming from, and new kinds of harm",
      "Making Safeguarding Personal: were people's outcomes met?",
      ESCALATIONS,
    ],
  },
  learning_disability: {
    purpose:
      "To look at the team's assessments and reviews for adults with a learning disability and autistic adults; to plan ahead for people preparing for adulthood, moving home or losing a family carer; and to agree actions that support people to live as independently as they can.",
    chair: "The learning disability team manager; a senior practitioner in their absence. Colleagues from the community learning disability health team are invited.",
    decisions: `How reviews and assessments are prioritised and allocated; planning for young people moving from children's services; the team's practice on progression and independence; ${ACTIONS}.`,
    escalates: `Placements at risk of breaking down; people who need housing or support that is not available locally; ${ABOVE_MANAGER}; disagreements with health partners about shared care.`,
    standingItems: [
      "The month's figures: reviews and assessments due, completed and overdue",
      "Overdue reviews, and who is following them up",
      "Preparing for adulthood: young people turning 18 in the next year",
      "People moving home, or whose family carer can no longer care",
      "Progression: where people could be more independent",
      ESCALATIONS,
    ],
  },
  mental_health: {
    purpose:
      "To look at the team's Care Act assessments and reviews for adults with mental health needs, how risk is managed for people waiting, and how well we work with NHS mental health colleagues; and to agree actions that support people's recovery in the community.",
    chair: "The mental health social work team manager; a senior practitioner or the lead Approved Mental Health Professional in their absence.",
    decisions: `How work is prioritised and allocated; how risk is managed for people waiting for allocation; the team's practice on Care Act assessments and reviews; ${ACTIONS}.`,
    escalates: `Risk the team cannot manage while people wait; disagreements with the NHS trust about shared cases or section 117 aftercare; people who need housing or support that is not available; ${ABOVE_MANAGER}.`,
    standingItems: [
      "The month's figures: allocated, due and overdue work",
      "People waiting for allocation, and how risk is managed while they wait",
      "Overdue reviews and assessments, and who is following them up",
      "Joint work with NHS colleagues: what is working and what gets in the way",
      COMING_UP,
      ESCALATIONS,
    ],
  },
};

/** The admin's text box: one standing item per line. */
export function standingItemsFromText(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The follow-up item in any of its usual wordings ("Follow-up of actions", "Follow up of the open actions ..."). */
const FOLLOW_UP = /^follow[\s-]*up of (the )?(open )?actions\b/i;

/** The items as stored: each trimmed, blank lines dropped, 1 to 12 of up to 150 characters, none repeated, not the follow-up. */
export const standingItemsSchema = z
  .array(z.string({ error: "Each standing item must be text" }), { error: "Enter the standing items, one per line" })
  .transform((lines) => lines.map((line) => line.trim()).filter((line) => line !== ""))
  .superRefine((items, ctx) => {
    if (items.length === 0) {
      ctx.addIssue({ code: "custom", message: "Enter at least one standing item, one per line" });
      return;
    }
    if (items.length > STANDING_ITEMS_MAX) {
      ctx.addIssue({ code: "custom", message: `Keep to ${STANDING_ITEMS_MAX} standing items or fewer: there are ${items.length}` });
    }
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      if (FOLLOW_UP.test(item)) {
        ctx.addIssue({ code: "custom", message: `Item ${index + 1} (${quotedQuestion(item)}) is not needed: every meeting starts with “${FOLLOW_UP_ITEM}” already` });
      }
      if (item.length > STANDING_ITEM_MAX_LENGTH) {
        ctx.addIssue({
          code: "custom",
          message: `Item ${index + 1} (${quotedQuestion(item)}) is ${item.length} characters long: keep each item to ${STANDING_ITEM_MAX_LENGTH} characters or fewer`,
        });
      }
      const key = item.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        ctx.addIssue({ code: "custom", message: `Item ${index + 1} (${quotedQuestion(item)}) repeats item ${earlier + 1}: keep one of them` });
      } else {
        seen.set(key, index);
      }
    });
  });

/** A paragraph of the terms: line ends as the box counted them (browsers send two characters), trimmed, required. */
const paragraph = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, `Enter ${what}`)
        .max(max, `Keep ${what} to ${max.toLocaleString("en-GB")} characters or fewer`),
    );

/** The posted form: four paragraphs and the standing items, one per line. */
export const termsOfReferenceForm = z.object({
  purpose: paragraph("the purpose of the meeting", PARAGRAPH_MAX_LENGTH),
  chair: paragraph("who chairs the meeting", CHAIR_MAX_LENGTH),
  decisions: paragraph("the decisions the meeting may take", PARAGRAPH_MAX_LENGTH),
  escalates: paragraph("what the meeting escalates", PARAGRAPH_MAX_LENGTH),
  standingItems: z
    .string({ error: "Enter the standing items, one per line" })
    // Room for every item at full length with its line end; a forged form gets no further.
    .max(
      STANDING_ITEMS_MAX * (STANDING_ITEM_MAX_LENGTH + 2) * 2,
      `The standing items are too long: keep to ${STANDING_ITEMS_MAX} items of up to ${STANDING_ITEM_MAX_LENGTH} characters each`,
    )
    .transform(standingItemsFromText)
    .pipe(standingItemsSchema),
});

export type TermsOfReferenceValues = z.output<typeof termsOfReferenceForm>;
