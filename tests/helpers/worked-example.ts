import fixture from "../fixtures/worked-example.json";
import type { Db } from "../../db/connection";
import { outcomes, services, teams, workers, workItems, workTypes } from "../../db/schema";
import type { MetricItem } from "~/work-figures/definitions";
import { defaultWorkTypes, outcomeGroupOf } from "~/reference-data/reference-data";
import { ensureReferenceData } from "~/reference-data/reference-data.server";

export const workedExample = fixture;

const categoryOf = new Map(defaultWorkTypes.map((t) => [t.code, t.category]));

/** The worked example as the metric module sees it; ids are the item numbers. */
export function workedExampleItems(): MetricItem[] {
  return fixture.items.map((item) => ({
    id: Number(item.ref),
    receivedOn: item.received,
    allocatedOn: item.allocated,
    workerId: item.worker ? fixture.workers.indexOf(item.worker) + 1 : null,
    dueOn: item.due,
    completedOn: item.completed,
    category: categoryOf.get(item.workType)!,
    outcome: item.outcome,
    outcomeGroup: item.outcome ? outcomeGroupOf(item.outcome) : null,
    routeOfAccess: null,
  }));
}

/** Loads the worked example into a database as its own service and team. */
export function loadWorkedExample(db: Db) {
  ensureReferenceData(db);
  const service = db.insert(services).values({ name: "Worked example" }).returning().get();
  const team = db
    .insert(teams)
    .values({ ...fixture.team, type: "locality", serviceId: service.id })
    .returning()
    .get();
  const workerIds = new Map(fixture.workers.map((name) => [name, db.insert(workers).values({ name, teamId: team.id, role: "practitioner" }).returning().get().id]));
  const typeIds = new Map(
    db
      .select()
      .from(workTypes)
      .all()
      .map((t) => [t.code, t.id]),
  );
  const outcomeIds = new Map(
    db
      .select()
      .from(outcomes)
      .all()
      .map((o) => [o.value, o.id]),
  );
  for (const item of fixture.items) {
    db.insert(workItems)
      .values({
        sourceRef: `WE-${item.ref}`,
        personRef: `P000000${item.ref}`,
        workTypeId: typeIds.get(item.workType)!,
        teamId: team.id,
        workerId: item.worker ? workerIds.get(item.worker)! : null,
        receivedOn: item.received,
        allocatedOn: item.allocated,
        dueOn: item.due,
        completedOn: item.completed,
        outcomeId: item.outcome ? outcomeIds.get(item.outcome)! : null,
        outcomeRaw: item.outcome,
      })
      .run();
  }
  return team;
}
