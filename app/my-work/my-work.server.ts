import type { Db } from "../../db/connection";
import { addDays, daysBetween, monthOf, type IsoDate } from "../dates";
import { isOpenOn, isOverdueOn } from "../work-figures/definitions";
import { itemsBehind, type MonthFigures } from "../work-figures/month-figures";
import { DUE_SOON_DAYS, type Urgency } from "../work-figures/urgency";
import { loadMetricItems } from "../work-figures/metric-items.server";
import { monthlyFigures, workItemDetails, type WorkItemRow } from "../work-figures/report.server";

export interface OpenWorkRow extends WorkItemRow {
  daysToDue: number;
  urgency: Urgency;
}

export interface MyWork {
  asOf: IsoDate;
  open: OpenWorkRow[];
  overdue: number;
  dueSoon: number;
  completed: (WorkItemRow & { onTime: boolean })[];
  completedOnTime: number;
  team: MonthFigures;
}

/** A worker's own work as of a date, most urgent first, with their team's month for context. */
export function myWork(db: Db, worker: { id: number; teamId: number }, asOf: IsoDate): MyWork {
  const month = monthOf(asOf);
  const items = loadMetricItems(db, { teamId: worker.teamId, workerId: worker.id }, { from: month, to: month, asOf });
  const soon = addDays(asOf, DUE_SOON_DAYS);
  const openItems = items.filter((item) => isOpenOn(item, asOf));
  const urgency = new Map<number, Urgency>(openItems.map((item) => [item.id, isOverdueOn(item, asOf) ? "overdue" : item.dueOn <= soon ? "due_soon" : "later"]));
  const open = workItemDetails(
    db,
    openItems.map((item) => item.id),
  )
    .map((row) => ({
      ...row,
      // As of the date: later allocations and completions had not happened.
      allocatedOn: row.allocatedOn && row.allocatedOn <= asOf ? row.allocatedOn : null,
      completedOn: null,
      outcome: null,
      daysToDue: daysBetween(asOf, row.dueOn),
      urgency: urgency.get(row.id)!,
    }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.sourceRef.localeCompare(b.sourceRef));
  const onTimeIds = new Set(itemsBehind(items, "completedOnTime", [month], asOf).map((item) => item.id));
  const completed = workItemDetails(
    db,
    itemsBehind(items, "completed", [month], asOf).map((item) => item.id),
  )
    .map((row) => ({ ...row, onTime: onTimeIds.has(row.id) }))
    .sort((a, b) => (b.completedOn ?? "").localeCompare(a.completedOn ?? ""));
  const [team] = monthlyFigures(db, { teamId: worker.teamId }, { from: month, to: month, asOf });
  return {
    asOf,
    open,
    overdue: open.filter((row) => row.urgency === "overdue").length,
    dueSoon: open.filter((row) => row.urgency === "due_soon").length,
    completed,
    completedOnTime: onTimeIds.size,
    team: team!,
  };
}
