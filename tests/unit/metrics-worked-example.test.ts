import { describe, expect, it } from "vitest";
import { computeMonthFigures, itemsBehind } from "~/work-figures/month-figures";
import { workedExampleItems } from "../helpers/worked-example";

const items = workedExampleItems();
const asOf = "2026-06-30";
const ids = (figure: Parameters<typeof itemsBehind>[1], month: string) =>
  itemsBehind(items, figure, [month], asOf)
    .map((i) => i.id)
    .sort((a, b) => a - b);

describe("the worked example of docs/definitions.md (team A), March 2026", () => {
  const march = computeMonthFigures(items, "2026-03", asOf);

  it("completed 3 (#1, #6, #7): 2 on time, 1 late", () => {
    expect(march.completed).toBe(3);
    expect(ids("completed", "2026-03")).toEqual([1, 6, 7]);
    expect(march.completedOnTime).toBe(2);
    expect(ids("completedOnTime", "2026-03")).toEqual([1, 6]);
    expect(march.completedLate).toBe(1);
    expect(ids("completedLate", "2026-03")).toEqual([7]);
  });

  it("due 5 (#1, #2, #3, #6, #7)", () => {
    expect(march.due).toBe(5);
    expect(ids("due", "2026-03")).toEqual([1, 2, 3, 6, 7]);
  });

  it("received 3 (#3, #5, #6)", () => {
    expect(march.received).toBe(3);
    expect(ids("received", "2026-03")).toEqual([3, 5, 6]);
  });

  it("at 31 March: allocated 2 (#2, #5), awaiting allocation 1 (#3), overdue 2 (#2, #3)", () => {
    expect(march.allocated).toBe(2);
    expect(ids("allocated", "2026-03")).toEqual([2, 5]);
    expect(march.awaitingAllocation).toBe(1);
    expect(ids("awaitingAllocation", "2026-03")).toEqual([3]);
    expect(march.overdue).toBe(2);
    expect(ids("overdue", "2026-03")).toEqual([2, 3]);
  });

  it("completed assessments 2 (#1, #7), counted by outcome and by group", () => {
    expect(ids("assessmentsCompleted", "2026-03")).toEqual([1, 7]);
    expect(march.assessmentOutcomes).toEqual({
      "Progress to support planning or services": 1,
      "NFA: Information and advice or signposting": 1,
    });
    expect(march.assessmentOutcomeGroups).toEqual({
      "Progress to support planning or services": 1,
      "No further action": 1,
    });
  });

  it("median days to complete over #1 (23), #6 (29), #7 (29) is 29", () => {
    expect(march.medianDaysToComplete).toBe(29);
  });
});

describe("the worked example, February 2026", () => {
  const february = computeMonthFigures(items, "2026-02", asOf);

  it("completed 1 (#4, late) and due 1 (#4)", () => {
    expect(february.completed).toBe(1);
    expect(february.completedLate).toBe(1);
    expect(february.completedOnTime).toBe(0);
    expect(ids("completed", "2026-02")).toEqual([4]);
    expect(february.due).toBe(1);
    expect(ids("due", "2026-02")).toEqual([4]);
  });

  it("at 28 February: allocated 3 (#1, #2, #7), overdue 0", () => {
    expect(february.allocated).toBe(3);
    expect(ids("allocated", "2026-02")).toEqual([1, 2, 7]);
    expect(february.overdue).toBe(0);
  });

  it("median days to complete is #4's 54 days", () => {
    expect(february.medianDaysToComplete).toBe(54);
  });
});
