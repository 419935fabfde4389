/*
 * Reading one cell's value: dates in CLD's or ISO form, event types into work
 * types (docs/definitions.md#work-items-and-work-types), and outcomes, with CLD Release 1 wording
 * mapped to Release 2.
 */
import { daysInMonth, isIsoDate, type IsoDate } from "~/dates";
import { headerKey } from "./columns";
import { ownCopy } from "./own-copy";
import type { WorkTypeCode } from "~/reference-data/reference-data";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; accepted: string };

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_ACCEPTED = "a real date written dd/mm/yyyy (CLD's form) or yyyy-mm-dd";

/** The digit at `i`, or NaN. */
function digit(text: string, i: number): number {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : NaN;
}

/** The common case, "31/03/2026", read by arithmetic alone: imports read millions of dates. */
function fastDmy(text: string): IsoDate | null {
  if (text.length !== 10 || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return null;
  const day = digit(text, 0) * 10 + digit(text, 1);
  const month = digit(text, 3) * 10 + digit(text, 4);
  const year = digit(text, 6) * 1000 + digit(text, 7) * 100 + digit(text, 8) * 10 + digit(text, 9);
  // NaN fails every comparison, so a non-digit anywhere fails here.
  if (!(year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return null;
  return `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}`;
}

/** "31/03/2026" (CLD's form) or "2026-03-31", and only real dates. */
export function parseDate(raw: string): Parsed<IsoDate> {
  const fast = fastDmy(raw);
  if (fast) return { ok: true, value: fast };
  const text = raw.trim();
  const accepted = DATE_ACCEPTED;
  const dmy = DMY.exec(text);
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}` : text;
  if (!isIsoDate(iso)) {
    const looksLikeDate = Boolean(dmy) || /^\d{4}-\d{2}-\d{2}$/.test(text);
    return { ok: false, problem: looksLikeDate ? "is not a real date" : "is not a date", accepted };
  }
  return { ok: true, value: iso };
}

const keys = new Map<string, string>();

/**
 * Case, spaces and punctuation do not matter when comparing values. An
 * extract repeats a few hundred values a million times: remember them.
 */
export function valueKey(value: string): string {
  let key = keys.get(value);
  if (key === undefined) {
    key = headerKey(value.replace(/&/g, " and "));
    if (keys.size < 50_000) keys.set(ownCopy(value), key);
  }
  return key;
}

export const eventTypes = ["Request", "Assessment", "Review", "Safeguarding Concern", "Section 42 Enquiry", "Service"] as const;
export type EventType = (typeof eventTypes)[number];
// CLD's word is "Service"; "Services", as extracts also write it, is the same.
const eventTypeByKey = new Map([...eventTypes.map((t) => [valueKey(t), t] as const), [valueKey("Services"), "Service" as const]]);

export function parseEventType(raw: string): Parsed<EventType> {
  const found = eventTypeByKey.get(valueKey(raw));
  return found ? { ok: true, value: found } : { ok: false, problem: "is not an event type Primed knows", accepted: eventTypes.join(", ") };
}

/** The work type of a CLD event, by the table in docs/definitions.md#work-items-and-work-types; a Work Type column overrides it. */
export function workTypeOfEvent(event: { eventType: Exclude<EventType, "Service">; clientType: string; assessmentType: string; reviewReason: string }): Parsed<WorkTypeCode> {
  switch (event.eventType) {
    case "Request":
      return { ok: true, value: "request" };
    case "Safeguarding Concern":
      return { ok: true, value: "safeguarding_concern" };
    case "Section 42 Enquiry":
      return { ok: true, value: "section_42_enquiry" };
    case "Review":
      return { ok: true, value: valueKey(event.reviewReason).startsWith("planned") ? "planned_review" : "unplanned_review" };
    case "Assessment": {
      if (valueKey(event.clientType) === "unpaid carer") return { ok: true, value: "carers_assessment" };
      const type = valueKey(event.assessmentType);
      if (type === "short term assessment") return { ok: true, value: "short_term_assessment" };
      if (type === "long term assessment") return { ok: true, value: "care_act_assessment" };
      return {
        ok: false,
        problem: "does not say which kind of assessment this is",
        accepted: 'Assessment Type "Long term assessment" or "Short term assessment" (or Client Type "Unpaid carer"), or a Work Type column',
      };
    }
  }
}

/** CLD Release 1 wording, as councils' older extracts still write it, and its Release 2 value. */
export const release1Outcomes: Record<string, string> = {
  "Progress to Reablement/ST-Max": "Progress to reablement/ST-Max",
  "Progress to Reablement / ST-Max": "Progress to reablement/ST-Max",
  "Progress to Assessment": "Progress to assessment, review or reassessment",
  "Progress to Re-assessment / Unplanned Review": "Progress to assessment, review or reassessment",
  "Progress to Support Planning / Services": "Progress to support planning or services",
  "Progress to End of Life Care": "Progress to support planning or services",
  "Package change": "Progress to support planning or services",
  "No change in package": "Continuation of support or services",
  "Admitted to hospital": "Admitted to hospital",
  "NFA - Moved to another LA": "NFA: Responsibility moved to another local authority",
  "NFA - 100% NHS funded care": "NFA: Referral to NHS services or NHS funded social care",
  "NFA - Self-funded client (Inc. 12wk disregard)": "NFA: Self-funded client or under 12wk disregard",
  "NFA - Information & Advice / Signposting only": "NFA: Information and advice or signposting",
  "NFA - Support declined": "NFA: Support declined",
  "NFA - Deceased": "NFA: Deceased",
  "NFA - No services offered: Other reason": "NFA: No services offered for other reason",
  "NFA - Other": "NFA: Other",
  "Service ended as planned": "NFA: Support ended as planned",
  "Service ended - other reason": "NFA: Support ended for other reason",
};

/** Maps an outcome as loaded to one the service knows: its own values first, then Release 1 wording. */
export class OutcomeResolver {
  private readonly byKey = new Map<string, string>();

  constructor(knownOutcomes: readonly string[]) {
    for (const [release1, release2] of Object.entries(release1Outcomes)) {
      if (knownOutcomes.includes(release2)) this.byKey.set(valueKey(release1), release2);
    }
    for (const value of knownOutcomes) this.byKey.set(valueKey(value), value);
  }

  resolve(raw: string): Parsed<string> {
    const found = this.byKey.get(valueKey(raw));
    return found
      ? { ok: true, value: found }
      : {
          ok: false,
          problem: "is not an outcome Primed knows",
          accepted: "a CLD Release 2 Event Outcome (Release 1 wording is also accepted), or one the administrator has added",
        };
  }
}

const AMOUNT = /^(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?$/;

/**
 * A cost or a count as a spreadsheet writes it: "1200.5", "1,200.50", and for
 * money "£1,200.50". Never negative: a negative cost or count is refused, not
 * taken as a refund.
 */
export function parseAmount(raw: string, money: boolean): Parsed<number> {
  const accepted = money ? "a cost in pounds of 0 or more, such as 1200.50, 1,200.50 or £1,200.50" : "a number of 0 or more, such as 10 or 7.5";
  // A minus sign before or after the pound sign: "-£5", "£-5", "-5".
  const match = /^([-−]?)\s*(£?)\s*([-−]?)\s*(.*)$/.exec(raw.trim())!;
  const negative = match[1] !== "" || match[3] !== "";
  const text = match[2] !== "" && !money ? raw.trim() : match[4]!;
  if (text === "" || text === "." || !AMOUNT.test(text)) return { ok: false, problem: money ? "is not an amount of money" : "is not a number", accepted };
  if (negative) return { ok: false, problem: "is negative", accepted };
  return { ok: true, value: Number(text.replace(/,/g, "")) };
}
