/*
 * What a team report page (a whole team, or one worker) sends: its figures,
 * care and cost, workers, signals, purpose and cycle, as one JSON text
 * (app/http/sent-as-text.ts).
 *
 * The text is kept while the database is unchanged (db/kept-while-unchanged.ts),
 * for the same team, report filters, day and viewer's rights: every figure on
 * the page is read from the database (or from what a load made of it, such as
 * the care book, which a new load replaces by committing) and counted as of a
 * calendar day, so the same inputs give the same text. Without it every request
 * counted and wrote out the same 20 KB again: about an eighth of a team report's
 * processor (profiled, issue 22). Any write anywhere, by any process, lets it
 * go, so no figure older than the data is sent. The viewer's rights are part
 * of the key, never their name: two managers of one team share a text; a
 * practitioner, who sees fewer workers and cannot open the lists, gets their
 * own.
 */
import { keptWhileUnchanged } from "../../db/kept-while-unchanged";
import { careFigures, hasCareServices } from "~/care/care-book.server";
import { cycleLinks } from "~/cycle/cycle-links.server";
import { monthOf } from "~/dates";
import { sendAsText } from "~/http/sent-as-text";
import { signalSummaryView } from "~/interpretation/signals-view.server";
import { seriesReadings } from "~/interpretation/team-signals.server";
import { can, type Principal } from "~/people/permissions";
import { clockToday } from "~/platform/clock.server";
import { teamObjectivesNow } from "~/purpose/objectives.server";
import { outcomeGroupMap } from "~/reference-data/outcomes.server";
import { monthlyFigures } from "~/work-figures/report.server";
import { careReportIsEmpty, careReportMonths } from "~/reports/care-report";
import type { teamContext } from "~/reports/team-context.server";
import { outcomeTotals, routeTotals } from "~/reports/team-report";
import { workersLoad } from "~/reports/workers-load.server";

/** What the page is drawn from: the team's context (app/reports/team-context.server.ts), and of the viewer only their rights. */
export type TeamReportInputs = Pick<
  Awaited<ReturnType<typeof teamContext>>,
  "db" | "team" | "query" | "workers" | "worker" | "workTypes" | "outcomeGroups" | "scope" | "canOpenItems"
> & { user: Principal };

/** Page texts kept at once in each serving process (about 20 KB each): a morning's team meetings, several filters each. */
const MOST_PAGES_KEPT = 400;

/** The team report's data for this viewer, as one text; the same text (the same object) while nothing has changed. */
export function teamReportPage({ user, db, team, query, workers, worker, workTypes, outcomeGroups, scope, canOpenItems }: TeamReportInputs) {
  // Everything of the viewer's that the page depends on: what they may see and do here, and the workers they may look at.
  const rights = {
    canOpenItems,
    showWorkers: !worker && can(user, "view", "worker-load", { teamId: team.id }),
    canNote: !worker && can(user, "manage", "worker-load", { teamId: team.id }),
    canViewPrompts: can(user, "view", "prompt-sheets", { teamId: team.id }),
    purpose: !worker && can(user, "view", "objectives", { teamId: team.id }),
    cycle: !worker && can(user, "view", "cycles", { teamId: team.id }),
    workers: workers.map((w) => w.id),
  };
  const key = `team-report-page|${team.id}|${clockToday()}|${JSON.stringify(query)}|${JSON.stringify(rights)}`;
  return keptWhileUnchanged(
    db,
    key,
    () => {
      const counted = monthlyFigures(db, scope, { from: query.from, to: query.to, asOf: query.asOf });
      const frontDoor = team.type === "front_door";
      const past = counted.filter((m) => m.kind !== "future");
      // The page gets only what it shows: totals are added up here, not sent month by month.
      const months = counted.map((m) => ({ ...m, assessmentOutcomes: null, requestsByRoute: frontDoor ? m.requestsByRoute : null }));
      const careMonths = careReportMonths(careFigures(db, { teamId: team.id, workerId: worker?.id }, { from: query.from, to: query.to, asOf: query.asOf }), monthOf(query.asOf));
      const careEmpty = careReportIsEmpty(careMonths);
      return sendAsText({
        team: { name: team.name, slug: team.slug, typeLabel: team.typeLabel, frontDoor },
        query,
        worker,
        workers,
        choices: { workers, workTypes, outcomeGroups },
        workTypeName: workTypes.find((t) => t.id === query.workType)?.name,
        months,
        outcomeTotals: outcomeTotals(past, outcomeGroupMap(db)),
        routeTotals: frontDoor ? routeTotals(past) : [],
        canOpenItems,
        // Care and cost are not narrowed by work type or outcome: only by worker.
        care: { months: careEmpty ? [] : careMonths, empty: careEmpty, hasServices: hasCareServices(db) },
        // Workers who have left stay listed while work is still allocated to them.
        workerRows: rights.showWorkers ? workersLoad(db, team.id, workers, query.asOf).filter((w) => w.active || w.open > 0 || w.overdue > 0) : null,
        canNote: rights.showWorkers && rights.canNote,
        // Whole team or worker: signals read the figures as a series, not through the report's filters.
        signals: seriesReadings(db, { teamId: team.id, workerId: worker?.id }, query.asOf).map(signalSummaryView),
        canViewPrompts: rights.canViewPrompts,
        // The page opens with what the team is working towards (the whole team's page only), its charts as of the report's date.
        purpose: rights.purpose ? teamObjectivesNow(db, team, monthOf(query.asOf), query.asOf) : null,
        cycle: rights.cycle ? cycleLinks(db, team.id) : null,
      });
    },
    { shelf: "team-report-pages", most: MOST_PAGES_KEPT },
  );
}
