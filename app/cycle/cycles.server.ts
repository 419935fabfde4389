/*
 * A team's monthly cycle: gathers what has been recorded for the month
 * (objectives, the pack, the prompt sheet, the meeting and its actions) into
 * the facts the stage statuses are worked out from, and records the one
 * thing only the cycle page records, the purpose confirmed.
 */
import { and, count, eq } from "drizzle-orm";
import type { SignedInUser } from "~/people/users.server";
import type { Db } from "../../db/connection";
import { promptSheets, teamCycles, teams, type TeamType } from "../../db/schema";
import { audit, actorOf } from "~/audit/audit.server";
import { dataFreshness } from "~/import/data-freshness.server";
import { lastDayOf, type IsoDate, type IsoMonth } from "~/dates";
import { isEscalated } from "~/actions/action-rules";
import { actionsAgreed, actionsOpenFromEarlierMonths, actionsToFollowUp, meetingOf } from "~/meetings/meetings.server";
import { teamObjectivesInForce } from "~/purpose/objectives.server";
import { lateStages, stageStatuses, type CycleFacts, type Stage, type StageStatus } from "./cycle-status";

/** The stored row of the team's month, if anything has been recorded on it. */
export function cycleRow(db: Db, teamId: number, month: IsoMonth) {
  return db
    .select()
    .from(teamCycles)
    .where(and(eq(teamCycles.teamId, teamId), eq(teamCycles.month, month)))
    .get();
}

export function cycleFacts(db: Db, teamId: number, month: IsoMonth, today: IsoDate): CycleFacts {
  const row = cycleRow(db, teamId, month);
  const meeting = meetingOf(db, teamId, month);
  // Before the meeting is set up, the actions it will follow up are those open from earlier months.
  const followUps = meeting ? actionsToFollowUp(db, meeting, today) : actionsOpenFromEarlierMonths(db, teamId, month, today).map((action) => ({ action, followUp: null }));
  const loaded = dataFreshness(db, Number.MAX_SAFE_INTEGER, today);
  return {
    objectives: teamObjectivesInForce(db, teamId, month),
    purposeConfirmed: Boolean(row?.purposeConfirmedAt),
    figuresComplete: loaded !== null && loaded.loadedOn > lastDayOf(month),
    packIssued: Boolean(row?.packIssuedAt),
    promptSheetSaved:
      db
        .select({ n: count() })
        .from(promptSheets)
        .where(and(eq(promptSheets.teamId, teamId), eq(promptSheets.month, month)))
        .get()!.n > 0,
    meetingSetUp: meeting !== null,
    meetingHeld: meeting?.held ?? false,
    keyMessagesWritten: (meeting?.keyMessages ?? "") !== "",
    toFollowUp: followUps.length,
    followedUp: followUps.filter((f) => f.followUp !== null).length,
    escalatedToFollowUp: followUps.filter((f) => isEscalated(f.action)).length,
    agreed: meeting ? actionsAgreed(db, meeting, today).length : 0,
  };
}

export interface CycleStatus {
  facts: CycleFacts;
  stages: Record<Stage, StageStatus>;
  late: Stage[];
}

export function cycleStatus(db: Db, teamId: number, month: IsoMonth, today: IsoDate): CycleStatus {
  const facts = cycleFacts(db, teamId, month, today);
  const statuses = stageStatuses(facts);
  return { facts, stages: statuses, late: lateStages(statuses, month, today) };
}

/** Every team's cycle for the month (those in `teamIds`, or all), the ones behind first. */
export function cyclesOfMonth(db: Db, month: IsoMonth, today: IsoDate, teamIds?: readonly number[]) {
  return db
    .select({ id: teams.id, name: teams.name, slug: teams.slug, type: teams.type })
    .from(teams)
    .all()
    .filter((t) => teamIds === undefined || teamIds.includes(t.id))
    .map((t) => ({ team: t as { id: number; name: string; slug: string; type: TeamType }, ...cycleStatus(db, t.id, month, today) }))
    .sort((a, b) => b.late.length - a.late.length || a.team.name.localeCompare(b.team.name));
}

/** The manager confirms the team's objectives for the month, saying what changed (or nothing), audited. */
export function confirmPurpose(db: Db, author: SignedInUser, teamId: number, month: IsoMonth, note: string, now = new Date()) {
  db.transaction((tx) => {
    const values = { purposeConfirmedAt: now.toISOString(), purposeConfirmedByUserId: author.id, purposeNote: note };
    tx.insert(teamCycles)
      .values({ teamId, month, ...values })
      .onConflictDoUpdate({ target: [teamCycles.teamId, teamCycles.month], set: values })
      .run();
    audit(tx as unknown as Db, actorOf(author), { action: "confirm_purpose", entity: "team_cycle", entityId: `${teamId}:${month}`, after: { note } }, now);
  });
}
