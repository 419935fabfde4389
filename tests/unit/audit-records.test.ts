/*
 * What the audit trail shows of an entry's words: what the reader may read
 * elsewhere in Primed, and of the rest only how long it was.
 */
import { describe, expect, it } from "vitest";
import { auditChanges } from "~/audit/audit-records";
import type { Principal } from "~/people/permissions";

const administrator: Principal = { role: "admin", workerId: null, ownTeamId: null, managedTeamIds: [] };
const headOfService: Principal = { role: "head_of_service", workerId: 9, ownTeamId: 1, managedTeamIds: [] };
// A team's manager reads their own team's records, not every team's: the trail is every team's.
const teamManager: Principal = { role: "team_manager", workerId: 8, ownTeamId: 2, managedTeamIds: [2] };

const hidden = (characters: number) => `${characters} characters, not shown`;

describe("the audit trail's words, to an administrator", () => {
  it("are not shown for a team's own records, whenever they were written; their facts are", () => {
    // A comment on an action, and its title and detail when it was made.
    expect(auditChanges("action", { status: "open" }, { status: "done", comment: "Mr Brown's carer rang" }, administrator)).toEqual([
      { field: "status", from: '"open"', to: '"done"' },
      { field: "comment", from: "–", to: hidden(21) },
    ]);
    expect(auditChanges("action", null, { title: "Call Mrs Green", detail: "", deadline: "2026-12-01", owner: 4 }, administrator)).toEqual([
      { field: "title", from: "–", to: hidden(14) },
      { field: "detail", from: "–", to: "empty" },
      { field: "deadline", from: "–", to: '"2026-12-01"' },
      { field: "owner", from: "–", to: "4" },
    ]);
    // An escalation's reason, a follow-up's reason (a comment), an objective's statement.
    expect(auditChanges("action", { escalationReason: null }, { escalationReason: "Family dispute" }, administrator)).toEqual([
      { field: "escalationReason", from: "null", to: hidden(14) },
    ]);
    expect(auditChanges("objective", { statement: "A", periodTo: "2026-12" }, { statement: "Bee", periodTo: "2027-03" }, administrator)).toEqual([
      { field: "statement", from: "1 character, not shown", to: hidden(3) },
      { field: "periodTo", from: '"2026-12"', to: '"2027-03"' },
    ]);
    // Ground rules, a purpose confirmation, a pack it replaced.
    expect(auditChanges("ground_rules", { version: 1, rules: ["Start on time"] }, { version: 2, rules: ["Start on time", "Phones away"] }, administrator)).toEqual([
      { field: "version", from: "1", to: "2" },
      { field: "rules", from: hidden(13), to: hidden(24) },
    ]);
    expect(auditChanges("team_cycle", null, { note: "Nothing changed" }, administrator)).toEqual([{ field: "note", from: "–", to: hidden(15) }]);
    expect(auditChanges("team_cycle", { snapshot: { answers: ["Ada"] } }, { reissue: true }, administrator)).toEqual([
      { field: "snapshot", from: hidden(3), to: "–" },
      { field: "reissue", from: "–", to: "true" },
    ]);
    // A prompt sheet's answers are one list.
    expect(auditChanges("prompt_sheet", undefined, [{ question: "Why?", answer: "Ada" }], administrator)).toEqual([{ field: "value", from: "–", to: hidden(7) }]);
    // A meeting: its notes, messages, decisions and guests are words; who attended and when are facts.
    expect(
      auditChanges("meeting", { heldOn: "2026-11-02", attendees: [1], guests: [] }, { heldOn: "2026-11-03", attendee: [1, 2], guests: ["Dr Who"], note: ["x"] }, administrator),
    ).toEqual([
      { field: "heldOn", from: '"2026-11-02"', to: '"2026-11-03"' },
      { field: "attendees", from: "[1]", to: "–" },
      { field: "guests", from: "[]", to: hidden(6) },
      { field: "attendee", from: "–", to: "[1,2]" },
      { field: "note", from: "–", to: "1 character, not shown" },
    ]);
    expect(auditChanges("worker", null, { noteId: 3, note: "Off sick" }, administrator)).toEqual([
      { field: "noteId", from: "–", to: "3" },
      { field: "note", from: "–", to: hidden(8) },
    ]);
  });

  it("are shown for what an administrator may read elsewhere: set-up, and a recalculation's reason on the signal chart", () => {
    expect(auditChanges("team", { name: "North" }, { name: "North Locality" }, administrator)).toEqual([{ field: "name", from: '"North"', to: '"North Locality"' }]);
    expect(auditChanges("recalculation", null, { month: "2026-10", reason: "New duty system" }, administrator)).toEqual([
      { field: "month", from: "–", to: '"2026-10"' },
      { field: "reason", from: "–", to: '"New duty system"' },
    ]);
  });

  it("are not shown for a kind of record Primed no longer lists, to anyone; numbers are", () => {
    expect(auditChanges("retired_thing", { n: 1, text: "a" }, { n: 2, text: "b" }, headOfService)).toEqual([
      { field: "n", from: "1", to: "2" },
      { field: "text", from: "1 character, not shown", to: "1 character, not shown" },
    ]);
  });
});

describe("the audit trail's words, to someone who may read them for every team", () => {
  it("are shown to a head of service; not to a team's manager, who may read only their own teams'", () => {
    expect(auditChanges("worker", null, { note: "Off sick" }, headOfService)).toEqual([{ field: "note", from: "–", to: '"Off sick"' }]);
    expect(auditChanges("worker", null, { note: "Off sick" }, teamManager)).toEqual([{ field: "note", from: "–", to: hidden(8) }]);
  });
});
