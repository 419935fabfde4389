/*
 * The meeting pack's fourth report: care and support, and what it costs, for
 * the pack's year of months. Drawn on the server like the pack's other charts;
 * the table has every figure.
 */
import type { PackContents } from "~/cycle/pack-contents";
import { formatPounds } from "~/care/service-types";
import { formatMonthLong, formatMonthShort } from "~/dates";
import { colours } from "~/reports/chart-spec";
import { admissionsTotal, careHeadline, reviewedShare, reviewsSentence, type CareReportMonth } from "~/reports/care-report";
import { formatPercent } from "~/reports/team-report";
import { Headers, Num } from "../reports/figure-tables";
import { ScrollTable } from "../ui/scroll-table";
import { PackStackedBars } from "./pack-charts";

const money = (pounds: number | null) => <td className="govuk-table__cell app-numeric app-nowrap">{pounds === null ? "–" : formatPounds(pounds, { pence: false })}</td>;

export function PackCareReport({ pack }: { pack: PackContents }) {
  const care = pack.care ?? [];
  if (care.length === 0) return null;
  const months: CareReportMonth[] = care.map((m) => ({ ...m, kind: "past" }));
  const headline = careHeadline(months, pack.asOf);
  const reviews = reviewsSentence(months);
  const last = months.at(-1)!;
  return (
    <section aria-labelledby="pack-care-heading" className="app-pack__report">
      <h3 className="govuk-heading-m" id="pack-care-heading">
        Care and support, and what it costs
      </h3>
      {headline && <p className="govuk-body">{headline}</p>}
      {reviews && <p className="govuk-body">{reviews}</p>}
      <p className="govuk-body">
        {last.reviewsOverdue} {last.reviewsOverdue === 1 ? "review was" : "reviews were"} overdue at the end of {formatMonthLong(last.month)}; {formatPercent(reviewedShare(last))}{" "}
        of long-term clients had been reviewed in the 12 months before.
      </p>
      <PackStackedBars
        id="pack-care-chart"
        summary={`People in long-term support at each month's end by setting, ${formatMonthShort(months[0]!.month)} to ${formatMonthShort(last.month)}. The table below has every figure.`}
        months={months.map((m) => m.month)}
        parts={[
          { label: "Nursing care", values: months.map((m) => m.longTermPeople.nursing), colour: colours.darkBlue },
          { label: "Residential care", values: months.map((m) => m.longTermPeople.residential), colour: colours.purple, hatched: true },
          { label: "Community", values: months.map((m) => m.longTermPeople.community + m.longTermPeople.prison), colour: colours.turquoise },
        ]}
      />
      <ScrollTable id="pack-care-table" caption="People in long-term support and what their support cost a week at each month's end; admissions and reviews in each month">
        <Headers
          labels={[
            "Nursing care",
            "Residential care",
            "Community or prison",
            "Long-term support a week",
            "All support a week",
            "Admissions",
            "Reviews costed",
            "Change after reviews",
            "Reviewed in 12 months",
            "Reviews overdue",
          ]}
        />
        <tbody className="govuk-table__body">
          {months.map((m) => (
            <tr className="govuk-table__row" key={m.month} data-month={m.month}>
              <th scope="row" className="govuk-table__header">
                {formatMonthShort(m.month)}
              </th>
              <Num value={m.longTermPeople.nursing} />
              <Num value={m.longTermPeople.residential} />
              <Num value={m.longTermPeople.community + m.longTermPeople.prison} />
              {money(m.weeklyCost.longTerm)}
              {money(m.weeklyCost.longTerm + m.weeklyCost.shortTerm + m.weeklyCost.carer)}
              <Num value={admissionsTotal(m)} />
              <Num value={m.reviewsCosted} />
              {money(m.reviewsCosted === 0 ? null : m.reviewCostChange)}
              <td className="govuk-table__cell app-numeric">{formatPercent(reviewedShare(m))}</td>
              <Num value={m.reviewsOverdue} />
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
