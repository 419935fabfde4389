import { describe, expect, it } from "vitest";
import { isAllocatedOn, isAwaitingAllocationOn, isOverdueOn, monthWindow, type MetricItem } from "~/work-figures/definitions";
import { computeMonthFigures, median, timeliness } from "~/work-figures/month-figures";

let nextId = 1;
function item(fields: Partial<MetricItem> & Pick<MetricItem, "receivedOn" | "dueOn">): MetricItem {
  return {
    id: nextId++,
    allocatedOn: fields.receivedOn,
    workerId: 1,
    completedOn: null,
    category: "assessment",
    outcome: null,
    outcomeGroup: null,
    routeOfAccess: null,
    ...fields,
  };
}

describe("due today is not yet overdue", () => {
  const dueToday = item({ receivedOn: "2026-03-01", dueOn: "2026-03-20" });
  it("is not overdue on its due date and is overdue the day after", () => {
    expect(isOverdueOn(dueToday, "2026-03-20")).toBe(false);
    expect(isOverdueOn(dueToday, "2026-03-21")).toBe(true);
  });
  it("counts as overdue in the current month only once the as-of date passes the due date", () => {
    expect(computeMonthFigures([dueToday], "2026-03", "2026-03-20").overdue).toBe(0);
    expect(computeMonthFigures([dueToday], "2026-03", "2026-03-21").overdue).toBe(1);
  });
});

describe("completion dates", () => {
  it("completed on the due date is on time", () => {
    const onDueDate = item({ receivedOn: "2026-03-01", dueOn: "2026-03-20", completedOn: "2026-03-20" });
    const figures = computeMonthFigures([onDueDate], "2026-03", "2026-04-15");
    expect(figures.completedOnTime).toBe(1);
    expect(figures.completedLate).toBe(0);
  });

  it("completed on the month's last day counts in that month and is not open at its end", () => {
    const lastDay = item({ receivedOn: "2026-03-01", dueOn: "2026-03-10", completedOn: "2026-03-31" });
    const march = computeMonthFigures([lastDay], "2026-03", "2026-04-15");
    expect(march.completed).toBe(1);
    expect(march.completedLate).toBe(1);
    expect(march.overdue).toBe(0);
    expect(march.allocated).toBe(0);
    const april = computeMonthFigures([lastDay], "2026-04", "2026-04-15");
    expect(april.completed).toBe(0);
  });

  it("work completed on the first day of a month still counts as due in that month", () => {
    const firstDay = item({ receivedOn: "2026-02-20", dueOn: "2026-03-05", completedOn: "2026-03-01" });
    expect(computeMonthFigures([firstDay], "2026-03", "2026-04-15").due).toBe(1);
    const dayBefore = item({ receivedOn: "2026-02-20", dueOn: "2026-03-05", completedOn: "2026-02-28" });
    expect(computeMonthFigures([dayBefore], "2026-03", "2026-04-15").due).toBe(0);
  });
});

describe("allocation", () => {
  it("work with no worker is awaiting allocation, even with an allocated date", () => {
    const noWorker = item({ receivedOn: "2026-03-01", dueOn: "2026-03-29", workerId: null, allocatedOn: "2026-03-02" });
    expect(isAllocatedOn(noWorker, "2026-03-10")).toBe(false);
    expect(isAwaitingAllocationOn(noWorker, "2026-03-10")).toBe(true);
  });

  it("work is awaiting allocation until its allocated date", () => {
    const later = item({ receivedOn: "2026-03-01", dueOn: "2026-03-29", allocatedOn: "2026-03-15" });
    expect(isAwaitingAllocationOn(later, "2026-03-14")).toBe(true);
    expect(isAllocatedOn(later, "2026-03-15")).toBe(true);
  });
});

describe("future months and the as-of date", () => {
  const asOf = "2026-03-18";
  const openDueInMay = item({ receivedOn: "2026-03-10", dueOn: "2026-05-04" });
  const completedBeforeAsOf = item({ receivedOn: "2026-03-01", dueOn: "2026-05-01", completedOn: "2026-03-17" });
  const completedAfterAsOf = item({ receivedOn: "2026-03-01", dueOn: "2026-05-02", completedOn: "2026-03-25" });
  const receivedAfterAsOf = item({ receivedOn: "2026-03-20", dueOn: "2026-05-03" });
  const all = [openDueInMay, completedBeforeAsOf, completedAfterAsOf, receivedAfterAsOf];

  it("a month after the as-of month has only due: the work open on the as-of date that falls due in it", () => {
    const may = computeMonthFigures(all, "2026-05", asOf);
    expect(may.kind).toBe("future");
    expect(may.due).toBe(2);
    expect(may.received).toBeNull();
    expect(may.allocated).toBeNull();
    expect(may.overdue).toBeNull();
    expect(may.completed).toBeNull();
    expect(may.medianDaysToComplete).toBeNull();
    expect(may.assessmentOutcomes).toBeNull();
  });

  it("nothing after the as-of date counts in the current month", () => {
    const march = computeMonthFigures(all, "2026-03", asOf);
    expect(march.kind).toBe("current");
    expect(march.received).toBe(3);
    expect(march.completed).toBe(1);
    // Open on the as-of date: the item completed later is still open then.
    expect(march.allocated).toBe(2);
  });

  it("stocks in the current month are taken on the as-of date", () => {
    expect(monthWindow("2026-03", asOf).stockDate).toBe(asOf);
    expect(monthWindow("2026-02", asOf).stockDate).toBe("2026-02-28");
  });

  it("the current month's due counts the whole month", () => {
    const dueLate = item({ receivedOn: "2026-03-01", dueOn: "2026-03-30" });
    expect(computeMonthFigures([dueLate], "2026-03", asOf).due).toBe(1);
  });
});

describe("median days to complete", () => {
  it("takes the middle value, the mean of the two middle values, or none", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it("is null in a month with nothing completed", () => {
    const open = item({ receivedOn: "2026-03-01", dueOn: "2026-03-29" });
    expect(computeMonthFigures([open], "2026-03", "2026-04-30").medianDaysToComplete).toBeNull();
  });

  it("timeliness is on time over completed, none when nothing was completed", () => {
    expect(timeliness({ completed: 4, completedOnTime: 3 })).toBe(0.75);
    expect(timeliness({ completed: 0, completedOnTime: 0 })).toBeNull();
  });
});

describe("outcomes", () => {
  it("counts only assessments, and an assessment with no outcome as Not recorded", () => {
    const review = item({
      receivedOn: "2026-03-01",
      dueOn: "2026-03-29",
      completedOn: "2026-03-10",
      category: "review",
      outcome: "Continuation of support or services",
      outcomeGroup: "Continuation of support or services",
    });
    const noOutcome = item({ receivedOn: "2026-03-01", dueOn: "2026-03-29", completedOn: "2026-03-11" });
    const figures = computeMonthFigures([review, noOutcome], "2026-03", "2026-04-30");
    expect(figures.assessmentOutcomes).toEqual({ "Not recorded": 1 });
    expect(figures.completed).toBe(2);
  });
});
