/*
 * Whose words each kind of record's audit entries hold, and what the trail
 * shows of them to the person reading it.
 *
 * The trail keeps every entry whole: an action's page reads its history and
 * comments back from it, and a reissued pack's entry keeps the pack it
 * replaced. So the words are withheld where the trail is read, not where it
 * is written: what a reader may not read elsewhere in Primed is not shown to
 * them here either, whenever the entry was written. Every kind of record that
 * is audited is listed here, so a new one cannot be audited without saying
 * whose words it holds.
 */
import { can, type Entity, type Principal } from "~/people/permissions";

type RecordWords =
  /** Set-up an administrator manages, or figures: shown whole to whoever reads the trail. */
  | "plain"
  | {
      /** The permission, for every team, that lets a person read these words on Primed's own pages. */
      readableWith: Entity;
      /** Fields that are facts (dates, statuses, ids), not words: shown to every reader. */
      facts: readonly string[];
    };

export const auditRecords = {
  user: "plain",
  team: "plain",
  work_type: "plain",
  session: "plain",
  calendar_feed: "plain",
  mail_choices: "plain",
  integration_token: "plain",
  setting: "plain",
  service: "plain",
  population: "plain",
  import: "plain",
  primed_metric: "plain",
  primed_metric_value: "plain",
  primed_metric_trajectory: "plain",
  prompt_template: "plain",
  meeting_template: "plain",
  series: "plain",
  target: "plain",
  // Its reason is on the signal chart, which everyone who sees the team's figures sees.
  recalculation: { readableWith: "team-figures", facts: ["series", "teamId", "month", "recordedAt"] },
  worker: { readableWith: "worker-load", facts: ["noteId"] },
  prompt_sheet: { readableWith: "prompt-sheets", facts: [] },
  objective: {
    readableWith: "objectives",
    facts: ["id", "teamId", "workerId", "ownerUserId", "series", "primedMetricId", "periodFrom", "periodTo", "createdByUserId", "createdAt", "updatedAt", "retiredAt"],
  },
  ground_rules: { readableWith: "cycles", facts: ["version"] },
  team_cycle: { readableWith: "cycles", facts: ["reissue", "issuedAt", "asOf", "preparedOn"] },
  meeting: { readableWith: "cycles", facts: ["teamId", "month", "heldOn", "status", "held", "attendees", "attendee"] },
  action: {
    readableWith: "actions",
    facts: [
      "teamId",
      "month",
      "meetingId",
      "owner",
      "ownerUserId",
      "deadline",
      "status",
      "completedOn",
      "objective",
      "objectiveId",
      "measure",
      "series",
      "primedMetricId",
      "escalatedAt",
      "escalatedByUserId",
    ],
  },
} as const satisfies Record<string, RecordWords>;

export type AuditRecord = keyof typeof auditRecords;

export interface AuditChange {
  field: string;
  from: string;
  to: string;
}

/** Characters of words in a value, however deep in lists and objects. */
function charactersIn(value: unknown): number | null {
  if (typeof value === "string") return value.length;
  if (Array.isArray(value) || (typeof value === "object" && value !== null)) {
    const counts = Object.values(value)
      .map(charactersIn)
      .filter((n): n is number => n !== null);
    return counts.length === 0 ? null : counts.reduce((a, b) => a + b, 0);
  }
  return null;
}

const NOTHING = "–";

function shown(value: unknown): string {
  return value === undefined ? NOTHING : JSON.stringify(value);
}

/** How long the words were, not what they said: enough to see that something was written or cleared. */
function withheld(value: unknown): string {
  const characters = charactersIn(value);
  if (value === undefined) return NOTHING;
  if (characters === null) return shown(value);
  if (characters === 0) return "empty";
  return `${characters.toLocaleString("en-GB")} ${characters === 1 ? "character" : "characters"}, not shown`;
}

/** An entry's value as fields: a list or a single value (a setting's number, a sheet's answers) is one field. */
function fieldsOf(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/**
 * What changed between an entry's before and after, one line per field whose
 * value differs, as `reader` may see it: a field holding words they may not
 * read elsewhere says how long the words are, not what they are. A kind of
 * record not listed (an old entry) shows no words to anyone.
 */
export function auditChanges(entity: string, before: unknown, after: unknown, reader: Principal): AuditChange[] {
  const rule: RecordWords | undefined = (auditRecords as Record<string, RecordWords>)[entity];
  const wordsShown = rule === "plain" || (rule !== undefined && can(reader, "view", rule.readableWith));
  const facts = new Set(rule === undefined || rule === "plain" ? [] : rule.facts);
  const b = fieldsOf(before);
  const a = fieldsOf(after);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((field) => JSON.stringify(b[field]) !== JSON.stringify(a[field]))
    .map((field) => {
      const show = wordsShown || facts.has(field) ? shown : withheld;
      return { field, from: show(b[field]), to: show(a[field]) };
    });
}
