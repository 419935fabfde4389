import { describe, expect, it } from "vitest";
import { headerKey, matchHeaders } from "~/import/columns";
import { OutcomeResolver, parseDate, parseEventType, workTypeOfEvent } from "~/import/values";
import { cldOutcomes } from "~/reference-data/reference-data";

describe("headers", () => {
  it("match CLD names in any case, with spaces, underscores or punctuation", () => {
    expect(headerKey("Request: Route of Access")).toBe(headerKey("request_route_of_access"));
    expect(headerKey("\uFEFFLA Code")).toBe("la code");
    const match = matchHeaders(["la_person_unique_identifier", "EVENT TYPE", "Event Reference", "event_start_date", "Team", "Colour"]);
    expect(match.problems).toEqual([]);
    expect(match.positions).toMatchObject({ personRef: 0, eventType: 1, eventReference: 2, startDate: 3, team: 4 });
    expect(match.ignored).toEqual(["Colour"]);
  });

  it("accept NHS Number for the person, and name every missing or repeated column", () => {
    expect(matchHeaders(["NHS Number", "Event Type", "Event Reference", "Event Start Date", "Team"]).problems).toEqual([]);
    const bad = matchHeaders(["Event Type", "Event Type", "Team"]);
    expect(bad.problems).toContain('The column "Event Type" appears twice (columns 1 and 2).');
    expect(bad.problems).toContain('The file has no "Event Reference" column, which every row needs.');
    expect(bad.problems).toContain('The file has no "LA Person Unique Identifier" or "NHS Number" column, which every row needs.');
  });
});

describe("dates", () => {
  it.each([
    ["31/03/2026", "2026-03-31"],
    ["1/3/2026", "2026-03-01"],
    ["2026-03-31", "2026-03-31"],
    [" 29/02/2028 ", "2028-02-29"],
  ])("reads %s", (raw, iso) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ["31/02/2026", "is not a real date"],
    ["29/02/2026", "is not a real date"],
    ["2026-13-01", "is not a real date"],
    ["03/31/2026", "is not a real date"],
    ["31.03.2026", "is not a date"],
    ["yesterday", "is not a date"],
  ])("refuses %s: %s", (raw, problem) => {
    expect(parseDate(raw)).toMatchObject({ ok: false, problem });
  });
});

describe("event types and work types", () => {
  const event = (eventType: Parameters<typeof workTypeOfEvent>[0]["eventType"], rest: Partial<Parameters<typeof workTypeOfEvent>[0]> = {}) =>
    workTypeOfEvent({ eventType, clientType: "Service user", assessmentType: "", reviewReason: "", ...rest });

  it("maps CLD events to work types as docs/definitions.md says", () => {
    expect(event("Request")).toEqual({ ok: true, value: "request" });
    expect(event("Assessment", { assessmentType: "Long term assessment" })).toEqual({ ok: true, value: "care_act_assessment" });
    expect(event("Assessment", { clientType: "Unpaid carer", assessmentType: "Long term assessment" })).toEqual({ ok: true, value: "carers_assessment" });
    expect(event("Assessment", { assessmentType: "Short term assessment" })).toEqual({ ok: true, value: "short_term_assessment" });
    expect(event("Review", { reviewReason: "Planned" })).toEqual({ ok: true, value: "planned_review" });
    expect(event("Review", { reviewReason: "Planned review - annual" })).toEqual({ ok: true, value: "planned_review" });
    expect(event("Review", { reviewReason: "Unplanned - hospital" })).toEqual({ ok: true, value: "unplanned_review" });
    expect(event("Safeguarding Concern")).toEqual({ ok: true, value: "safeguarding_concern" });
    expect(event("Section 42 Enquiry")).toEqual({ ok: true, value: "section_42_enquiry" });
  });

  it("refuses an assessment that does not say its kind, and an unknown event type", () => {
    expect(event("Assessment")).toMatchObject({ ok: false });
    expect(parseEventType("Phone call")).toMatchObject({ ok: false, accepted: expect.stringContaining("Request") });
    expect(parseEventType("section_42_enquiry")).toEqual({ ok: true, value: "Section 42 Enquiry" });
  });
});

describe("outcomes", () => {
  const outcomes = new OutcomeResolver([...cldOutcomes, "Tier 2"]);

  it("accepts Release 2 values in any case, the council's own, and maps Release 1 wording", () => {
    expect(outcomes.resolve("nfa: information and advice or signposting")).toEqual({ ok: true, value: "NFA: Information and advice or signposting" });
    expect(outcomes.resolve("Tier 2")).toEqual({ ok: true, value: "Tier 2" });
    expect(outcomes.resolve("NFA - Information & Advice / Signposting only")).toEqual({ ok: true, value: "NFA: Information and advice or signposting" });
    expect(outcomes.resolve("Progress to Support Planning / Services")).toEqual({ ok: true, value: "Progress to support planning or services" });
    expect(outcomes.resolve("No change in package")).toEqual({ ok: true, value: "Continuation of support or services" });
    expect(outcomes.resolve("Service ended as planned")).toEqual({ ok: true, value: "NFA: Support ended as planned" });
  });

  it("refuses an outcome it does not know", () => {
    expect(outcomes.resolve("Sorted")).toMatchObject({ ok: false, problem: "is not an outcome Primed knows" });
  });
});

describe("the references a file has given", () => {
  it("answers the first row of a repeated reference, across growth", async () => {
    const { ReferenceSet } = await import("~/import/reference-set");
    const seen = new ReferenceSet(4);
    for (let i = 0; i < 10_000; i += 1) expect(seen.firstRowOrAdd(`EV${i}`, i + 2)).toBeUndefined();
    expect(seen.firstRowOrAdd("EV0", 99_999)).toBe(2);
    expect(seen.firstRowOrAdd("EV9999", 99_999)).toBe(10_001);
    expect(seen.firstRowOrAdd("EV10000", 3)).toBeUndefined();
  });

  it("finds every repeat, whatever its hash's top bit (half of all references were never found again)", async () => {
    const { ReferenceSet } = await import("~/import/reference-set");
    const seen = new ReferenceSet(4);
    for (let i = 0; i < 1_000; i += 1) seen.firstRowOrAdd(`ABC-${i}`, i + 2);
    const missed = Array.from({ length: 1_000 }, (_, i) => `ABC-${i}`).filter((ref, i) => seen.firstRowOrAdd(ref, 5_000) !== i + 2);
    expect(missed).toEqual([]);
  });

  it("sized for a file, finds every repeat without growing, and still grows past its size", async () => {
    const { ReferenceSet } = await import("~/import/reference-set");
    const seen = ReferenceSet.sizedFor(100_000);
    const capacity = () => (seen as unknown as { high: Uint32Array }).high.length;
    expect(capacity()).toBe(262_144);
    for (let i = 0; i < 100_000; i += 1) seen.firstRowOrAdd(`EV${i}`, i + 2);
    expect(capacity()).toBe(262_144);
    expect(seen.firstRowOrAdd("EV77777", 1)).toBe(77_779);
    for (let i = 100_000; i < 140_000; i += 1) seen.firstRowOrAdd(`EV${i}`, i + 2);
    expect(capacity()).toBe(524_288);
    expect(seen.firstRowOrAdd("EV139999", 1)).toBe(140_001);
    expect(seen.firstRowOrAdd("EV0", 1)).toBe(2);
  });
});
