import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DateInput } from "~/components/date-input";
import { ReportActions } from "~/components/report-actions";
import { SmallMultiple } from "~/components/small-multiple";
import { SortHeader } from "~/components/sort-header";
import { withParams } from "~/reports/url-params";
import { addMonths, formatDate, formatMonthLong, formatMonthShort, monthOf } from "~/dates";
import { lastFinishedMonth, partMonthNote } from "~/reports/part-month";
import type { FigureKey } from "~/metrics/definitions";
import { timeliness } from "~/metrics/month-figures";
import { figureItemsHref } from "~/reports/figure-query";
import { overviewContext } from "~/reports/overview-context.server";
import { reportParams, type ReportQuery } from "~/reports/report-query";
import { headlineChanges, headlineOf, trendFigures, trendValue, type HeadlineChange, type TrendFigure } from "~/reports/overview-figures";
import type { OverviewSortKey } from "~/reports/service-overview.server";
import { formatPercent } from "~/reports/team-report";
import { ScrollTable } from "~/components/scroll-table";

export const meta: MetaFunction = () => [{ title: "Service overview – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { report, query, month, partMonth, rows, teamCount, exceptionCount, timelinessTarget, canOpenItems } = await overviewContext(request);
  return {
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
    // Only what the page shows: a month's whole figures for 120 teams and 13 months would be megabytes.
    trendMonths: rows[0]?.trend.map((m) => formatMonthShort(m.month)) ?? [],
    rows: rows.map((row) => ({
      team: row.team,
      now: headlineOf(row.now),
      changes: headlineChanges(row.now, row.previous, row.lastYear),
      trend: query.view === "trends" ? row.trend.map((m) => trendValue(m, query.trend)) : [],
      exceptions: row.exceptions,
      canOpenItems: canOpenItems(row.team.id),
    })),
    search: new URL(request.url).search,
  };
}

const trendLabels: Record<TrendFigure, string> = {
  overdue: "Overdue",
  allocated: "Allocated",
  awaitingAllocation: "Awaiting allocation",
  completed: "Completed",
  onTime: "On time (%)",
};

const headline: { key: FigureKey & OverviewSortKey; label: string }[] = [
  { key: "allocated", label: "Allocated" },
  { key: "awaitingAllocation", label: "Awaiting allocation" },
  { key: "overdue", label: "Overdue" },
  { key: "due", label: "Due" },
  { key: "completed", label: "Completed" },
];

function numericNote(previous: string, lastYear: string): string {
  return `, then its change on ${previous} and on ${lastYear}`;
}

/** "+3" or "−2" against a month before, for a change that may be missing. */
function change(d: number | null): string {
  if (d === null) return "–";
  return d === 0 ? "no change" : d > 0 ? `+${d}` : `−${-d}`;
}

export default function ServiceOverview() {
  const { asOf, asOfChosen, query, month, isCurrent, partMonthNote, currentMonth, lastFinished, teamCount, exceptionCount, timelinessTarget, trendMonths, rows, search } =
    useLoaderData<typeof loader>();
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
  // Each figure's heading says, for screen readers too, what the two changes under it are.
  const changesNote = numericNote(previous, lastYear);
  const sortHeader = (key: OverviewSortKey, label: string, numeric = true) => (
    <SortHeader
      key={key}
      column={key}
      label={label}
      note={numeric ? changesNote : undefined}
      numeric={numeric}
      sort={query.sort}
      dir={query.dir}
      search={search}
      firstDir={key === "team" ? "asc" : "desc"}
    />
  );
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
        Every team side by side, as of {formatDate(asOf)}, with the change on {previous} and on {lastYear}. Open a figure for the work
        behind it, or a team for its reports and its workers.
      </p>
      <Form method="get" className="app-filters" aria-label="Choose the month and the teams shown">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="month">
            Month
          </label>
          <input
            className="govuk-input govuk-input--width-10"
            type="month"
            id="month"
            name="month"
            defaultValue={month}
            placeholder="YYYY-MM"
          />
        </div>
        <DateInput name="asOf" legend="Figures as of" value={asOf} />
        {query.view === "trends" && (
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="trend">
              Trend to show
            </label>
            <select className="govuk-select" id="trend" name="trend" defaultValue={query.trend}>
              {trendFigures.map((t) => (
                <option key={t} value={t}>
                  {trendLabels[t]}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="exceptions"
              name="exceptions"
              type="checkbox"
              value="only"
              defaultChecked={query.exceptionsOnly}
            />
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

      <section aria-labelledby="exceptions-heading" className="app-exceptions-first">
        <h2 className="govuk-heading-m" id="exceptions-heading">
          {exceptionCount === 0 ? "No team needs attention" : `${exceptionCount} of ${teamCount} teams need attention`}
        </h2>
        <p className="govuk-body" id="exceptions-summary">
          A team needs attention when its overdue work has risen three months running, its work completed on time is below the target of{" "}
          {Math.round(timelinessTarget * 100)}%, or its queue awaiting allocation has grown two months running; and when the
          statistics find a special-cause concern in its last finished month, or a target its process limits say it will not meet.
        </p>
        {exceptionCount > 0 && (
          <ul className="govuk-list app-exception-list">
            {rows
              .filter((row) => row.exceptions.length > 0)
              .map((row) => (
                <li key={row.team.id} data-team={row.team.slug}>
                  <a className="govuk-link govuk-!-font-weight-bold" href={teamHref(row.team.slug)}>
                    {row.team.name}
                  </a>
                  <ul className="govuk-list govuk-list--bullet">
                    {row.exceptions.map((e) => (
                      <li key={e.key} data-exception={e.key}>
                        {e.reason}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
          </ul>
        )}
      </section>

      {query.view === "table" ? (
        <ScrollTable id="teams-table" labelledBy="teams-caption" className="app-overview-table">
          <caption className="govuk-table__caption govuk-table__caption--m" id="teams-caption">
            Headline figures by team, {formatMonthLong(month)}
            {isCurrent ? " so far" : ""}; under each, the change on {previous} and on {lastYear}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {sortHeader("team", "Team", false)}
              {headline.map((h) => sortHeader(h.key, h.label))}
              {sortHeader("onTime", "On time")}
              {sortHeader("exceptions", "Needs attention", false)}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((row) => (
              <tr className="govuk-table__row" key={row.team.id} data-team={row.team.slug}>
                <th scope="row" className="govuk-table__header">
                  <a className="govuk-link" href={teamHref(row.team.slug)}>
                    {row.team.name}
                  </a>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{row.team.typeLabel}</span>
                </th>
                {headline.map((h) => (
                  <OverviewCell
                    key={h.key}
                    now={row.now[h.key]}
                    changes={row.changes[h.key]}
                    href={
                      row.canOpenItems && row.now[h.key] ? figureItemsHref(row.team.slug, { figure: h.key, month }, report) : undefined
                    }
                  />
                ))}
                <td className="govuk-table__cell app-numeric">
                  {formatPercent(timeliness(row.now))}
                  <Changes changes={row.changes.onTime} unit=" points" />
                </td>
                <td className="govuk-table__cell">
                  {row.exceptions.length === 0 ? (
                    "–"
                  ) : (
                    <ul className="govuk-list govuk-body-s app-exceptions">
                      {row.exceptions.map((e) => (
                        <li key={e.key}>
                          <strong className="govuk-tag govuk-tag--orange">{e.label}</strong>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <section className="app-report-section" aria-labelledby="trends-heading">
          <h2 className="govuk-heading-l" id="trends-heading">
            {trendLabels[query.trend]}: each team's last 12 months
          </h2>
          <p className="govuk-body">
            Each chart has its own scale (its largest value is under it); the text alternative of each lists its months.
          </p>
          <ul className="app-small-multiples">
            {rows.map((row) => (
              <li key={row.team.id} className="app-small-multiples__item">
                <a className="govuk-link govuk-body-s govuk-!-font-weight-bold" href={teamHref(row.team.slug)}>
                  {row.team.name}
                </a>
                <SmallMultiple
                  values={row.trend.map((value, i) => ({ month: trendMonths[i]!, value }))}
                  label={`${trendLabels[query.trend]}, ${row.team.name}`}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      {rows.length === 0 && <p className="govuk-body">No team needs attention this month.</p>}
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to="/definitions">
          How each figure is defined
        </Link>
      </p>
    </>
  );
}

/** The changes on the month before and a year before; the column heading says which is which. */
function Changes({ changes, unit = "" }: { changes: HeadlineChange; unit?: string }) {
  // A part month's flows are not compared with whole months (app/reports/part-month.ts); the note above the table says why.
  if (changes.notCompared) return <span className="app-changes govuk-body-s">not compared (month so far)</span>;
  const withUnit = (text: string) => (unit && text !== "–" && text !== "no change" ? `${text}${unit}` : text);
  return <span className="app-changes govuk-body-s">{`${withUnit(change(changes.previous))} · ${withUnit(change(changes.lastYear))}`}</span>;
}

// Plain links, not Remix's Link: the overview has about 700 of them, and each Link costs
// router work on the server; following one loads the list as a whole page, which is fine.
function OverviewCell({
  now,
  changes,
  href,
}: {
  now: number | null;
  changes: HeadlineChange;
  href?: string;
}) {
  return (
    <td className="govuk-table__cell app-numeric">
      {href ? (
        <a className="govuk-link" href={href}>
          {now}
        </a>
      ) : (
        now ?? "–"
      )}
      <Changes changes={changes} />
    </td>
  );
}
