import fixture from "../fixtures/care-worked-example.json";
import type { Db } from "../../db/connection";
import { careServices, services, teams, workItems, workTypes } from "../../db/schema";
import { ageOn, serviceTypes, weeklyCost, type CostFrequency, type ServiceTypeCode } from "~/care/service-types";
import { ensureReferenceData } from "~/reference-data/reference-data.server";

export const careWorkedExample = fixture;

/** Loads the care worked example into a database as its own service and team R; returns the team's id. */
export function loadCareWorkedExample(db: Db): number {
  ensureReferenceData(db);
  const service = db.insert(services).values({ name: "Care worked example" }).returning().get();
  const team = db
    .insert(teams)
    .values({ ...fixture.team, type: "locality", serviceId: service.id })
    .returning()
    .get();
  for (const s of fixture.services) {
    const type = s.type as ServiceTypeCode;
    db.insert(careServices)
      .values({
        sourceRef: s.ref,
        personRef: s.person,
        teamId: team.id,
        serviceType: type,
        serviceTypeRaw: serviceTypes[type],
        startsOn: s.starts,
        endsOn: s.ends,
        unitCost: s.u,
        costFrequency: s.f,
        plannedUnits: s.p,
        weeklyCost: weeklyCost(s.u, s.f as CostFrequency, s.p)!,
        ageAtStart: ageOn(s.born, s.starts),
      })
      .run();
  }
  const typeIds = new Map(
    db
      .select()
      .from(workTypes)
      .all()
      .map((t) => [t.code, t.id]),
  );
  for (const r of fixture.reviews) {
    db.insert(workItems)
      .values({ sourceRef: r.ref, personRef: r.person, workTypeId: typeIds.get(r.workType)!, teamId: team.id, receivedOn: r.received, dueOn: r.due, completedOn: r.completed })
      .run();
  }
  return team.id;
}
