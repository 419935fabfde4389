import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DateInput } from "~/components/ui/date-input";
import { ReportActions } from "~/components/reports/report-actions";
import { withParams } from "~/reports/url-params";
import { addMonths, formatDate, formatMonthLong, formatMonthShort, monthOf } from "~/dates";
import { lastFinishedMonth, partMonthNote } from "~/reports/part-month";
import { overviewContext } from "~/reports/overview-context.server";
import { reportParams, type ReportQuery } from "~/reports/report-query";
import { isCareFigure, trendFigures } from "~/reports/overview-figures";
import { overviewPageRows } from "~/reports/overview-page-rows.server";
import { sentInThePage } from "~/http/sent-in-page.server";
import { DataInPage } from "~/components/ui/data-in-page";
import { overviewPageRowsOf } from "~/reports/overview-page-rows";
import { Frozen } from "~/components/ui/frozen";
import { TeamDataChangedTable } from "~/components/reports/team-data-changed";
import { OverviewCareTable, OverviewExceptions, OverviewTable, OverviewTrends, trendLabels } from "~/components/reports/service-overview";

export const meta: MetaFunction = () => [{ title: "Service overview – Primed" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { report, query, month, partMonth, all, rows, teamCount, exceptionCount, timelinessTarget, reviewedTarget, hasCare, canOpenItems, dataChanged } =
    await overviewContext(request);
  const pageRows = overviewPageRows(all, rows, query, canOpenItems);
  return {
    dataChanged,
    asOf: report.asOf,
    asOfChosen: report.asOfChosen,
    query,
    month,
    isCurrent: partMonth,
    partMonthNote: partMonthNote(month, report.asOf),
    currentMonth: monthOf(report.asOf),
    lastFinished: lastFinishedMonth(report.asOf),
    teamCount,
    exceptionCount,
    timelinessTarget,
    reviewedTarget,
    hasCare,
    // Only what the page shows: a month's whole figures for 120 teams and 13 months would be megabytes.
    trendMonths: rows[0]?.trend.map((m) => formatMonthShort(m.month)) ?? [],
    // One JSON text made once for the same figures, not 120 rows for Remix to encode on every request (overview-page-rows.ts).
    // In the page itself when the browser asked for the page (app/http/sent-in-page.server.ts).
    rows: sentInThePage(context, pageRows, pageRows.digest),
    search: new URL(request.url).search,
  };
}

export default function ServiceOverview() {
  const {
    asOf,
    asOfChosen,
    query,
    month,
    isCurrent,
    partMonthNote,
    currentMonth,
    lastFinished,
    teamCount,
    exceptionCount,
    timelinessTarget,
    reviewedTarget,
    hasCare,
    trendMonths,
    rows: sent,
    search,
    dataChanged,
  } = useLoaderData<typeof loader>();
  const rows = overviewPageRowsOf(sent);
  // The team report ending with the month shown, as of the same date; its own default when the month is the overview's default.
  const monthsChosen = query.month !== undefined && !isCurrent;
  const report: ReportQuery = {
    asOf,
    asOfChosen,
    from: addMonths(monthsChosen ? month : currentMonth, -11),
    to: monthsChosen ? month : addMonths(currentMonth, 3),
    monthsChosen,
  };
  // Plain links to the teams: the page has up to 240, and Remix's Link costs router work for each on every render.
  const reportSearch = reportParams(report).toString();
  const teamHref = (slug: string) => `/teams/${slug}${reportSearch ? `?${reportSearch}` : ""}`;
  const previous = formatMonthShort(addMonths(month, -1));
  const lastYear = formatMonthShort(addMonths(month, -12));
  // Both tables show the same teams, month, comparisons and sort.
  const tableProps = { rows, rowsDigest: sent.digest, month, isCurrent, previous, lastYear, report, sort: query.sort, dir: query.dir, search, teamHref };
  return (
    <>
      <span className="govuk-caption-l">
        {formatMonthLong(month)}
        {isCurrent ? " so far" : ""}
      </span>
      <h1 className="govuk-heading-xl">Service overview</h1>
      <p className="govuk-body app-no-print" id="month-switch">
        {isCurrent ? (
          <Link className="govuk-link" to={withParams(search, { month: null })}>
            Back to {formatMonthLong(lastFinished)}, the last finished month
          </Link>
        ) : (
          <Link className="govuk-link" to={withParams(search, { month: currentMonth })}>
            {formatMonthLong(currentMonth)} so far
          </Link>
        )}
      </p>
      {partMonthNote && (
        <div className="govuk-inset-text" id="part-month-note">
          {partMonthNote}
        </div>
      )}
      <p className="govuk-body-l">
        Every team side by side, as of {formatDate(asOf)}, with the change on {previous} and on {lastYear}. Open a figure for the work behind it, or a team for its reports and its
        workers.
      </p>
      <Form method="get" className="app-filters" aria-label="Choose the month and the teams shown">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="month">
            Month
          </label>
          <input className="govuk-input govuk-input--width-10" type="month" id="month" name="month" defaultValue={month} placeholder="YYYY-MM" />
        </div>
        <DateInput name="asOf" legend="Figures as of" value={asOf} />
        {query.view === "trends" && (
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="trend">
              Trend to show
            </label>
            <select className="govuk-select" id="trend" name="trend" defaultValue={query.trend}>
              {/* The care figures only once services are loaded: else their trends are all zeros. */}
              {trendFigures
                .filter((t) => hasCare || !isCareFigure(t))
                .map((t) => (
                  <option key={t} value={t}>
                    {trendLabels[t]}
                  </option>
                ))}
            </select>
          </div>
        )}
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="exceptions" name="exceptions" type="checkbox" value="only" defaultChecked={query.exceptionsOnly} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="exceptions">
              Only teams that need attention
            </label>
          </div>
        </div>
        <input type="hidden" name="view" value={query.view} />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show
        </button>
      </Form>
      <ReportActions
        csvHref={`/teams.csv${search}`}
        csvLabel="Download the overview (CSV)"
        printHeading={`Service overview, ${formatMonthLong(month)}. Data as of ${formatDate(asOf)}.`}
      />
      <nav className="app-view-switch app-no-print" aria-label="How to show the teams">
        <ul className="govuk-list app-view-switch__list">
          {(["table", "trends"] as const).map((view) => (
            <li key={view}>
              <Link className="govuk-link" to={withParams(search, { view })} aria-current={query.view === view ? "page" : undefined}>
                {view === "table" ? "Side by side: this month's figures" : "Trends: each team's last 12 months"}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Frozen what="overview-exceptions" deps={[sent.digest, exceptionCount, teamCount, timelinessTarget, reviewedTarget, report]}>
        <OverviewExceptions
          rows={rows}
          exceptionCount={exceptionCount}
          teamCount={teamCount}
          timelinessTarget={timelinessTarget}
          reviewedTarget={reviewedTarget}
          teamHref={teamHref}
        />
      </Frozen>

      {query.view === "table" ? (
        <>
          <OverviewTable {...tableProps} />
          {hasCare ? (
            <OverviewCareTable {...tableProps} />
          ) : (
            <p className="govuk-body" id="care-none">
              No services have been loaded yet, so there is no care and cost to show. Once an administrator loads an extract with Service rows, each team&apos;s weekly cost of
              long-term support, people in residential and nursing care, admissions and reviews appear here.
            </p>
          )}
        </>
      ) : (
        <OverviewTrends rows={rows} trend={query.trend} trendMonths={trendMonths} teamHref={teamHref} />
      )}
      {rows.length === 0 && <p className="govuk-body">No team needs attention this month.</p>}
      <TeamDataChangedTable teams={dataChanged} />
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to="/definitions">
          How each figure is defined
        </Link>
      </p>
      <DataInPage sent={sent} />
    </>
  );
}
