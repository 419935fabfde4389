import { sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import {
  actionFollowUps,
  actions,
  calendarFeeds,
  mailChoices,
  mailMessages,
  careServices,
  groundRules,
  meetings,
  meetingTemplates,
  objectives,
  outcomes,
  populationEstimates,
  promptSheets,
  promptTemplates,
  recalculations,
  seriesDirections,
  services,
  sessions,
  targets,
  teamCycles,
  teams,
  users,
  userTeams,
  workers,
  workItems,
  workerLoadNotes,
  workTypes,
} from "../../db/schema";
import { audit, SYSTEM } from "~/audit/audit.server";
import { refreshMonthSummaries, workItemsChanged } from "~/work-figures/month-summaries.server";
import { hashPassword } from "~/people/passwords.server";
import { addMonths, firstDayOf, monthOf, type IsoDate } from "~/dates";
import { ensureReferenceData } from "~/reference-data/reference-data.server";
import { ageOn, serviceTypes, weeklyCost } from "~/care/service-types";
import { demoSignIns } from "./demo-users";
import { DEMO_MONTHS, generateDemoCouncil, type DemoWorker } from "./generate";
import { clearPrimedMetrics, seedDemoPrimedMetrics } from "./primed-metrics";
import { readCareBookNow } from "~/care/care-book.server";
import { recordTeamDataChanges } from "~/import/team-data-changes.server";
import { careMeasureValues } from "~/primed-metrics/counted-values.server";
import { issueDemoPack, seedDemoCycle } from "./cycle";
import { seedDemoPurpose } from "./purpose";
import { demoPopulation } from "./population";

export { isServiceEmpty } from "./service-empty.server";

export interface DemoLoadSummary {
  teams: number;
  workers: number;
  workItems: number;
  services: number;
  users: number;
}

/** The worker each demo sign-in belongs to: North Locality's people, and the two above the teams. */
function demoWorkerFor(role: string, workers: DemoWorker[]): DemoWorker {
  const north = (w: DemoWorker) => w.teamName === "North Locality" && w.active;
  const found =
    role === "practitioner"
      ? workers.find((w) => north(w) && w.role === "practitioner")
      : role === "team_manager"
        ? workers.find((w) => north(w) && w.role === "team_manager")
        : workers.find((w) => w.role === role);
  if (!found) throw new Error(`The demo council has no worker for the ${role} sign-in`);
  return found;
}

/**
 * Replaces the whole service with the demo council, in one transaction: a
 * failure part-way leaves the database as it was.
 */
export async function loadDemoCouncil(db: Db, seed: number, today: IsoDate): Promise<DemoLoadSummary> {
  const council = generateDemoCouncil(seed, today);
  const passwordHashes = await Promise.all(demoSignIns.map((signIn) => hashPassword(signIn.password)));
  db.transaction((tx) => {
    tx.delete(sessions).run();
    tx.delete(userTeams).run();
    // Everything people wrote refers to its author: it goes before the users do.
    tx.delete(calendarFeeds).run();
    tx.delete(mailMessages).run();
    tx.delete(mailChoices).run();
    tx.delete(actionFollowUps).run();
    tx.delete(actions).run();
    tx.delete(meetings).run();
    tx.delete(meetingTemplates).run();
    tx.delete(teamCycles).run();
    tx.delete(groundRules).run();
    tx.delete(objectives).run();
    clearPrimedMetrics(tx as unknown as Db);
    tx.delete(workerLoadNotes).run();
    tx.delete(recalculations).run();
    tx.delete(targets).run();
    tx.delete(seriesDirections).run();
    tx.delete(promptSheets).run();
    tx.delete(promptTemplates).run();
    tx.delete(users).run();
    tx.delete(workItems).run();
    workItemsChanged(tx as unknown as Db);
    // Services name their team and worker: they go before them.
    tx.delete(careServices).run();
    tx.delete(workers).run();
    tx.delete(teams).run();
    tx.delete(services).run();
    tx.delete(populationEstimates).run();
    ensureReferenceData(tx as unknown as Db);

    const service = tx
      .insert(services)
      .values({ name: `${council.service.council} ${council.service.name}`, laCode: council.service.laCode, demo: true })
      .returning()
      .get();
    const teamIds = new Map<string, number>();
    for (const team of council.teams) {
      const row = tx
        .insert(teams)
        .values({ ...team, serviceId: service.id })
        .returning()
        .get();
      teamIds.set(team.name, row.id);
    }
    const workerIds = new Map<string, number>();
    for (const worker of council.workers) {
      const row = tx
        .insert(workers)
        .values({
          teamId: worker.teamName ? teamIds.get(worker.teamName) : null,
          name: worker.name,
          role: worker.role,
          active: worker.active,
        })
        .returning()
        .get();
      workerIds.set(worker.key, row.id);
    }
    const workTypeIds = new Map(
      tx
        .select()
        .from(workTypes)
        .all()
        .map((t) => [t.code, t.id]),
    );
    const outcomeIds = new Map(
      tx
        .select()
        .from(outcomes)
        .all()
        .map((o) => [o.value, o.id]),
    );
    // One prepared statement run per row is SQLite's fastest way in.
    const insertItem = tx
      .insert(workItems)
      .values({
        sourceRef: sql.placeholder("sourceRef"),
        personRef: sql.placeholder("personRef"),
        workTypeId: sql.placeholder("workTypeId"),
        teamId: sql.placeholder("teamId"),
        workerId: sql.placeholder("workerId"),
        receivedOn: sql.placeholder("receivedOn"),
        allocatedOn: sql.placeholder("allocatedOn"),
        dueOn: sql.placeholder("dueOn"),
        completedOn: sql.placeholder("completedOn"),
        outcomeId: sql.placeholder("outcomeId"),
        outcomeRaw: sql.placeholder("outcomeRaw"),
        eventType: sql.placeholder("eventType"),
        clientType: sql.placeholder("clientType"),
        routeOfAccess: sql.placeholder("routeOfAccess"),
        assessmentType: sql.placeholder("assessmentType"),
        reviewReason: sql.placeholder("reviewReason"),
      })
      .prepare();
    for (const item of council.items) {
      insertItem.run({
        ...item,
        workTypeId: workTypeIds.get(item.workTypeCode),
        teamId: teamIds.get(item.teamName),
        workerId: item.workerKey ? workerIds.get(item.workerKey) : null,
        outcomeId: item.outcome ? outcomeIds.get(item.outcome) : null,
        outcomeRaw: item.outcome,
      });
    }
    const insertService = tx
      .insert(careServices)
      .values({
        sourceRef: sql.placeholder("sourceRef"),
        personRef: sql.placeholder("personRef"),
        teamId: sql.placeholder("teamId"),
        workerId: sql.placeholder("workerId"),
        serviceType: sql.placeholder("serviceType"),
        serviceTypeRaw: sql.placeholder("serviceTypeRaw"),
        startsOn: sql.placeholder("startsOn"),
        endsOn: sql.placeholder("endsOn"),
        unitCost: sql.placeholder("unitCost"),
        costFrequency: sql.placeholder("costFrequency"),
        plannedUnits: sql.placeholder("plannedUnits"),
        weeklyCost: sql.placeholder("weeklyCost"),
        ageAtStart: sql.placeholder("ageAtStart"),
        serviceComponent: sql.placeholder("serviceComponent"),
        deliveryMechanism: sql.placeholder("deliveryMechanism"),
        providerLocation: sql.placeholder("providerLocation"),
      })
      .prepare();
    for (const service of council.services) {
      // The Date of Birth only gives the age at the start: it is never stored.
      insertService.run({
        sourceRef: service.sourceRef,
        personRef: service.personRef,
        teamId: teamIds.get(service.teamName),
        workerId: service.workerKey ? workerIds.get(service.workerKey) : null,
        serviceType: service.serviceType,
        serviceTypeRaw: serviceTypes[service.serviceType],
        startsOn: service.startsOn,
        endsOn: service.endsOn,
        unitCost: service.unitCost,
        costFrequency: service.costFrequency,
        plannedUnits: service.plannedUnits,
        weeklyCost: weeklyCost(service.unitCost, service.costFrequency, service.plannedUnits) ?? 0,
        ageAtStart: service.dateOfBirth ? ageOn(service.dateOfBirth, service.startsOn) : null,
        serviceComponent: service.serviceComponent,
        deliveryMechanism: service.deliveryMechanism,
        providerLocation: service.providerLocation,
      });
    }
    demoSignIns.forEach((signIn, index) => {
      const worker = demoWorkerFor(signIn.role, council.workers);
      const user = tx
        .insert(users)
        .values({
          email: signIn.email,
          name: worker.name,
          role: signIn.role,
          workerId: workerIds.get(worker.key),
          passwordHash: passwordHashes[index]!,
          createdAt: new Date().toISOString(),
        })
        .returning()
        .get();
      if (signIn.role === "team_manager") {
        tx.insert(userTeams)
          .values({ userId: user.id, teamId: teamIds.get("North Locality")! })
          .run();
      }
    });
    const recordedAt = new Date().toISOString();
    for (const year of demoPopulation(firstDayOf(addMonths(monthOf(today), -(DEMO_MONTHS - 1))), today))
      tx.insert(populationEstimates)
        .values({ ...year, updatedAt: recordedAt })
        .run();
    // The same connection as the transaction (a transaction object has no statements of its own), so it reads the rows just written.
    // Every team's data is new.
    recordTeamDataChanges(db.$client, teamIds.values(), new Date().toISOString());
    const book = readCareBookNow(db);
    seedDemoPrimedMetrics(tx as unknown as Db, seed, today, (measure, months) => careMeasureValues(book, measure, months, today));
    // After the metrics: some objectives are judged by them.
    seedDemoPurpose(tx as unknown as Db, today);
    seedDemoCycle(tx as unknown as Db, today);
    audit(tx as unknown as Db, SYSTEM, {
      action: "load_demo",
      entity: "service",
      entityId: service.id,
      after: { seed, today, teams: council.teams.length, workItems: council.items.length, services: council.services.length },
    });
  });
  refreshMonthSummaries(db, today);
  issueDemoPack(db, today);
  return {
    teams: council.teams.length,
    workers: council.workers.length,
    workItems: council.items.length,
    services: council.services.length,
    users: demoSignIns.length,
  };
}
