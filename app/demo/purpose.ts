/*
 * The demo council's purpose: the service's objectives for the financial
 * year, owned by the head of service; a few teams' own objectives (North
 * Locality's owned by its manager, the others' by the head of service, as the
 * demo has no other managers); two objectives of the demo practitioner's own;
 * last year's objective kept on record; and each team's ground rules (North
 * Locality's in two versions). Targets are left to the people using the demo:
 * series show "no target set" until someone sets one on the chart.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { groundRules, objectives, primedMetrics, teams, users } from "../../db/schema";
import { addMonths, firstDayOf, monthOf, type IsoDate, type IsoMonth } from "~/dates";
import { financialYearOf } from "~/purpose/objective-forms";

interface DemoObjective {
  team: string | null;
  /** The demo practitioner's own objective (they are in North Locality). */
  practitioner?: true;
  statement: string;
  owner: "head" | "manager" | "practitioner";
  series?: string;
  metric?: string;
  period?: { from: IsoMonth; to: IsoMonth };
}

const BASE_RULES = [
  "We start the monthly meeting on time and finish when we said we would.",
  "Every discussion ends in a decision or an action with one owner and a date.",
  "We talk about the work and the figures, never to blame a person.",
  "People before numbers: we ask what a figure means for the people waiting.",
  "Raise a problem early: we would rather hear about it than find it later.",
  "What we cannot fix ourselves we escalate once, with the facts.",
];

const TEAM_RULES: Record<string, string> = {
  "Front Door": "Duty cover is agreed before the meeting starts, so the phones are answered.",
  "Hospital Discharge": "We check the ward list together before anyone leaves the meeting.",
  "Safeguarding Adults": "Anything urgent about a person's safety is dealt with first, outside the meeting.",
};

/** Stores the demo's objectives and ground rules; call it inside the demo load's transaction, after the users exist. */
export function seedDemoPurpose(db: Db, today: IsoDate) {
  const year = financialYearOf(monthOf(today));
  const lastYear = { from: addMonths(year.from, -12), to: addMonths(year.to, -12) };
  const userId = (email: string) => db.select({ id: users.id, workerId: users.workerId }).from(users).where(eq(users.email, email)).get()!;
  const people = {
    head: userId("head@northbrook.example"),
    manager: userId("manager@northbrook.example"),
    practitioner: userId("practitioner@northbrook.example"),
  };
  const teamIds = new Map(
    db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .all()
      .map((t) => [t.name, t.id]),
  );
  const metricIds = new Map(
    db
      .select({ id: primedMetrics.id, name: primedMetrics.name })
      .from(primedMetrics)
      .all()
      .map((m) => [m.name, m.id]),
  );

  const plan: DemoObjective[] = [
    {
      team: null,
      owner: "head",
      metric: "People in residential and nursing care",
      statement: "Help more people stay independent at home, so fewer need a long-term place in a residential or nursing home.",
    },
    { team: null, owner: "head", series: "onTimeRate", statement: "Finish assessments and reviews by their due date: nobody should wait longer than the timescale we promised." },
    { team: null, owner: "head", metric: "Staff pulse survey score", statement: "Staff feel supported in their work, and say so in the monthly pulse survey." },
    { team: "North Locality", owner: "manager", series: "overdue", statement: "Bring the overdue reviews back down to where they were last year, oldest and riskiest first." },
    { team: "North Locality", owner: "manager", series: "awaitingAllocation", statement: "Allocate new work within a week of it arriving, so nobody waits unseen." },
    {
      team: "North Locality",
      owner: "manager",
      series: "awaitingAllocation",
      period: lastYear,
      statement: "Clear the backlog of unallocated carers' assessments before the winter.",
    },
    {
      team: "South Locality",
      owner: "head",
      series: "outcomeShare:No further action",
      statement: "Have a strengths-based conversation at every assessment, and connect people with support in their community first.",
    },
    { team: "South Locality", owner: "head", series: "onTimeRate", statement: "Complete planned reviews on time, so support keeps up with people's needs." },
    { team: "East Locality", owner: "head", series: "awaitingAllocation", statement: "Shorten the allocation queue while the three vacant posts are recruited to." },
    {
      team: "Hospital Discharge",
      owner: "head",
      metric: "Reablement: still at home after 91 days",
      statement: "More people leaving hospital into reablement are still at home three months later.",
    },
    {
      team: "North Locality",
      practitioner: true,
      owner: "practitioner",
      series: "overdue",
      period: { from: monthOf(today), to: addMonths(monthOf(today), 1) },
      statement: "Bring my overdue reviews up to date by the end of next month, starting with the people I have not seen for longest.",
    },
    { team: "North Locality", practitioner: true, owner: "practitioner", statement: "Complete the strengths-based practice course and use it in my next five assessments." },
  ];

  for (const objective of plan) {
    const period = objective.period ?? year;
    const at = `${firstDayOf(period.from)}T09:00:00.000Z`;
    db.insert(objectives)
      .values({
        teamId: objective.team === null ? null : teamIds.get(objective.team)!,
        workerId: objective.practitioner ? people.practitioner.workerId : null,
        statement: objective.statement,
        ownerUserId: people[objective.owner].id,
        series: objective.series ?? null,
        primedMetricId: objective.metric === undefined ? null : metricIds.get(objective.metric)!,
        periodFrom: period.from,
        periodTo: period.to,
        createdByUserId: objective.team === "North Locality" ? people.manager.id : people.head.id,
        createdAt: at,
        updatedAt: at,
      })
      .run();
  }

  const current = monthOf(today);
  for (const [name, teamId] of teamIds) {
    const rules = TEAM_RULES[name] ? [...BASE_RULES, TEAM_RULES[name]] : BASE_RULES;
    const north = name === "North Locality";
    // North Locality's manager has rewritten theirs with the team since the first version.
    const versions = north
      ? [
          { rules: BASE_RULES.slice(0, 4), by: people.head.id, month: addMonths(current, -12) },
          { rules: [...BASE_RULES, "Phones away in the meeting, unless you are on duty."], by: people.manager.id, month: addMonths(current, -2) },
        ]
      : [{ rules, by: people.head.id, month: addMonths(current, -6) }];
    versions.forEach((v, index) => {
      db.insert(groundRules)
        .values({ teamId, version: index + 1, rules: JSON.stringify(v.rules), writtenByUserId: v.by, writtenAt: `${firstDayOf(v.month)}T10:00:00.000Z` })
        .run();
    });
  }
}
