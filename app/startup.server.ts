import type { Connection } from "../db/connection";
import { escalateOverdueActions } from "./actions/escalation.server";
import { clockToday } from "~/platform/clock.server";
import { isServiceEmpty } from "./demo/service-empty.server";
import type { Env } from "./platform/env.server";
import { monthSummariesDue, refreshMonthSummaries } from "./work-figures/month-summaries.server";
import { removeEndedSessions } from "./people/sessions.server";
import { ensureReferenceData } from "./reference-data/reference-data.server";

/** Brings a freshly migrated database up to a usable service: reference data, and the demo when empty. */
export async function prepareService(connection: Connection, env: Env, log: (line: string) => void) {
  ensureReferenceData(connection.db);
  // The demo's generator, and faker's name lists with it (much of what a start used to load), only when a council is to be made.
  if (env.PRIMED_DEMO === "on" && isServiceEmpty(connection.db)) {
    log("The database is empty: loading the demo council (about 5 seconds)...");
    const { loadDemoCouncil } = await import("./demo/load.server");
    const summary = await loadDemoCouncil(connection.db, env.PRIMED_DEMO_SEED, clockToday());
    log(`Demo council loaded: ${summary.teams} teams, ${summary.workers} workers, ${summary.workItems} work items, ${summary.services} services.`);
  }
  if (monthSummariesDue(connection.db, clockToday())) {
    // A month has ended (or a load was cut short) since the figures were counted.
    const result = refreshMonthSummaries(connection.db, clockToday());
    log(`Month figures counted up to ${result.through} in ${(result.milliseconds / 1000).toFixed(1)} s.`);
  }
  escalateOverdue(connection, log);
  // Ended sessions are otherwise removed only when their cookie comes back, which it may never do.
  removeEndedSessions(connection.db, env);
}

/** Escalates the actions overdue for longer than the service allows; run at start and then every hour. */
export function escalateOverdue(connection: Connection, log: (line: string) => void) {
  const escalated = escalateOverdueActions(connection.db, clockToday());
  if (escalated > 0) log(`Escalated ${escalated} overdue ${escalated === 1 ? "action" : "actions"} to the head of service.`);
}
