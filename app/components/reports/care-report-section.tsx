import { careFigureLabels, type CareFigureKey } from "~/care/care-lists";
import { formatPounds } from "~/care/service-types";
import { formatMonthLong, formatMonthShort, type IsoDate } from "~/dates";
import type { CareFigureLinker } from "~/reports/care-query";
import {
  admissionsChart,
  admissionsTotal,
  careHeadline,
  longTermPeopleChart,
  longTermTotal,
  reviewedShare,
  reviewsChart,
  reviewsSentence,
  weeklyCostChart,
  weeklyTotal,
  type CareReportMonth,
} from "~/reports/care-report";
import { formatPercent } from "~/reports/team-report";
import { ScrollTable } from "../ui/scroll-table";
import { Headers } from "./figure-tables";
import { ReportChart } from "./report-chart";

function MonthCell({ month }: { month: CareReportMonth }) {
  return (
    <th scope="row" className="govuk-table__header app-nowrap">
      {formatMonthShort(month.month)}
      {month.kind === "current" ? " (so far)" : ""}
    </th>
  );
}

/** A care figure that opens its list where the reader may see it; a zero has nothing to open. */
function CareCell({
  month,
  figure,
  value,
  text,
  opens,
  linkTo,
}: {
  month: CareReportMonth;
  figure: CareFigureKey;
  value: number | null;
  text?: string;
  /** Whether there is anything to open (for money, whether any service is behind it). */
  opens?: boolean;
  linkTo?: CareFigureLinker;
}) {
  const shown = text ?? (value === null ? "–" : String(value));
  if (!linkTo || !(opens ?? Boolean(value))) return <td className="govuk-table__cell app-numeric app-nowrap">{shown}</td>;
  return (
    <td className="govuk-table__cell app-numeric app-nowrap">
      <a
        className="govuk-link"
        href={linkTo({ figure, month: month.month })}
        aria-label={`${shown}, ${careFigureLabels[figure].title.toLowerCase()} in ${formatMonthShort(month.month)}: list them`}
      >
        {shown}
      </a>
    </td>
  );
}

const money = (pounds: number | null) => (pounds === null ? "–" : formatPounds(pounds, { pence: false }));

function PeopleTable({ id, months, linkTo }: { id: string; months: CareReportMonth[]; linkTo?: CareFigureLinker }) {
  return (
    <ScrollTable id={id} caption="People in long-term support at each month's end (this month: the as-of date), by setting, and admissions to residential or nursing care">
      <Headers
        labels={["Nursing care", "Residential care", "Community", "Prison", "All long-term", "Admitted aged 18 to 64", "Admitted aged 65 and over", "Admitted, age not known"]}
      />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthCell month={m} />
            <CareCell month={m} figure="people-nursing" value={m.longTermPeople.nursing} linkTo={linkTo} />
            <CareCell month={m} figure="people-residential" value={m.longTermPeople.residential} linkTo={linkTo} />
            <CareCell month={m} figure="people-community" value={m.longTermPeople.community} linkTo={linkTo} />
            <CareCell month={m} figure="people-prison" value={m.longTermPeople.prison} linkTo={linkTo} />
            <CareCell month={m} figure="long-term-clients" value={longTermTotal(m)} linkTo={linkTo} />
            <CareCell month={m} figure="admissions-18-64" value={m.admissions["18-64"]} linkTo={linkTo} />
            <CareCell month={m} figure="admissions-65-plus" value={m.admissions["65+"]} linkTo={linkTo} />
            <CareCell month={m} figure="admissions-unknown" value={m.admissions.unknown} linkTo={linkTo} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function CostTable({ id, months, linkTo }: { id: string; months: CareReportMonth[]; linkTo?: CareFigureLinker }) {
  return (
    <ScrollTable id={id} caption="The weekly cost of the services active at each month's end, by group, its change on the month before, and the average weekly cost of a placement">
      <Headers
        labels={[
          "Long-term support",
          "Short-term support",
          "Unpaid carer support",
          "All support",
          "Change on the month",
          "Services with no cost",
          "Residential placement (average)",
          "Nursing placement (average)",
        ]}
      />
      <tbody className="govuk-table__body">
        {months.map((m, i) => {
          const before = months[i - 1];
          const change = before ? weeklyTotal(m) - weeklyTotal(before) : null;
          return (
            <tr className="govuk-table__row" key={m.month} data-month={m.month}>
              <MonthCell month={m} />
              <CareCell month={m} figure="cost-long-term" value={m.weeklyCost.longTerm} text={money(m.weeklyCost.longTerm)} opens={m.weeklyCost.longTerm !== 0} linkTo={linkTo} />
              <CareCell
                month={m}
                figure="cost-short-term"
                value={m.weeklyCost.shortTerm}
                text={money(m.weeklyCost.shortTerm)}
                opens={m.weeklyCost.shortTerm !== 0}
                linkTo={linkTo}
              />
              <CareCell month={m} figure="cost-carer" value={m.weeklyCost.carer} text={money(m.weeklyCost.carer)} opens={m.weeklyCost.carer !== 0} linkTo={linkTo} />
              <td className="govuk-table__cell app-numeric app-nowrap">{money(weeklyTotal(m))}</td>
              <td className="govuk-table__cell app-numeric app-nowrap">{change === null ? "–" : `${change > 0 ? "+" : ""}${money(change)}`}</td>
              <CareCell month={m} figure="cost-not-known" value={m.costNotKnown} linkTo={linkTo} />
              <CareCell
                month={m}
                figure="placements-residential"
                value={m.averagePlacementCost.residential}
                text={money(m.averagePlacementCost.residential)}
                opens={m.averagePlacementCost.residential !== null}
                linkTo={linkTo}
              />
              <CareCell
                month={m}
                figure="placements-nursing"
                value={m.averagePlacementCost.nursing}
                text={money(m.averagePlacementCost.nursing)}
                opens={m.averagePlacementCost.nursing !== null}
                linkTo={linkTo}
              />
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

function StartedEndedTable({ id, months, linkTo }: { id: string; months: CareReportMonth[]; linkTo?: CareFigureLinker }) {
  return (
    <ScrollTable id={id} caption="Services started and ended each month, with their weekly cost, and one-off costs">
      <Headers labels={["Started", "Their weekly cost", "Ended", "Their weekly cost", "One-off costs"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthCell month={m} />
            <CareCell month={m} figure="started" value={m.started} linkTo={linkTo} />
            <td className="govuk-table__cell app-numeric app-nowrap">{money(m.startedWeeklyCost)}</td>
            <CareCell month={m} figure="ended" value={m.ended} linkTo={linkTo} />
            <td className="govuk-table__cell app-numeric app-nowrap">{money(m.endedWeeklyCost)}</td>
            <CareCell month={m} figure="one-off" value={m.oneOffCost} text={money(m.oneOffCost)} opens={m.oneOffCost !== 0} linkTo={linkTo} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function ReviewsTable({ id, months, linkTo }: { id: string; months: CareReportMonth[]; linkTo?: CareFigureLinker }) {
  return (
    <ScrollTable id={id} caption="Reviews completed each month and the change in weekly cost 28 days after them">
      <Headers labels={["Reviews costed", "Reduced cost", "Increased cost", "Unchanged", "Change in weekly cost", "Too recent to tell"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthCell month={m} />
            <CareCell month={m} figure="reviews-costed" value={m.reviewsCosted} linkTo={linkTo} />
            <CareCell month={m} figure="reviews-reduced" value={m.reviewsReduced} linkTo={linkTo} />
            <CareCell month={m} figure="reviews-increased" value={m.reviewsIncreased} linkTo={linkTo} />
            <CareCell month={m} figure="reviews-unchanged" value={m.reviewsUnchanged} linkTo={linkTo} />
            <td className="govuk-table__cell app-numeric app-nowrap">{m.reviewsCosted === 0 ? "–" : `${m.reviewCostChange > 0 ? "+" : ""}${formatPounds(m.reviewCostChange)}`}</td>
            <CareCell month={m} figure="reviews-too-recent" value={m.reviewsTooRecent} linkTo={linkTo} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function ClientsTable({ id, months, linkTo }: { id: string; months: CareReportMonth[]; linkTo?: CareFigureLinker }) {
  return (
    <ScrollTable id={id} caption="Long-term clients at each month's end, the share reviewed in the last 12 months, and reviews overdue">
      <Headers labels={["Long-term clients", "Reviewed in the last 12 months", "Share reviewed", "Reviews overdue"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthCell month={m} />
            <CareCell month={m} figure="long-term-clients" value={m.longTermClients} linkTo={linkTo} />
            <CareCell month={m} figure="reviewed-in-last-12-months" value={m.reviewedInLast12Months} linkTo={linkTo} />
            <td className="govuk-table__cell app-numeric">{formatPercent(reviewedShare(m))}</td>
            <CareCell month={m} figure="reviews-overdue" value={m.reviewsOverdue} linkTo={linkTo} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The team's (or a worker's) fourth report: the people in care and what their support costs. */
export function CareReportSection({
  months,
  asOf,
  hasServices,
  empty,
  period,
  worker,
  filtered,
  linkTo,
}: {
  months: CareReportMonth[];
  asOf: IsoDate;
  hasServices: boolean;
  /** Whether no care figure is recorded for these months (careReportIsEmpty): said in a sentence, not tables of zeros. */
  empty: boolean;
  /** The months shown, in words ("Sep 2025 to Dec 2026"). */
  period: string;
  worker: { name: string } | null;
  /** Whether the report is narrowed by work type or outcome, which care figures are not. */
  filtered: boolean;
  linkTo?: CareFigureLinker;
}) {
  const last = months.at(-1);
  const headline = careHeadline(months, asOf);
  const reviews = reviewsSentence(months);
  return (
    <section className="app-report-section" aria-labelledby="care-heading">
      <h2 className="govuk-heading-l" id="care-heading">
        Care and support, and what it costs
      </h2>
      {!hasServices ? (
        <p className="govuk-body">
          No services have been loaded yet. The care system's extract carries them as Service rows; once an administrator loads an extract with them, this report shows the people
          in long-term support, what their support costs each week, admissions to residential and nursing care, and what reviews changed.
        </p>
      ) : empty ? (
        <p className="govuk-body">
          No care is recorded {worker ? `with ${worker.name} as worker` : "for this team"} from {period}: no one in long-term support, no services started or ended, and no reviews
          completed or due. Services and reviews count for the team and worker the care system's extract names on them.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            The people {worker ? `${worker.name} supports` : "the team supports"} in long-term care and what their services cost each week, from the services in the care system's
            extract{worker ? ` with ${worker.name} as worker` : ""}.{filtered ? " These figures are not narrowed by work type or outcome." : ""}
          </p>
          {headline && <p className="govuk-body-l">{headline}</p>}
          {reviews && <p className="govuk-body">{reviews}</p>}
          {last && last.reviewsOverdue > 0 && (
            <p className="govuk-body">
              {linkTo ? (
                <a className="govuk-link" href={linkTo({ figure: "reviews-overdue", month: last.month })}>
                  {last.reviewsOverdue} {last.reviewsOverdue === 1 ? "review is" : "reviews are"} overdue
                  {last.kind === "current" ? "" : ` at the end of ${formatMonthLong(last.month)}`}: the work list, most overdue first
                </a>
              ) : (
                `${last.reviewsOverdue} ${last.reviewsOverdue === 1 ? "review is" : "reviews are"} overdue.`
              )}
            </p>
          )}
          <h3 className="govuk-heading-m">People in long-term support</h3>
          <ReportChart spec={longTermPeopleChart(months, linkTo)} tableId="care-people-table" />
          <PeopleTable id="care-people-table" months={months} linkTo={linkTo} />
          <h3 className="govuk-heading-m">Weekly cost</h3>
          <ReportChart spec={weeklyCostChart(months, linkTo)} tableId="care-cost-table" />
          <CostTable id="care-cost-table" months={months} linkTo={linkTo} />
          <StartedEndedTable id="care-started-table" months={months} linkTo={linkTo} />
          <h3 className="govuk-heading-m">Admissions to residential and nursing care</h3>
          <ReportChart spec={admissionsChart(months, linkTo)} tableId="care-people-table" />
          <h3 className="govuk-heading-m">Reviews and money</h3>
          <ReportChart spec={reviewsChart(months, linkTo)} tableId="care-reviews-table" />
          <ReviewsTable id="care-reviews-table" months={months} linkTo={linkTo} />
          <h3 className="govuk-heading-m">Long-term clients and their reviews</h3>
          <ClientsTable id="care-clients-table" months={months} linkTo={linkTo} />
          <p className="govuk-body">{totalAdmissionsWords(months)}</p>
        </>
      )}
    </section>
  );
}

function totalAdmissionsWords(months: CareReportMonth[]): string {
  const total = months.reduce((n, m) => n + admissionsTotal(m), 0);
  return `${total} ${total === 1 ? "admission" : "admissions"} to residential or nursing care in these ${months.length} months. Money is in pounds a week, at the month's end; a service with no unit cost counts as nothing and is listed under "Services with no cost".`;
}
