import type { Db } from "../../db/connection";
import { daysBetween, type IsoDate } from "~/dates";
import { itemsBehind } from "~/metrics/month-figures";
import { loadMetricItems, workItemDetails, type ReportScope, type WorkItemRow } from "~/metrics/report.server";
import type { FigureQuery } from "./figure-query";

export interface FigureItemRow extends WorkItemRow {
  /** As of the report date: open items count days since received, completed ones their duration. */
  daysOpen: number;
  /** Days past the due date (at completion, or on the as-of date while open); 0 when not late. */
  daysLate: number;
}

/** The work items behind one figure, as of a date: exactly the items the figure counts. */
export function figureItems(db: Db, scope: ReportScope, query: FigureQuery, asOf: IsoDate): FigureItemRow[] {
  const items = loadMetricItems(db, scope, { from: query.month, to: query.month, asOf });
  const ids = itemsBehind(items, query.figure, query.month, asOf, query).map((item) => item.id);
  return workItemDetails(db, ids).map((row) => {
    // Completion after the as-of date had not happened then.
    const completed = row.completedOn && row.completedOn <= asOf ? row.completedOn : null;
    const until = completed ?? asOf;
    return {
      ...row,
      completedOn: completed,
      allocatedOn: row.allocatedOn && row.allocatedOn <= asOf ? row.allocatedOn : null,
      outcome: completed ? row.outcome : null,
      daysOpen: daysBetween(row.receivedOn, until),
      daysLate: Math.max(0, daysBetween(row.dueOn, until)),
    };
  });
}
