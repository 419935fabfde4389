import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ReportActions } from "~/components/report-actions";
import { SmallMultiple } from "~/components/small-multiple";
import { addMonths, formatDate, formatMonthLong, formatMonthShort, monthOf } from "~/dates";
import type { FigureKey } from "~/metrics/definitions";
import { timeliness, type MonthFigures } from "~/metrics/month-figures";
import { figureItemsHref } from "~/reports/figure-query";
import { overviewContext } from "~/reports/overview-context.server";
import { reportParams, type ReportQuery } from "~/reports/report-query";
import { trendFigures, trendValue, type TrendFigure } from "~/reports/overview-figures";
import type { OverviewSortKey } from "~/reports/service-overview.server";
import { formatPercent } from "~/reports/team-report";

export const meta: MetaFunction = () => [{ title: "Service overview – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { report, query, month, rows, teamCount, exceptionCount, timelinessTarget, canOpenItems } = await overviewContext(request);
  return {
    asOf: report.asOf,
    asOfChosen: report.asOfChosen,
    query,
    month,
    isCurrent: month === monthOf(report.asOf),
    teamCount,
    exceptionCount,
    timelinessTarget,
    rows: rows.map((row) => ({ ...row, canOpenItems: canOpenItems(row.team.id) })),
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

function withParams(search: string, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  return `?${params}`;
}

/** "+3" or "−2" against a month before, for a figure that may be missing. */
function change(now: number | null, then: number | null): string {
  if (now === null || then === null) return "–";
  const d = now - then;
  return d === 0 ? "no change" : d > 0 ? `+${d}` : `−${-d}`;
}

export default function ServiceOverview() {
  const { asOf, asOfChosen, query, month, isCurrent, teamCount, exceptionCount, timelinessTarget, rows, search } = useLoaderData<typeof loader>();
  // The team report ending with the month shown, as of the same date.
  const report: ReportQuery = {
    asOf,
    asOfChosen,
    from: addMonths(month, -11),
    to: isCurrent ? addMonths(month, 3) : month,
    monthsChosen: !isCurrent,
  };
  const teamHref = (slug: string) => `/teams/${slug}${reportParams(report).size ? `?${reportParams(report)}` : ""}`;
  const previous = formatMonthShort(addMonths(month, -1));
  const lastYear = formatMonthShort(addMonths(month, -12));
  const sortHeader = (key: OverviewSortKey, label: string, numeric = true) => {
    const active = query.sort === key;
    const next = active ? (query.dir === "asc" ? "desc" : "asc") : key === "team" ? "asc" : "desc";
    return (
      <th scope="col" className={`govuk-table__header${numeric ? " app-numeric" : ""}`} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : "none"} key={key}>
        <Link className="govuk-link app-sort-link" to={withParams(search, { sort: key, dir: next })}>
          {label}
          <span className="govuk-visually-hidden">, sort {next === "asc" ? "ascending" : "descending"}</span>
          {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        </Link>
      </th>
    );
  };
  return (
    <>
      <span className="govuk-caption-l">{formatMonthLong(month)}{isCurrent ? " so far" : ""}</span>
      <h1 className="govuk-heading-xl">Service overview</h1>
      <p className="govuk-body-l">
        Every team side by side, as of {formatDate(asOf)}, with the change on {previous} and on {lastYear}. Open a figure for the work behind it, or a team for its reports and its workers.
      </p>
      <Form method="get" className="app-filters" aria-label="Choose the month and the teams shown">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="month">Month</label>
          <input className="govuk-input govuk-input--width-10" type="month" id="month" name="month" defaultValue={month} placeholder="YYYY-MM" />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="asOf">Figures as of</label>
          <input className="govuk-input govuk-input--width-10" type="date" id="asOf" name="asOf" defaultValue={asOf} />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="trend">Trend to show</label>
          <select className="govuk-select" id="trend" name="trend" defaultValue={query.trend}>
            {trendFigures.map((t) => (
              <option key={t} value={t}>{trendLabels[t]}</option>
            ))}
          </select>
        </div>
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="exceptions" name="exceptions" type="checkbox" value="only" defaultChecked={query.exceptionsOnly} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="exceptions">Only teams that need attention</label>
          </div>
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="govuk-button govuk-button--secondary">Show</button>
      </Form>
      <ReportActions
        csvHref={`/teams.csv${search}`}
        csvLabel="Download the overview (CSV)"
        printHeading={`Service overview, ${formatMonthLong(month)}. Data as of ${formatDate(asOf)}.`}
      />
      <section aria-labelledby="exceptions-heading" className="app-exceptions-first">
        <h2 className="govuk-heading-m" id="exceptions-heading">
          {exceptionCount === 0 ? "No team needs attention" : `${exceptionCount} of ${teamCount} teams need attention`}
        </h2>
        <p className="govuk-body" id="exceptions-summary">
          A team needs attention when its overdue work has risen three months running, its work completed on time is below the
          target of {Math.round(timelinessTarget * 100)}%, or its queue awaiting allocation has grown two months running.
        </p>
        {exceptionCount > 0 && (
          <ul className="govuk-list app-exception-list">
            {rows
              .filter((row) => row.exceptions.length > 0)
              .map((row) => (
                <li key={row.team.id} data-team={row.team.slug}>
                  <Link className="govuk-link govuk-!-font-weight-bold" to={teamHref(row.team.slug)}>{row.team.name}</Link>
                  <ul className="govuk-list govuk-list--bullet">
                    {row.exceptions.map((e) => (
                      <li key={e.key} data-exception={e.key}>{e.reason}</li>
                    ))}
                  </ul>
                </li>
              ))}
          </ul>
        )}
      </section>

      <div className="app-table-scroll" tabIndex={0} role="region" aria-labelledby="teams-caption">
        <table className="govuk-table app-overview-table" id="teams-table">
          <caption className="govuk-table__caption govuk-table__caption--m" id="teams-caption">
            Headline figures by team, {formatMonthLong(month)}; under each, the change on {previous} and on {lastYear}
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
                  <Link className="govuk-link" to={teamHref(row.team.slug)}>{row.team.name}</Link>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{row.team.typeLabel}</span>
                </th>
                {headline.map((h) => (
                  <OverviewCell
                    key={h.key}
                    now={row.now[h.key]}
                    previous={row.previous[h.key]}
                    lastYear={row.lastYear[h.key]}
                    href={row.canOpenItems && row.now[h.key] ? figureItemsHref(row.team.slug, { figure: h.key, month }, report) : undefined}
                    label={`${h.label.toLowerCase()} in ${row.team.name}`}
                  />
                ))}
                <td className="govuk-table__cell app-numeric">
                  {formatPercent(timeliness(row.now))}
                  <Changes now={pct(row.now)} previous={pct(row.previous)} lastYear={pct(row.lastYear)} unit=" points" />
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
        </table>
      </div>
      {rows.length === 0 && <p className="govuk-body">No team needs attention this month.</p>}

      <section className="app-report-section" aria-labelledby="trends-heading">
        <h2 className="govuk-heading-l" id="trends-heading">{trendLabels[query.trend]}: each team's last 12 months</h2>
        <p className="govuk-body">Each chart has its own scale (its largest value is under it); the text alternative of each lists its months.</p>
        <ul className="app-small-multiples">
          {rows.map((row) => (
            <li key={row.team.id} className="app-small-multiples__item">
              <Link className="govuk-link govuk-body-s govuk-!-font-weight-bold" to={teamHref(row.team.slug)}>{row.team.name}</Link>
              <SmallMultiple
                values={row.trend.map((m) => ({ month: formatMonthShort(m.month), value: trendValue(m, query.trend) }))}
                label={`${trendLabels[query.trend]}, ${row.team.name}`}
              />
            </li>
          ))}
        </ul>
      </section>
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to="/definitions">How each figure is defined</Link>
      </p>
    </>
  );
}

function pct(m: MonthFigures): number | null {
  const rate = timeliness(m);
  return rate === null ? null : Math.round(rate * 100);
}

function Changes({ now, previous, lastYear, unit = "" }: { now: number | null; previous: number | null; lastYear: number | null; unit?: string }) {
  return (
    <span className="app-changes govuk-body-s">
      <span className="govuk-visually-hidden">Change on the month before: </span>
      {change(now, previous)}
      {unit && change(now, previous) !== "–" && change(now, previous) !== "no change" ? unit : ""}
      <span aria-hidden="true"> · </span>
      <span className="govuk-visually-hidden">; on the same month last year: </span>
      {change(now, lastYear)}
      {unit && change(now, lastYear) !== "–" && change(now, lastYear) !== "no change" ? unit : ""}
    </span>
  );
}

function OverviewCell({ now, previous, lastYear, href, label }: { now: number | null; previous: number | null; lastYear: number | null; href?: string; label: string }) {
  return (
    <td className="govuk-table__cell app-numeric">
      {href ? (
        <Link className="govuk-link" to={href} aria-label={`${now} ${label}: list the work items`}>
          {now}
        </Link>
      ) : (
        now ?? "–"
      )}
      <Changes now={now} previous={previous} lastYear={lastYear} />
    </td>
  );
}
