/*
 * The service's services and completed reviews, read once per data version
 * into a CareBook (care-figures.ts). At the large council's scale (100,000
 * service rows, 150,000 completed reviews) reading them takes a few hundred
 * milliseconds; every care figure of every team and worker is then counted
 * from memory until the next load.
 */
import type { Db } from "../../db/connection";
import type { IsoMonth, IsoDate } from "~/dates";
import { monthRange } from "~/dates";
import { remembered, rememberedList } from "~/work-figures/figures-cache.server";
import { CareBook, careMonths, careMonthsByTeam, type CareMonthRow, type CareReview, type CareScope, type CareService } from "./care-figures";

/** The work types whose completed items are reviews (docs/definitions.md#care-and-support). */
export const REVIEW_WORK_TYPES = ["planned_review", "unplanned_review"] as const;

function readCareBook(db: Db): CareBook {
  const sqlite = db.$client;
  const services = sqlite
    .prepare(
      `select id, source_ref as sourceRef, person_ref as personRef, team_id as teamId, worker_id as workerId, service_type as type,
              starts_on as startsOn, ends_on as endsOn, unit_cost as unitCost, cost_frequency as costFrequency, weekly_cost as weeklyCost, age_at_start as ageAtStart
         from care_services order by id`,
    )
    .all() as CareService[];
  const reviews = sqlite
    .prepare(
      `select w.id, w.source_ref as sourceRef, w.person_ref as personRef, w.team_id as teamId, w.worker_id as workerId, w.received_on as receivedOn, w.completed_on as completedOn
         from work_items w join work_types t on t.id = w.work_type_id
        where t.code in (${REVIEW_WORK_TYPES.map(() => "?").join(", ")}) and w.completed_on is not null
        order by w.id`,
    )
    .all(...REVIEW_WORK_TYPES) as CareReview[];
  return new CareBook(services, reviews);
}

/** The care book of the data as it is now (shared between requests: read it, never change it). */
export function careBook(db: Db): CareBook {
  // Kept with the lists (few entries): one book holds every service and review.
  return rememberedList(db, "care-book", () => readCareBook(db));
}

/** Whether the service has any services loaded: without them the care report says how to load them. */
export function hasCareServices(db: Db): boolean {
  return careBook(db).services.length > 0;
}

/** A scope's care figures for each month from `from` to `to`, as of `asOf`. */
export function careFigures(db: Db, scope: CareScope, range: { from: IsoMonth; to: IsoMonth; asOf: IsoDate }): CareMonthRow[] {
  return remembered(db, `care|${scope.teamId ?? ""}|${scope.workerId ?? ""}|${range.from}|${range.to}|${range.asOf}`, () =>
    careMonths(careBook(db), scope, monthRange(range.from, range.to), range.asOf),
  );
}

/** Every team's care figures for each month, as of a date (the service overview): counted once per data version. */
export function careFiguresByTeam(db: Db, teamIds: readonly number[], months: readonly IsoMonth[], asOf: IsoDate): Map<number, CareMonthRow[]> {
  return remembered(db, `care-by-team|${teamIds.join(",")}|${months.join(",")}|${asOf}`, () => careMonthsByTeam(careBook(db), teamIds, months, asOf));
}
