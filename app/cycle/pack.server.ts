/*
 * The meeting pack: one document per team per month with everything the
 * meeting works from (purpose and targets, the three reports with their
 * signals, the prompt sheet's answers, the actions due and overdue, the key
 * messages). Until it is issued it is a draft counted live; issuing freezes
 * it into the team's cycle row, so the record shows what people saw even
 * after the data, the actions or the objectives change.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { SignedInUser } from "~/people/users.server";
import type { Db } from "../../db/connection";
import { teamCycles, users, workers } from "../../db/schema";
import { actionListItem } from "~/actions/action-view";
import { listActions } from "~/actions/queries.server";
import { mailPackIssued } from "~/reminders/events.server";
import { audit, actorOf } from "~/audit/audit.server";
import { dataFreshness } from "~/import/data-freshness.server";
import { addMonths, daysInMonth, lastDayOf, type IsoDate, type IsoMonth } from "~/dates";
import { sheetAsOf, savedSheet } from "~/interpretation/prompt-sheets.server";
import { signalSummaryView } from "~/interpretation/signals-view.server";
import { seriesReadings } from "~/interpretation/team-signals.server";
import { followUpOutcomeText } from "~/meetings/meeting-forms";
import { actionsAgreed, actionsToFollowUp, meetingOf } from "~/meetings/meetings.server";
import { monthlyFigures } from "~/work-figures/report.server";
import { careFigures, hasCareServices } from "~/care/care-book.server";
import type { CareMonthFigures } from "~/care/care-figures";
import { outcomeGroupMap } from "~/reference-data/outcomes.server";
import { teamPurpose, type Objective } from "~/purpose/objectives.server";
import { outcomeGroupsSeen, outcomeTotals } from "~/reports/team-report";
import { PACK_COMING_MONTHS, PACK_MONTHS, packContentsSchema, type PackContents, type PackMinutes } from "./pack-contents";

export interface PackTeam {
  id: number;
  name: string;
  slug: string;
  typeLabel: string;
}

/** The same day next month (the month's last day when it has no such day): the end of "due within the next month". */
function sameDayNextMonth(date: IsoDate): IsoDate {
  const next = addMonths(date.slice(0, 7), 1);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(Number(next.slice(0, 4)), Number(next.slice(5, 7))));
  return `${next}-${String(day).padStart(2, "0")}`;
}

const objectiveInPack = (o: Objective) => ({
  statement: o.statement,
  ownerName: o.ownerName,
  period: o.period,
  measure: o.measure && { label: o.measure.label, target: o.measure.target },
});

/**
 * Everything the pack shows for the team's finished month, counted now: the
 * figures as they stood at the month's end (as the prompt sheet reads them),
 * the actions as of `today`.
 */
export function packContents(db: Db, team: PackTeam, month: IsoMonth, today: IsoDate): PackContents {
  const asOf = sheetAsOf(month);
  const figures = monthlyFigures(db, { teamId: team.id }, { from: addMonths(month, -(PACK_MONTHS - 1)), to: addMonths(month, PACK_COMING_MONTHS), asOf });
  const past = figures.filter((m) => m.month <= month);
  const theMonth = past.at(-1)!;
  const loaded = dataFreshness(db, Number.MAX_SAFE_INTEGER, today);
  const purpose = teamPurpose(db, team.id, month, today);
  const sheet = savedSheet(db, team.id, month);
  const meeting = meetingOf(db, team.id, month);
  const open = listActions(db, { teamIds: [team.id], show: "open" }, today);
  const dueBy = sameDayNextMonth(today);
  const contents: PackContents = {
    version: 1,
    team: { name: team.name, slug: team.slug, typeLabel: team.typeLabel },
    month,
    asOf,
    preparedOn: today,
    dataLoadedOn: loaded?.loadedOn ?? null,
    figuresComplete: loaded !== null && loaded.loadedOn > lastDayOf(month),
    purpose: {
      service: purpose.service.map(objectiveInPack),
      team: purpose.team.map(objectiveInPack),
      groundRules: purpose.groundRules?.rules ?? [],
    },
    months: past.map((m) => ({
      month: m.month,
      allocated: m.allocated ?? 0,
      awaitingAllocation: m.awaitingAllocation ?? 0,
      overdue: m.overdue ?? 0,
      due: m.due,
      received: m.received ?? 0,
      completed: m.completed ?? 0,
      completedOnTime: m.completedOnTime ?? 0,
      completedLate: m.completedLate ?? 0,
      medianDaysToComplete: m.medianDaysToComplete,
    })),
    care: hasCareServices(db)
      ? careFigures(db, { teamId: team.id }, { from: past[0]!.month, to: month, asOf }).filter((m): m is CareMonthFigures => m.longTermPeople !== null)
      : [],
    comingUp: figures.filter((m) => m.month > month).map((m) => ({ month: m.month, due: m.due })),
    outcomes: {
      groups: outcomeGroupsSeen([theMonth]).map((group) => ({ group, count: theMonth.assessmentOutcomeGroups?.[group] ?? 0 })),
      outcomes: outcomeTotals([theMonth], outcomeGroupMap(db)),
    },
    signals: seriesReadings(db, { teamId: team.id }, asOf)
      .map(signalSummaryView)
      .map((s) => ({
        key: s.key,
        label: s.label,
        unit: s.unit,
        latest: s.latest,
        target: s.target?.value ?? null,
        variationIcon: s.variationIcon,
        assuranceIcon: s.assuranceIcon,
        whyNoLimits: s.whyNoLimits,
        prompt: s.prompt,
      })),
    promptSheet: sheet,
    actions: {
      overdue: open.filter((a) => a.deadline < today).map((a) => actionListItem(a, today)),
      due: open.filter((a) => a.deadline >= today && a.deadline <= dueBy).map((a) => actionListItem(a, today)),
      dueBy,
    },
    meeting: meeting && { heldOn: meeting.heldOn, held: meeting.held, keyMessages: meeting.keyMessages, decisions: meeting.decisions },
  };
  // Parsed as it will be when read back, so a pack that could not be read is never stored.
  return packContentsSchema.parse(contents);
}

export interface IssuedPack {
  contents: PackContents;
  issuedAt: string;
  issuedBy: string;
}

/** The pack as issued for the month, or null while it is a draft. */
export function issuedPack(db: Db, teamId: number, month: IsoMonth): IssuedPack | null {
  const row = db
    .select({ snapshot: teamCycles.packSnapshot, issuedAt: teamCycles.packIssuedAt, issuedBy: users.name })
    .from(teamCycles)
    .innerJoin(users, eq(users.id, teamCycles.packIssuedByUserId))
    .where(and(eq(teamCycles.teamId, teamId), eq(teamCycles.month, month)))
    .get();
  if (!row?.snapshot || !row.issuedAt) return null;
  return { contents: packContentsSchema.parse(JSON.parse(row.snapshot)), issuedAt: row.issuedAt, issuedBy: row.issuedBy };
}

/** The minutes of the team's meeting for the month as they stand (see PackMinutes), or null before the meeting is set up. */
export function meetingMinutes(db: Db, teamId: number, month: IsoMonth, today: IsoDate): PackMinutes | null {
  const meeting = meetingOf(db, teamId, month);
  if (!meeting) return null;
  const ids = [...meeting.attendees, ...meeting.apologies];
  // By id, not from the team's list: someone who has since left stays in the minutes of a meeting they came to.
  const names = new Map(
    ids.length === 0
      ? []
      : db
          .select({ id: workers.id, name: workers.name })
          .from(workers)
          .where(inArray(workers.id, ids))
          .all()
          .map((w) => [w.id, w.name]),
  );
  const byName = (list: number[]) => list.map((id) => names.get(id) ?? `worker ${id}`).sort((a, b) => a.localeCompare(b));
  return {
    heldOn: meeting.heldOn,
    held: meeting.held,
    chair: meeting.chair,
    present: byName(meeting.attendees),
    apologies: byName(meeting.apologies),
    guests: meeting.guests,
    followUps: actionsToFollowUp(db, meeting, today).map(({ action, followUp }) => ({
      id: action.id,
      title: action.title,
      ownerName: action.ownerName,
      outcome: followUp?.outcome ?? null,
      outcomeText: followUpOutcomeText(followUp),
    })),
    keyMessages: meeting.keyMessages,
    decisions: meeting.decisions,
    agreed: actionsAgreed(db, meeting, today).map((a) => ({ id: a.id, title: a.title, ownerName: a.ownerName, deadline: a.deadline })),
  };
}

/** What the pack's page and PDF show: the issued pack, or while there is none a draft counted now; and the meeting's minutes as they stand. */
export function packToShow(
  db: Db,
  team: PackTeam,
  month: IsoMonth,
  today: IsoDate,
): { contents: PackContents; issue: { by: string; at: string } | null; minutes: PackMinutes | null } {
  const issued = issuedPack(db, team.id, month);
  const minutes = meetingMinutes(db, team.id, month, today);
  return issued
    ? { contents: issued.contents, issue: { by: issued.issuedBy, at: issued.issuedAt }, minutes }
    : { contents: packContents(db, team, month, today), issue: null, minutes };
}

/**
 * Issues the pack: counts it now and freezes it into the month's cycle,
 * audited, in one transaction. Issuing again replaces the snapshot; the one
 * it replaces is kept in the audit entry, so nothing people saw is lost.
 */
export function issuePack(db: Db, author: SignedInUser, team: PackTeam, month: IsoMonth, today: IsoDate, now = new Date()): PackContents {
  // Counted with `db` inside its own transaction (one connection): the figures' memory is kept per connection, which a drizzle transaction object lacks.
  return db.transaction(() => {
    const before = issuedPack(db, team.id, month);
    const contents = packContents(db, team, month, today);
    const values = { packIssuedAt: now.toISOString(), packIssuedByUserId: author.id, packSnapshot: JSON.stringify(contents) };
    db.insert(teamCycles)
      .values({ teamId: team.id, month, ...values })
      .onConflictDoUpdate({ target: [teamCycles.teamId, teamCycles.month], set: values })
      .run();
    audit(
      db,
      actorOf(author),
      {
        action: "issue_pack",
        entity: "team_cycle",
        entityId: `${team.id}:${month}`,
        before: before ? { issuedAt: before.issuedAt, issuedBy: before.issuedBy, snapshot: before.contents } : undefined,
        after: { reissue: before !== null, issuedAt: values.packIssuedAt, asOf: contents.asOf, preparedOn: today },
      },
      now,
    );
    mailPackIssued(db, team.id, month, values.packIssuedAt, now);
    return contents;
  });
}

/** The live team report for the pack's year of months, for a reader who wants today's figures. */
export const liveReportHref = (slug: string, month: IsoMonth) => `/teams/${slug}?from=${addMonths(month, -(PACK_MONTHS - 1))}&to=${month}`;
