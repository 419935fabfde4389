import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { Frozen } from "~/components/ui/frozen";
import { readSentText } from "~/http/sent-as-text";
import { sentInThePage } from "~/http/sent-in-page.server";
import { DataInPage } from "~/components/ui/data-in-page";
import { DefinitionList } from "~/components/reports/definition-list";
import { CareDefinitionList } from "~/components/reports/care-definition-list";
import { CompletedTable, OutcomeGroupTable, OutcomeTotalsTable, WorkloadTable } from "~/components/reports/figure-tables";
import { RequestsTable, RoutesTable } from "~/components/reports/front-door-tables";
import { ReportActions } from "~/components/reports/report-actions";
import { CareReportSection } from "~/components/reports/care-report-section";
import { careListHref } from "~/reports/care-query";
import { ReportChart } from "~/components/reports/report-chart";
import { PurposeSummary } from "~/components/purpose/purpose-summary";
import { CycleLinks } from "~/components/cycle/cycle-links";
import { ReportFilters } from "~/components/reports/report-filters";
import { HeadlineFigures, TeamSignalsSection, TeamWorkersSection } from "~/components/reports/team-report-sections";
import { formatDate, formatMonthLong, formatMonthShort, monthOf } from "~/dates";
import { figureItemsHref, type FigureLinker } from "~/reports/figure-query";
import { isFiltered, reportParams, type ReportQuery } from "~/reports/report-query";
import { teamContext } from "~/reports/team-context.server";
import { completedChart, outcomeGroupsSeen, outcomesChart, requestsChart, workloadChart } from "~/reports/team-report";
import { teamReportPage } from "~/team-report/team-report-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const page = data && readSentText(data);
  return [{ title: page ? `${page.worker ? `${page.worker.name}, ` : ""}${page.team.name} – Primed` : "Team – Primed" }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // One JSON text, not 20 KB of figures for Remix to walk value by value (app/http/sent-as-text.ts); in the page
  // itself when the browser asked for the page (app/http/sent-in-page.server.ts).
  return sentInThePage(context, teamReportPage(await teamContext(request, params.slug)));
}

function hrefWith(slug: string, query: ReportQuery, path = "") {
  const params = reportParams(query);
  return `/teams/${slug}${path}${params.size ? `?${params}` : ""}`;
}

export default function TeamReport() {
  // The page's data as read (the same object whenever the same figures were sent): every kept part below is drawn
  // from it alone, so it is their deps (app/components/ui/frozen.tsx).
  const data = useLoaderData<typeof loader>();
  const sent = readSentText(data);
  const { cycle, team, query, worker, choices, workTypeName, months, outcomeTotals, routeTotals, canOpenItems, care, workerRows, canNote, signals, canViewPrompts, purpose } = sent;
  const past = months.filter((m) => m.kind !== "future");
  const now = past.at(-1);
  const period = past.length ? `${formatMonthShort(past[0]!.month)} to ${formatMonthShort(past.at(-1)!.month)}` : "no months yet";
  const who = worker ? `${worker.name}, ${team.name}` : team.name;
  const linkTo: FigureLinker | undefined = canOpenItems ? (q) => figureItemsHref(team.slug, q, query) : undefined;
  const filters = [workTypeName, query.outcomeGroup].filter(Boolean).join(", ");
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Teams", to: "/teams" },
          ...(worker ? [{ label: team.name, to: hrefWith(team.slug, { ...query, worker: undefined }) }] : []),
          { label: worker ? worker.name : team.name },
        ]}
      />
      <span className="govuk-caption-l">{team.typeLabel}</span>
      <h1 className="govuk-heading-xl">{who}</h1>
      {purpose && <PurposeSummary slug={team.slug} monthLabel={formatMonthLong(monthOf(query.asOf))} objectives={purpose} />}
      {cycle && <CycleLinks slug={team.slug} {...cycle} />}
      <ReportFilters
        choices={choices}
        values={{ asOf: query.asOf, worker: worker?.id, workType: query.workType, outcomeGroup: query.outcomeGroup, from: query.from, to: query.to }}
        clearHref={`/teams/${team.slug}`}
      />
      <ReportActions
        csvHref={hrefWith(team.slug, query, "/report.csv")}
        csvLabel="Download these figures (CSV)"
        printHeading={`${who}${filters ? ` (${filters})` : ""}: ${period}. Data as of ${formatDate(query.asOf)}.`}
      />
      {isFiltered(query) && (
        <div className="govuk-inset-text">
          These figures count only{" "}
          {[worker && `${worker.name}'s work`, workTypeName && `${workTypeName} work`, query.outcomeGroup && `work with the outcome "${query.outcomeGroup}"`]
            .filter(Boolean)
            .join(", ")}
          .
        </div>
      )}

      {now && <HeadlineFigures now={now} asOf={query.asOf} linkTo={linkTo} />}

      <TeamSignalsSection slug={team.slug} query={query} worker={worker} signals={signals} canViewPrompts={canViewPrompts} />

      {team.frontDoor && (
        <Frozen what="team-requests" deps={sent}>
          {/* A function: a kept part's charts are not worked out again. */}
          {() => (
            <section className="app-report-section" aria-labelledby="requests-heading">
              <h2 className="govuk-heading-l" id="requests-heading">
                Requests: received, completed within timescale, and what they led to
              </h2>
              <p className="govuk-body">
                The front door's work: contacts and referrals received, how many were completed within the request timescale, and whether they ended in information and advice, a
                referral elsewhere, an assessment, reablement or no further action.
              </p>
              <ReportChart spec={requestsChart(months, linkTo)} tableId="requests-table" />
              <RequestsTable id="requests-table" months={past} linkTo={linkTo} />
              <RoutesTable id="routes-table" routes={routeTotals} period={period} linkTo={linkTo} />
            </section>
          )}
        </Frozen>
      )}

      <Frozen what="team-work" deps={sent}>
        {() => (
          <>
            <section className="app-report-section" aria-labelledby="workload-heading">
              <h2 className="govuk-heading-l" id="workload-heading">
                Allocated, due and overdue work by month
              </h2>
              <p className="govuk-body">What {worker ? "this worker has" : "the team has"} outstanding at each month's end, and what falls due, including the months to come.</p>
              <ReportChart spec={workloadChart(months, linkTo)} tableId="workload-table" />
              <WorkloadTable id="workload-table" months={months} linkTo={linkTo} />
            </section>

            <section className="app-report-section" aria-labelledby="completed-heading">
              <h2 className="govuk-heading-l" id="completed-heading">
                Work completed each month
              </h2>
              <ReportChart spec={completedChart(months, linkTo)} tableId="completed-table" />
              <CompletedTable id="completed-table" months={past} linkTo={linkTo} />
            </section>

            <section className="app-report-section" aria-labelledby="outcomes-heading">
              <h2 className="govuk-heading-l" id="outcomes-heading">
                Outcomes of completed assessments
              </h2>
              <p className="govuk-body">What the Care Act, carer's and short-term assessments completed each month led to.</p>
              <ReportChart spec={outcomesChart(months, linkTo)} tableId="outcome-groups-table" />
              <OutcomeGroupTable id="outcome-groups-table" months={past} groups={outcomeGroupsSeen(past)} linkTo={linkTo} />
              <OutcomeTotalsTable id="outcome-totals-table" totals={outcomeTotals} caption={`Every outcome of the assessments completed ${period}`} />
            </section>
          </>
        )}
      </Frozen>

      <Frozen what="team-care" deps={sent}>
        <CareReportSection
          months={care.months}
          asOf={query.asOf}
          hasServices={care.hasServices}
          empty={care.empty}
          period={period}
          worker={worker}
          filtered={query.workType !== undefined || query.outcomeGroup !== undefined}
          linkTo={canOpenItems ? (q) => careListHref(team.slug, q, query) : undefined}
        />
      </Frozen>

      {workerRows && (
        <Frozen what="team-workers" deps={sent}>
          <TeamWorkersSection
            rows={workerRows}
            month={now?.month ?? query.to}
            workerHref={(id) => hrefWith(team.slug, { ...query, worker: id })}
            noteHref={canNote ? (id) => `/teams/${team.slug}/workers/${id}/notes` : undefined}
            linkTo={canOpenItems ? (id) => (q) => figureItemsHref(team.slug, q, { ...query, worker: id }) : undefined}
          />
        </Frozen>
      )}

      <details className="govuk-details app-report-section app-no-print" id="definitions">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How these figures are defined</span>
        </summary>
        <div className="govuk-details__text">
          {/* The same words on every team page. */}
          <Frozen what="team-definitions" deps={null}>
            <>
              <DefinitionList />
              <h3 className="govuk-heading-m">Care and support, and what it costs</h3>
              <CareDefinitionList />
            </>
          </Frozen>
          <p className="govuk-body">
            <Link className="govuk-link" to="/definitions">
              All definitions on one page
            </Link>
          </p>
        </div>
      </details>
      <DataInPage sent={data} />
    </>
  );
}
