import { count, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { outcomes, services, teams, workers, workItems, workTypes } from "../../db/schema";
import type { IsoDate } from "~/dates";
import { ensureReferenceData } from "~/reference-data.server";
import { generateDemoCouncil } from "./generate";

export function isServiceEmpty(db: Db): boolean {
  return (db.select({ n: count() }).from(teams).get()?.n ?? 0) === 0;
}

export interface DemoLoadSummary {
  teams: number;
  workers: number;
  workItems: number;
}

/**
 * Replaces the whole service with the demo council, in one transaction: a
 * failure part-way leaves the database as it was.
 */
export function loadDemoCouncil(db: Db, seed: number, today: IsoDate): DemoLoadSummary {
  const council = generateDemoCouncil(seed, today);
  db.transaction((tx) => {
    tx.delete(workItems).run();
    tx.delete(workers).run();
    tx.delete(teams).run();
    tx.delete(services).run();
    ensureReferenceData(tx as unknown as Db);

    const service = tx
      .insert(services)
      .values({ name: `${council.service.council} ${council.service.name}`, laCode: council.service.laCode })
      .returning()
      .get();
    const teamIds = new Map<string, number>();
    for (const team of council.teams) {
      const row = tx.insert(teams).values({ ...team, serviceId: service.id }).returning().get();
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
    const workTypeIds = new Map(tx.select().from(workTypes).all().map((t) => [t.code, t.id]));
    const outcomeIds = new Map(tx.select().from(outcomes).all().map((o) => [o.value, o.id]));
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
  });
  return { teams: council.teams.length, workers: council.workers.length, workItems: council.items.length };
}
