import type { ReactNode } from "react";
/* The service overview's parts: the teams that need attention, the headline table and the small multiples of a trend. */
import type { ReportQuery } from "~/reports/report-query";
import { SmallMultiple } from "~/components/reports/small-multiple";
import { SortHeader } from "~/components/ui/sort-header";
import { formatMonthLong } from "~/dates";
import type { FigureKey } from "~/work-figures/definitions";
import { timeliness } from "~/work-figures/month-figures";
import { figureItemsHref } from "~/reports/figure-query";
import type { CareHeadlineFigure, HeadlineChange, TrendFigure } from "~/reports/overview-figures";
import type { OverviewPageRow } from "~/reports/overview-page-rows";
import { careListHref } from "~/reports/care-query";
import type { CareFigureKey } from "~/care/care-lists";
import { formatPounds } from "~/care/service-types";
import type { OverviewSortKey } from "~/reports/service-overview.server";
import { formatPercent } from "~/reports/team-report";
import { ScrollTable } from "~/components/ui/scroll-table";
import { Frozen } from "~/components/ui/frozen";
import { ColumnHeads } from "~/components/ui/column-heads";

export const trendLabels: Record<TrendFigure, string> = {
  overdue: "Overdue",
  allocated: "Allocated",
  awaitingAllocation: "Awaiting allocation",
  completed: "Completed",
  onTime: "On time (%)",
  longTermCost: "Long-term support, weekly cost (£)",
  residential: "People in residential care",
  nursing: "People in nursing care",
  admissions: "Admissions to residential or nursing care",
  reviewedShare: "Long-term clients reviewed in the last 12 months (%)",
  reviewsOverdue: "Reviews overdue",
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
function change(d: number | null, format: (n: number) => string = String): string {
  if (d === null) return "–";
  return d === 0 ? "no change" : d > 0 ? `+${format(d)}` : `−${format(-d)}`;
}

/** The teams that need attention, each with its reasons, before the figures. */
export function OverviewExceptions({
  rows,
  exceptionCount,
  teamCount,
  timelinessTarget,
  reviewedTarget,
  teamHref,
}: {
  rows: readonly OverviewPageRow[];
  exceptionCount: number;
  teamCount: number;
  timelinessTarget: number;
  reviewedTarget: number;
  teamHref: (slug: string) => string;
}) {
  return (
    <section aria-labelledby="exceptions-heading" className="app-exceptions-first">
      <h2 className="govuk-heading-m" id="exceptions-heading">
        {exceptionCount === 0 ? "No team needs attention" : `${exceptionCount} of ${teamCount} teams need attention`}
      </h2>
      <p className="govuk-body" id="exceptions-summary">
        A team needs attention when its overdue work has risen three months running, its work completed on time is below the target of {Math.round(timelinessTarget * 100)}%, or its
        queue awaiting allocation has grown two months running; when its admissions to residential or nursing care have risen three months running, or the share of its long-term
        clients reviewed in the last 12 months is below the target of {Math.round(reviewedTarget * 100)}%; and when the statistics find a special-cause concern in its last finished
        month, or a target its process limits say it will not meet.
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
  );
}

/** What both of the overview's tables show: the same teams, month, comparisons and sort. */
interface OverviewTableProps {
  rows: readonly OverviewPageRow[];
  /** Names the rows in the tables' kept parts (reports/overview-page-rows.ts). */
  rowsDigest: string;
  month: string;
  isCurrent: boolean;
  previous: string;
  lastYear: string;
  report: ReportQuery;
  sort: OverviewSortKey;
  dir: "asc" | "desc";
  search: string;
  teamHref: (slug: string) => string;
}

/**
 * The body of an overview table: a row for each team, headed by its name linking to its report, then `cells`. Drawn only
 * from the rows, the month and the report's query (the links): rendered once for the same figures (components/ui/frozen.tsx).
 */
function TeamRows({
  what,
  rows,
  rowsDigest,
  month,
  report,
  teamHref,
  withType = false,
  children: cells,
}: {
  what: string;
  rows: readonly OverviewPageRow[];
  rowsDigest: string;
  month: string;
  report: ReportQuery;
  teamHref: (slug: string) => string;
  /** Whether the team's type is shown under its name. */
  withType?: boolean;
  children: (row: OverviewPageRow) => ReactNode;
}) {
  return (
    <Frozen as="tbody" what={what} deps={[rowsDigest, month, report]}>
      {/* A function: kept rows are not drawn as 120 rows of React elements again. */}
      {() => (
        <>
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.team.id} data-team={row.team.slug}>
              <th scope="row" className="govuk-table__header">
                <a className="govuk-link" href={teamHref(row.team.slug)}>
                  {row.team.name}
                </a>
                {withType && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{row.team.typeLabel}</span>}
              </th>
              {cells(row)}
            </tr>
          ))}
        </>
      )}
    </Frozen>
  );
}

/** Every team's headline figures for the month, with the change on the month before and on a year before, sortable. */
export function OverviewTable({ rows, rowsDigest, month, isCurrent, previous, lastYear, report, sort, dir, search, teamHref }: OverviewTableProps) {
  // Each figure's heading says, for screen readers too, what the two changes under it are.
  const changesNote = numericNote(previous, lastYear);
  const sortHeader = (key: OverviewSortKey, label: string, numeric = true) => (
    <SortHeader
      key={key}
      column={key}
      label={label}
      note={numeric ? changesNote : undefined}
      numeric={numeric}
      sort={sort}
      dir={dir}
      search={search}
      firstDir={key === "team" ? "asc" : "desc"}
    />
  );
  return (
    <ScrollTable id="teams-table" labelledBy="teams-caption" className="app-overview-table">
      <caption className="govuk-table__caption govuk-table__caption--m" id="teams-caption">
        Headline figures by team, {formatMonthLong(month)}
        {isCurrent ? " so far" : ""}; under each, the change on {previous} and on {lastYear}
      </caption>
      <ColumnHeads
        columns={[
          sortHeader("team", "Team", false),
          ...headline.map((h) => sortHeader(h.key, h.label)),
          sortHeader("onTime", "On time"),
          sortHeader("exceptions", "Needs attention", false),
        ]}
      />
      <TeamRows what="overview-teams-rows" rows={rows} rowsDigest={rowsDigest} month={month} report={report} teamHref={teamHref} withType>
        {(row) => (
          <>
            {headline.map((h) => (
              <OverviewCell
                key={h.key}
                now={row.now[h.key]}
                changes={row.changes[h.key]}
                href={row.canOpenItems && row.now[h.key] ? figureItemsHref(row.team.slug, { figure: h.key, month }, report) : undefined}
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
          </>
        )}
      </TeamRows>
    </ScrollTable>
  );
}

// Short headings, so the table fits a 1024 px window; the caption says what each is, and screen readers hear it in full.
const careColumns: { key: CareHeadlineFigure & OverviewSortKey; label: string; full: string }[] = [
  { key: "longTermCost", label: "Long-term cost a week", full: "the weekly cost of long-term support at the month's end" },
  { key: "residential", label: "Residential care", full: "people in residential care at the month's end" },
  { key: "nursing", label: "Nursing care", full: "people in nursing care at the month's end" },
  { key: "admissions", label: "Admissions", full: "admissions to residential or nursing care in the month" },
  { key: "reviewedShare", label: "Reviewed in 12 months", full: "the share of long-term clients reviewed in the last 12 months" },
  { key: "reviewsOverdue", label: "Reviews overdue", full: "long-term clients whose review is overdue" },
];

/** The list each care column opens (app/care/care-lists.ts). */
const careListOf: Record<CareHeadlineFigure, CareFigureKey> = {
  longTermCost: "cost-long-term",
  admissions: "admissions",
  residential: "people-residential",
  nursing: "people-nursing",
  reviewedShare: "reviewed-in-last-12-months",
  reviewsOverdue: "reviews-overdue",
};

const pounds = (n: number) => formatPounds(n, { pence: false });

/**
 * Every team's care and cost for the month, under the headline table (one table would not fit 1024 px): the same rows in the
 * same order, sorted by the same headings; under each figure, the change on the month before and on a year before.
 */
export function OverviewCareTable({ rows, rowsDigest, month, isCurrent, previous, lastYear, report, sort, dir, search, teamHref }: OverviewTableProps) {
  const changesNote = numericNote(previous, lastYear);
  const hrefOf = (row: OverviewPageRow, key: CareHeadlineFigure): string | undefined => {
    // Nothing to open behind a zero (or no figure), nor for a viewer who may not see the team's lists.
    if (!row.canOpenItems || !row.care[key]) return undefined;
    return careListHref(row.team.slug, { figure: careListOf[key], month }, report);
  };
  return (
    <ScrollTable id="care-table" labelledBy="care-caption" className="app-overview-table app-care-table">
      <caption className="govuk-table__caption govuk-table__caption--m" id="care-caption">
        Care and cost by team, {formatMonthLong(month)}
        {isCurrent ? " so far" : ""}; under each, the change on {previous} and on {lastYear}
        <span className="govuk-caption-m govuk-!-margin-top-1">
          The weekly cost of long-term support and the people in residential and in nursing care at the month&apos;s end
          {isCurrent ? " (so far: on the as-of date)" : ""}, admissions to either in the month, the share of long-term clients reviewed in the last 12 months, and the reviews
          overdue.
        </span>
      </caption>
      <ColumnHeads
        columns={[
          <SortHeader key="team" column="team" label="Team" sort={sort} dir={dir} search={search} firstDir="asc" />,
          ...careColumns.map((c) => (
            <SortHeader key={c.key} column={c.key} label={c.label} note={`: ${c.full}${changesNote}`} numeric sort={sort} dir={dir} search={search} firstDir="desc" />
          )),
        ]}
      />
      <TeamRows what="overview-care-rows" rows={rows} rowsDigest={rowsDigest} month={month} report={report} teamHref={teamHref}>
        {(row) => (
          <>
            <OverviewCell
              now={row.care.longTermCost}
              text={row.care.longTermCost === null ? undefined : pounds(row.care.longTermCost)}
              format={pounds}
              changes={row.careChanges.longTermCost}
              href={hrefOf(row, "longTermCost")}
            />
            <OverviewCell now={row.care.residential} changes={row.careChanges.residential} href={hrefOf(row, "residential")} />
            <OverviewCell now={row.care.nursing} changes={row.careChanges.nursing} href={hrefOf(row, "nursing")} />
            <OverviewCell now={row.care.admissions} changes={row.careChanges.admissions} href={hrefOf(row, "admissions")} />
            <OverviewCell
              now={row.care.reviewedShare}
              text={formatPercent(row.care.reviewedShare)}
              unit=" points"
              changes={row.careChanges.reviewedShare}
              href={hrefOf(row, "reviewedShare")}
            />
            <OverviewCell now={row.care.reviewsOverdue} changes={row.careChanges.reviewsOverdue} href={hrefOf(row, "reviewsOverdue")} />
          </>
        )}
      </TeamRows>
    </ScrollTable>
  );
}

/** One small chart of a trend for each team, each on its own scale. */
export function OverviewTrends({
  rows,
  trend,
  trendMonths,
  teamHref,
}: {
  rows: readonly OverviewPageRow[];
  trend: TrendFigure;
  trendMonths: string[];
  teamHref: (slug: string) => string;
}) {
  return (
    <section className="app-report-section" aria-labelledby="trends-heading">
      <h2 className="govuk-heading-l" id="trends-heading">
        {trendLabels[trend]}: each team's last 12 months
      </h2>
      <p className="govuk-body">Each chart has its own scale (its largest value is under it); the text alternative of each lists its months.</p>
      <ul className="app-small-multiples">
        {rows.map((row) => (
          <li key={row.team.id} className="app-small-multiples__item">
            <a className="govuk-link govuk-body-s govuk-!-font-weight-bold" href={teamHref(row.team.slug)}>
              {row.team.name}
            </a>
            <SmallMultiple values={row.trend.map((value, i) => ({ month: trendMonths[i]!, value }))} label={`${trendLabels[trend]}, ${row.team.name}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The changes on the month before and a year before; the column heading says which is which. */
function Changes({ changes, unit = "", format }: { changes: HeadlineChange; unit?: string; format?: (n: number) => string }) {
  // A part month's flows are not compared with whole months (app/reports/part-month.ts); the note above the table says why.
  if (changes.notCompared) return <span className="app-changes govuk-body-s">not compared (month so far)</span>;
  const withUnit = (text: string) => (unit && text !== "–" && text !== "no change" ? `${text}${unit}` : text);
  // Each change in one piece: where the changes wrap (the care table), they wrap between the two.
  return (
    <span className="app-changes govuk-body-s">
      <span className="app-nowrap">{withUnit(change(changes.previous, format))}</span> · <span className="app-nowrap">{withUnit(change(changes.lastYear, format))}</span>
    </span>
  );
}

// Plain links, not Remix's Link: the overview has about 700 of them, and each Link costs
// router work on the server; following one loads the list as a whole page, which is fine.
function OverviewCell({
  now,
  changes,
  href,
  text,
  unit,
  format,
}: {
  now: number | null;
  changes: HeadlineChange;
  href?: string;
  /** The figure as shown, when not the plain number (money, a share). */
  text?: string;
  unit?: string;
  format?: (n: number) => string;
}) {
  const shown = text ?? now ?? "–";
  return (
    <td className="govuk-table__cell app-numeric">
      {href ? (
        <a className="govuk-link" href={href}>
          {shown}
        </a>
      ) : (
        shown
      )}
      <Changes changes={changes} unit={unit} format={format} />
    </td>
  );
}
