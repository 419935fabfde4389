/*
 * When each team's data last changed: the time of the last load (or demo load)
 * that added or changed a work item or service of the team, or moved one away
 * from it. Kept as one small JSON map in app_settings, written in the load's
 * own transaction, so the overview can say which teams' data is fresh.
 */
import type Database from "better-sqlite3";
import type { Db } from "../../db/connection";
import { Staged } from "./classify.server";
import { storedValue } from "./staging.server";

const KEY = "team_data_changed";

function read(sqlite: Database.Database): Record<string, string> {
  const value = sqlite.prepare("select value from app_settings where key = ?").pluck().get(KEY) as string | undefined;
  return value ? (JSON.parse(value) as Record<string, string>) : {};
}

/** Records `at` (an ISO time) for the teams; the caller holds the transaction. */
export function recordTeamDataChanges(sqlite: Database.Database, teamIds: Iterable<number>, at: string) {
  const changed = read(sqlite);
  for (const id of teamIds) changed[String(id)] = at;
  sqlite.prepare("insert into app_settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value").run(KEY, JSON.stringify(changed));
}

/**
 * The teams a load's staged rows change: the team of each new or changed row, and the team a changed row leaves.
 * Asked before the write lock is taken, a team the load makes is still its id below zero (withRealTeamIds). `updated`
 * says how many staged rows of each kind change a stored one: with none, no row leaves a team, and the stored rows
 * are not looked up (on a first load, a million lookups that find nothing).
 */
export function teamsChangedByStagedRows(sqlite: Database.Database, updated: { items: number; services: number }): Set<number> {
  const changed = `coalesce(state, ${Staged.Added}) != ${Staged.Unchanged}`;
  const parts = [
    `select ${storedValue("team_id")} from temp.staged_items where ${changed}`,
    `select ${storedValue("team_id", "staged_services")} from temp.staged_services where ${changed}`,
    ...(updated.items > 0 ? [`select w.team_id from main.work_items w join temp.staged_items s on s.source_ref = w.source_ref where s.state = ${Staged.Updated}`] : []),
    ...(updated.services > 0 ? [`select c.team_id from main.care_services c join temp.staged_services s on s.source_ref = c.source_ref where s.state = ${Staged.Updated}`] : []),
  ];
  return new Set(sqlite.prepare(parts.join(" union ")).pluck().all() as number[]);
}

/** The teams, those the load made (ids below zero until made) by their real ids. */
export function withRealTeamIds(teamIds: Iterable<number>, realTeams: ReadonlyMap<number, number>): Set<number> {
  return new Set(Array.from(teamIds, (id) => realTeams.get(id) ?? id).filter((id) => id > 0));
}

/** Each team's last change, by team id. */
export function teamDataChanges(db: Db): Map<number, string> {
  return new Map(Object.entries(read(db.$client)).map(([id, at]) => [Number(id), at]));
}
