/*
 * The demo council's cycles, so every page has something true to show: each
 * team's manager can be an action's owner (the other teams' managers exist as
 * users who cannot sign in until an administrator sets them a password); the
 * cycle whose meeting was five weeks ago is recorded for every team, with actions agreed,
 * some done, some open, some overdue; North Locality's record is the fullest.
 * The cycles after it are left for the person trying the demo.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { actions, meetings, promptSheets, teamCycles, teams, users, userTeams, workers, type ActionStatus, type TeamType } from "../../db/schema";
import { audit, type Actor } from "~/audit/audit.server";
import { addDays, addMonths, monthOf, type IsoDate } from "~/dates";
import { defaultPromptQuestions } from "~/interpretation/prompt-templates";
import { defaultTermsOfReference } from "~/meetings/terms-of-reference";
import { issuePack } from "~/cycle/pack.server";
import { loadSignedInUser } from "~/people/users.server";
import { teamTypeLabels } from "~/reference-data/reference-data";

/** A stored hash no password matches: the user exists, but cannot sign in yet. */
const NO_SIGN_IN = "none";

interface DemoAction {
  title: string;
  series?: string;
  owner: "manager" | "practitioner";
  /** Days from today; negative is past. */
  deadline: number;
  status: ActionStatus;
  /** For done actions: days from today it was done. */
  doneOn?: number;
  escalation?: string;
}

const NORTH_ACTIONS: DemoAction[] = [
  {
    title: "Check every person waiting over 28 days for allocation and record a risk conversation",
    series: "awaitingAllocation",
    owner: "manager",
    deadline: -30,
    status: "done",
    doneOn: -33,
  },
  { title: "Clear the overdue annual reviews for people in residential care, oldest first", series: "overdue", owner: "practitioner", deadline: 10, status: "in_progress" },
  { title: "Pair each newly qualified worker with a senior for complex assessments", owner: "manager", deadline: -20, status: "open" },
  {
    title: "Agree a weekly list from brokerage of home care packages not yet started",
    owner: "manager",
    deadline: -3,
    status: "open",
    escalation: "Brokerage sits outside the team: the head of service needs to agree it with commissioning.",
  },
  { title: "Share two good examples of strengths-based assessment at the next practice forum", owner: "practitioner", deadline: 17, status: "open" },
];

/** The other teams' actions: the same shapes, in each team's words. */
const TEAM_ACTIONS: Partial<Record<TeamType, DemoAction[]>> = {
  front_door: [
    { title: "Audit ten requests passed to locality teams that could have been resolved at first contact", owner: "manager", deadline: -25, status: "done", doneOn: -27 },
    { title: "Update the signposting directory with the new carers' and dementia support groups", owner: "manager", deadline: 12, status: "open" },
  ],
  hospital_discharge: [
    { title: "Agree with the wards a daily time to share the list of people medically fit to leave", owner: "manager", deadline: -18, status: "open" },
    { title: "Review why discharges to short-term beds rose, with the reablement lead", series: "received", owner: "manager", deadline: 8, status: "in_progress" },
  ],
  reviewing: [{ title: "Book the planned reviews due next month before the month starts", series: "overdue", owner: "manager", deadline: -31, status: "done", doneOn: -30 }],
  safeguarding: [{ title: "Check the enquiries open longest have a protection plan and a named worker", owner: "manager", deadline: -5, status: "open" }],
};

/** A team whose type has no actions of its own above agreed this one. */
const ANY_TEAM_ACTION: DemoAction = {
  title: "Go through the people waiting longest for allocation with the duty worker each week",
  series: "awaitingAllocation",
  owner: "manager",
  deadline: 6,
  status: "open",
};

/** North Locality's answers to its prompt sheet, in the order of the locality questions. */
const NORTH_ANSWERS = [
  "The annual reviews of people in residential care: twelve are over a year, the oldest fourteen months. Two senior practitioners are taking them, oldest first.",
  "Nine people have waited over 28 days. Each has had a risk conversation this month; none is at immediate risk.",
  "Mostly, but two vacancies since the summer have slowed assessments of people with complex needs.",
  "More people went home with reablement than last month; long-term placements were steady.",
  "One worker goes on leave in December, and winter pressures from the hospital usually start now.",
  "Clear the oldest reviews first and pair newly qualified workers with seniors: actions agreed at the meeting.",
];

const KEY_MESSAGES =
  "Our overdue reviews went up again, for the third month: that is a real change, not the usual ups and downs. Most are annual reviews of people in residential care, which slipped while we covered two vacancies. We will clear the oldest first, and the figures should start to fall next month. New work is being allocated faster: the queue waiting for allocation is the shortest it has been this year.";

function userFor(db: Db, email: string) {
  return db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, email)).get()!;
}

/** Five weeks ago, in the month after the cycle's month, whatever today's date; every deadline and completion falls after it. */
function demoMeeting(today: IsoDate) {
  const heldOn = addDays(today, -35);
  return { heldOn, month: addMonths(monthOf(heldOn), -1) };
}

/** Makes a user for each team's manager who has none, so they can own their team's actions. */
function colleagueManagers(db: Db, now: Date): Map<number, { id: number; email: string; name: string }> {
  const managers = new Map<number, { id: number; email: string; name: string }>();
  for (const row of db
    .select({ userId: userTeams.userId, teamId: userTeams.teamId, email: users.email, name: users.name })
    .from(userTeams)
    .innerJoin(users, eq(users.id, userTeams.userId))
    .all()) {
    managers.set(row.teamId, { id: row.userId, email: row.email, name: row.name });
  }
  const teamManagers = db
    .select({ id: workers.id, name: workers.name, teamId: workers.teamId, slug: teams.slug })
    .from(workers)
    .innerJoin(teams, eq(teams.id, workers.teamId))
    .where(and(eq(workers.role, "team_manager"), eq(workers.active, true)))
    .all();
  for (const worker of teamManagers) {
    if (worker.teamId === null || managers.has(worker.teamId)) continue;
    const email = `manager.${worker.slug}@northbrook.example`;
    const user = db
      .insert(users)
      .values({ email, name: worker.name, role: "team_manager", workerId: worker.id, passwordHash: NO_SIGN_IN, createdAt: now.toISOString() })
      .returning({ id: users.id })
      .get();
    db.insert(userTeams).values({ userId: user.id, teamId: worker.teamId }).run();
    managers.set(worker.teamId, { id: user.id, email, name: worker.name });
  }
  return managers;
}

/** Stores the demo's meetings and actions; call it inside the demo load's transaction, after the users and objectives. */
export function seedDemoCycle(db: Db, today: IsoDate, now = new Date()) {
  const managers = colleagueManagers(db, now);
  const practitioner = userFor(db, "practitioner@northbrook.example");
  const { heldOn, month } = demoMeeting(today);
  const at = `${heldOn}T11:30:00.000Z`;
  for (const team of db.select({ id: teams.id, name: teams.name, type: teams.type }).from(teams).all()) {
    const manager = managers.get(team.id);
    const plan = team.name === "North Locality" ? NORTH_ACTIONS : (TEAM_ACTIONS[team.type] ?? [ANY_TEAM_ACTION]);
    if (!manager) continue;
    const actor: Actor = { kind: "user", userId: manager.id, email: manager.email };
    const members = db
      .select({ id: workers.id })
      .from(workers)
      .where(and(eq(workers.teamId, team.id), eq(workers.active, true)))
      .all();
    const terms = defaultTermsOfReference[team.type];
    const meeting = db
      .insert(meetings)
      .values({
        teamId: team.id,
        month,
        heldOn,
        chair: manager.name,
        attendees: JSON.stringify({
          present: members.slice(0, Math.max(1, members.length - 1)).map((m) => m.id),
          apologies: members.slice(Math.max(1, members.length - 1)).map((m) => m.id),
        }),
        guests: JSON.stringify(team.name === "North Locality" ? ["Priya Shah, reablement lead"] : []),
        agenda: JSON.stringify(
          terms.standingItems.map((title, index) => ({ title, notes: index === 0 ? "Went through the month's report and the prompt sheet's answers together." : "" })),
        ),
        keyMessages: team.name === "North Locality" ? KEY_MESSAGES : "The month's figures were talked through; the actions below were agreed.",
        decisions: team.name === "North Locality" ? "Annual reviews of people in residential care come before other reviews until the backlog is cleared." : "",
        status: "held",
        createdByUserId: manager.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: meetings.id })
      .get();
    db.insert(teamCycles).values({ teamId: team.id, month, purposeConfirmedAt: at, purposeConfirmedByUserId: manager.id }).run();
    // North Locality answered its prompt sheet; the other teams' interpretation is left not done, as in a real service some are.
    if (team.name === "North Locality") {
      db.insert(promptSheets)
        .values({
          teamId: team.id,
          month,
          answers: JSON.stringify(defaultPromptQuestions[team.type].map((question, index) => ({ question, answer: NORTH_ANSWERS[index] ?? "" }))),
          updatedByUserId: manager.id,
          updatedAt: at,
        })
        .run();
    }
    for (const planned of plan) {
      const owner = planned.owner === "practitioner" && team.name === "North Locality" ? practitioner : manager;
      const row = db
        .insert(actions)
        .values({
          teamId: team.id,
          title: planned.title,
          ownerUserId: owner.id,
          deadline: addDays(today, planned.deadline),
          status: planned.status,
          month,
          meetingId: meeting.id,
          series: planned.series ?? null,
          completedOn: planned.doneOn === undefined ? null : addDays(today, planned.doneOn),
          escalatedAt: planned.escalation ? `${addDays(today, planned.deadline + 1)}T09:00:00.000Z` : null,
          escalatedByUserId: planned.escalation ? manager.id : null,
          escalationReason: planned.escalation ?? null,
          createdByUserId: manager.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: actions.id })
        .get();
      audit(db, actor, { action: "create", entity: "action", entityId: row.id, after: { title: planned.title, deadline: addDays(today, planned.deadline) } }, new Date(at));
    }
  }
}

/**
 * Issues North Locality's pack for the demo's held meeting, two days before
 * it, as its manager would have. Run after the month figures are counted.
 */
export function issueDemoPack(db: Db, today: IsoDate) {
  const { heldOn, month } = demoMeeting(today);
  const preparedOn = addDays(heldOn, -2);
  const team = db.select({ id: teams.id, name: teams.name, slug: teams.slug, type: teams.type }).from(teams).where(eq(teams.name, "North Locality")).get();
  const manager = db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, "manager@northbrook.example")).get();
  if (!team || !manager) return;
  const author = loadSignedInUser(db, manager.id)!;
  issuePack(db, author, { ...team, typeLabel: teamTypeLabels[team.type] }, month, preparedOn, new Date(`${preparedOn}T16:00:00.000Z`));
}
