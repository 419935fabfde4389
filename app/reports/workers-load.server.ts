import { desc, eq, sql } from "drizzle-orm";
import { keptWhileUnchanged } from "../../db/kept-while-unchanged";
import { preparedOnce } from "../../db/prepared";
import type { Db } from "../../db/connection";
import { audit } from "~/audit/audit.server";
import { users, workerLoadNotes } from "../../db/schema";
import { addDays, addMonths, monthOf, monthRange, type IsoDate } from "~/dates";
import { isOpenOn, isOverdueOn } from "~/work-figures/definitions";
import { loadMetricItems } from "~/work-figures/metric-items.server";
import { timeliness, type MonthFigures } from "~/work-figures/month-figures";
import { remembered } from "~/work-figures/figures-cache.server";
import { figuresByWorker } from "~/work-figures/report.server";
import { DUE_SOON_DAYS } from "~/work-figures/urgency";

const SPARKLINE_MONTHS = 12;

export interface WorkerLoadRow {
  id: number;
  name: string;
  active: boolean;
  /** Allocated to them on the as-of date. */
  open: number;
  dueSoon: number;
  overdue: number;
  completed: number;
  onTimeRate: number | null;
  /** Allocated work at each month's end (this month: the as-of date), oldest first. */
  trend: { month: string; allocated: number }[];
  latestNote: { note: string; by: string; at: string } | null;
}

/**
 * One row per worker: their load now, this month's completions, and their last 12 months. Kept while the database
 * is unchanged (db/kept-while-unchanged.ts): a team page asks for it every time, and making its rows was about 2.5%
 * of a team report's processor (profiled, issue 22).
 */
export function workersLoad(db: Db, teamId: number, workers: readonly { id: number; name: string; active: boolean }[], asOf: IsoDate): readonly WorkerLoadRow[] {
  return keptWhileUnchanged(db, `workers-load|${teamId}|${asOf}|${workers.map((w) => `${w.id}:${w.active ? 1 : 0}:${w.name}`).join("|")}`, () =>
    countWorkersLoad(db, teamId, workers, asOf),
  );
}

function countWorkersLoad(db: Db, teamId: number, workers: readonly { id: number; name: string; active: boolean }[], asOf: IsoDate): WorkerLoadRow[] {
  const current = monthOf(asOf);
  const months = monthRange(addMonths(current, -(SPARKLINE_MONTHS - 1)), current);
  const ids = workers.map((w) => w.id);
  const figures = figuresByWorker(db, teamId, ids, months, asOf);
  const dueSoon = remembered(db, `due-soon|${teamId}|${asOf}`, () => dueSoonByWorker(db, teamId, asOf));
  const notes = latestNotes(db, ids);
  return workers.map((worker) => {
    const own = figures.get(worker.id)!;
    const now = own.at(-1) as MonthFigures;
    return {
      ...worker,
      open: now.allocated ?? 0,
      dueSoon: dueSoon.get(worker.id) ?? 0,
      overdue: now.overdue ?? 0,
      completed: now.completed ?? 0,
      onTimeRate: timeliness(now),
      trend: own.map((m) => ({ month: m.month, allocated: m.allocated ?? 0 })),
      latestNote: notes.get(worker.id) ?? null,
    };
  });
}

/** Open work, not yet overdue, due in the next DUE_SOON_DAYS days, per worker. */
function dueSoonByWorker(db: Db, teamId: number, asOf: IsoDate): Map<number, number> {
  const soon = addDays(asOf, DUE_SOON_DAYS);
  const current = monthOf(asOf);
  const dueSoon = new Map<number, number>();
  for (const item of loadMetricItems(db, { teamId }, { from: current, to: current, asOf })) {
    if (item.workerId === null || !isOpenOn(item, asOf) || isOverdueOn(item, asOf) || item.dueOn > soon) continue;
    dueSoon.set(item.workerId, (dueSoon.get(item.workerId) ?? 0) + 1);
  }
  return dueSoon;
}

function latestNotes(db: Db, workerIds: number[]) {
  // One statement for any number of workers (the ids go in as a JSON list), prepared once: the team page runs it every time.
  const rows = preparedOnce(db, "latest-worker-notes", () =>
    db
      .select({ workerId: workerLoadNotes.workerId, note: workerLoadNotes.note, by: users.name, at: workerLoadNotes.writtenAt })
      .from(workerLoadNotes)
      .innerJoin(users, eq(users.id, workerLoadNotes.writtenByUserId))
      .where(sql`${workerLoadNotes.workerId} in (select value from json_each(${sql.placeholder("workerIds")}))`)
      .orderBy(desc(workerLoadNotes.writtenAt), desc(workerLoadNotes.id))
      .prepare(),
  ).all({ workerIds: JSON.stringify(workerIds) });
  const latest = new Map<number, { note: string; by: string; at: string }>();
  for (const row of rows) if (!latest.has(row.workerId)) latest.set(row.workerId, { note: row.note, by: row.by, at: row.at });
  return latest;
}

/** Every note on one worker's load, newest first. */
export function workerNotes(db: Db, workerId: number) {
  return db
    .select({ id: workerLoadNotes.id, note: workerLoadNotes.note, by: users.name, at: workerLoadNotes.writtenAt })
    .from(workerLoadNotes)
    .innerJoin(users, eq(users.id, workerLoadNotes.writtenByUserId))
    .where(eq(workerLoadNotes.workerId, workerId))
    .orderBy(desc(workerLoadNotes.writtenAt), desc(workerLoadNotes.id))
    .all();
}

export const WORKER_NOTE_MAX = 1000;

/** Records a manager's note on a worker's load, with its audit entry, in one transaction. */
export function addWorkerNote(db: Db, author: { id: number; email: string }, workerId: number, note: string, now = new Date()) {
  db.transaction(() => {
    const row = db.insert(workerLoadNotes).values({ workerId, note, writtenByUserId: author.id, writtenAt: now.toISOString() }).returning().get();
    audit(db, { kind: "user", userId: author.id, email: author.email }, { action: "add_load_note", entity: "worker", entityId: workerId, after: { noteId: row.id, note } }, now);
  });
}
