/*
 * The floor under each page: the sqlite3 shell running the page's monthly
 * aggregate as one raw SQL query on the same database, with no HTTP, no
 * JavaScript and no rendering. Timed by the shell itself (.timer on, "real"
 * time of the statement alone, not the shell's start-up), as the median of a
 * few runs so the first run's cold page cache does not decide it.
 */
import { spawnSync } from "node:child_process";
import { addDays, addMonths, firstDayOf, lastDayOf, monthRange, type IsoDate, type IsoMonth } from "~/dates";

const SQLITE3 = "/usr/bin/sqlite3";
const RUNS = 3;

export interface MonthSpan {
  month: IsoMonth;
  first: IsoDate;
  last: IsoDate;
  /** The day allocated, awaiting and overdue are taken on: the month's last day, or the as-of day in the current month. */
  snapshot: IsoDate;
  future: boolean;
}

function span(month: IsoMonth, asOf: IsoDate): MonthSpan {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  return { month, first, last, snapshot: last < asOf ? last : asOf, future: first > asOf };
}

function monthsAround(asOf: IsoDate, back: number, ahead: number): MonthSpan[] {
  const current = asOf.slice(0, 7);
  return monthRange(addMonths(current, -back), addMonths(current, ahead)).map((month) => span(month, asOf));
}

/** The months a team report shows: the last 12 and the next 3 (app/reports/report-query.ts). */
export function reportMonths(asOf: IsoDate): MonthSpan[] {
  return monthsAround(asOf, 11, 3);
}

/** The months the service overview counts: this month, back to a year before it (app/reports/service-overview.server.ts). */
export function overviewMonths(asOf: IsoDate): MonthSpan[] {
  return monthsAround(asOf, 12, 0);
}

export function currentMonth(asOf: IsoDate): MonthSpan[] {
  return monthsAround(asOf, 0, 0);
}

export interface AggregateScope {
  teamId?: number;
  workerId?: number;
}

/**
 * The figures of docs/definitions.md#the-work-figures for every month asked for, in one
 * query. Each item that can count anywhere in the range is read once (it
 * was received by the as-of day and not completed before the first month),
 * then turned into events: one per month end it is open at (allocated,
 * awaiting allocation, overdue), and one each for the months it was
 * received, completed and due in. Summing the events by month (and, for the
 * whole service, by team) gives the figures. Checked against
 * `primed report` for the largest team: the same numbers. The snapshot day
 * is the month's last day, or the as-of day in the current month; a month
 * after the current one has only the items open on the as-of day due in it.
 */
export function aggregateSql(scope: AggregateScope, months: MonthSpan[], asOf: IsoDate): string {
  const values = months.map((m) => `('${m.month}', '${m.snapshot}', ${m.future ? 1 : 0})`).join(", ");
  const first = months[0]!.first;
  const last = months.at(-1)!.last;
  const currentLast = lastDayOf(asOf.slice(0, 7));
  const filters = [
    `received_on <= '${asOf}'`,
    `(completed_on is null or completed_on >= '${first}')`,
    ...(scope.teamId !== undefined ? [`team_id = ${scope.teamId}`] : []),
    ...(scope.workerId !== undefined ? [`worker_id = ${scope.workerId}`] : []),
  ];
  // The service overview's figures are per team: the team is then part of every event's key.
  const team = scope.teamId === undefined ? "team_id, " : "";
  const itemTeam = team && "i.team_id, ";
  const allocated = `(i.worker_id is not null and i.allocated_on is not null and i.allocated_on <= m.snapshot)`;
  return `with m(month, snapshot, future) as (values ${values}),
i as materialized (select team_id, worker_id, received_on, allocated_on, due_on, completed_on from work_items where ${filters.join(" and ")}),
events(${team}month, allocated, awaiting, overdue, due, received, completed, on_time) as (
  select ${itemTeam}m.month, ${allocated}, not ${allocated}, i.due_on < m.snapshot, 0, 0, 0, 0
    from m join i on i.received_on <= m.snapshot and (i.completed_on is null or i.completed_on > m.snapshot) where not m.future
  union all select ${team}substr(received_on, 1, 7), 0, 0, 0, 0, 1, 0, 0 from i where received_on >= '${first}'
  union all select ${team}substr(completed_on, 1, 7), 0, 0, 0, 0, 0, 1, completed_on <= due_on from i where completed_on between '${first}' and '${asOf}'
  union all select ${team}substr(due_on, 1, 7), 0, 0, 0, 1, 0, 0, 0 from i where due_on between '${first}' and '${last}'
    and (completed_on is null or completed_on >= (case when due_on > '${currentLast}' then '${addDays(asOf, 1)}' else substr(due_on, 1, 8) || '01' end))
)
select ${team}month, sum(allocated) as allocated, sum(awaiting) as awaiting_allocation, sum(overdue) as overdue, sum(due) as due,
  sum(received) as received, sum(completed) as completed, sum(on_time) as completed_on_time
from events group by ${team}month;`;
}

/**
 * The care report's stocks and flows (docs/definitions.md#care-and-support) for every month asked for, in one
 * query: people in long-term support and the weekly cost by group at each month's end (or the as-of
 * day), and the services started and ended in each month. The parts that look at a person in any
 * team (admissions, reviews, support start) are left out: the floor is what the simplest care
 * figures cost the database, under what the page does.
 */
export function careAggregateSql(scope: AggregateScope, months: MonthSpan[], asOf: IsoDate): string {
  const shown = months.filter((m) => !m.future);
  const values = shown.map((m) => `('${m.month}', '${m.first}', '${m.snapshot}')`).join(", ");
  const filters = [
    `starts_on <= '${asOf}'`,
    `(ends_on is null or ends_on >= '${shown[0]!.first}')`,
    ...(scope.teamId !== undefined ? [`team_id = ${scope.teamId}`] : []),
    ...(scope.workerId !== undefined ? [`worker_id = ${scope.workerId}`] : []),
  ];
  const team = scope.teamId === undefined ? "team_id, " : "";
  const sTeam = team && "s.team_id, ";
  return `with m(month, first, t) as (values ${values}),
s as materialized (select team_id, person_ref, service_type, starts_on, ends_on, weekly_cost, unit_cost from care_services where ${filters.join(" and ")})
select ${sTeam}m.month,
  count(distinct case when s.service_type like 'lt_%' and s.starts_on <= m.t and (s.ends_on is null or s.ends_on >= m.t) then s.person_ref end) as long_term_people,
  sum(case when s.starts_on <= m.t and (s.ends_on is null or s.ends_on >= m.t) then s.weekly_cost end) as weekly_cost,
  sum(s.starts_on <= m.t and (s.ends_on is null or s.ends_on >= m.t) and s.unit_cost is null) as cost_not_known,
  sum(s.starts_on between m.first and m.t) as started,
  sum(s.ends_on between m.first and m.t) as ended
from m join s on s.starts_on <= m.t and (s.ends_on is null or s.ends_on >= m.first)
group by ${sTeam}m.month;`;
}

/** The export's rows, with the names a person reads, written as CSV (to /dev/null). */
export function exportSql(teamId: number, first: IsoDate, last: IsoDate): string {
  return `select i.source_ref, i.person_ref, t.name, w.name, i.received_on, i.allocated_on, i.due_on, i.completed_on, o.value
from work_items i join work_types t on t.id = i.work_type_id
  left join workers w on w.id = i.worker_id left join outcomes o on o.id = i.outcome_id
where i.team_id = ${teamId} and i.received_on between '${first}' and '${last}'
order by i.received_on, i.source_ref;`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds: the median of the shell's own "Run Time: real" over a few runs of the query. */
export function floorMs(database: string, sql: string): number {
  const script = [".timer on", ".mode csv", ".output /dev/null", ...Array<string>(RUNS).fill(sql), ""].join("\n");
  const result = spawnSync(SQLITE3, ["-readonly", database], { input: script, encoding: "utf8" });
  if (result.status !== 0 || result.stderr.trim()) {
    throw new Error(`sqlite3 could not run the floor query (is ${SQLITE3} installed?): ${result.stderr || result.error?.message}`);
  }
  const seconds = [...result.stdout.matchAll(/Run Time: real ([\d.]+)/g)].map((match) => Number(match[1]));
  if (seconds.length !== RUNS) throw new Error(`sqlite3 printed ${seconds.length} timings, expected ${RUNS}:\n${result.stdout}`);
  return median(seconds) * 1000;
}
