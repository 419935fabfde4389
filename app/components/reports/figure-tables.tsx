import { ScrollTable } from "../ui/scroll-table";
import { formatMonthShort } from "~/dates";
import { figures, type FigureKey } from "~/work-figures/definitions";
import type { MonthFigures } from "~/work-figures/month-figures";
import type { FigureLinker, FigureQuery } from "~/reports/figure-query";
import { formatPercent, timelinessOf, type OutcomeTotal } from "~/reports/team-report";
import { ColumnHeads } from "~/components/ui/column-heads";

export type { FigureLinker };

export function Num({ value }: { value: number | null }) {
  return <td className="govuk-table__cell app-numeric">{value === null ? "–" : value}</td>;
}

/** A figure that opens to its work items; a zero or an empty cell has nothing to open. */
export function FigureCell({ value, query, linkTo, description }: { value: number | null; query: FigureQuery; linkTo?: FigureLinker; description: string }) {
  if (!value || !linkTo) return <Num value={value} />;
  // A plain link: a report has a hundred or more, and Remix's Link costs router work for each.
  return (
    <td className="govuk-table__cell app-numeric">
      <a className="govuk-link" href={linkTo(query)} aria-label={`${value} ${description}: list the work items`}>
        {value}
      </a>
    </td>
  );
}

function cell(m: MonthFigures, figure: FigureKey, linkTo: FigureLinker | undefined, value: number | null) {
  return (
    <FigureCell
      key={figure}
      value={value}
      query={{ figure, month: m.month }}
      linkTo={linkTo}
      description={`${figures[figure].label.toLowerCase()} in ${formatMonthShort(m.month)}`}
    />
  );
}

export function MonthHeader({ month }: { month: MonthFigures }) {
  return (
    <th scope="row" className={`govuk-table__header${month.kind === "future" ? " app-future" : ""}`}>
      {formatMonthShort(month.month)}
      {month.kind === "current" ? " (so far)" : month.kind === "future" ? " (coming up)" : ""}
    </th>
  );
}

export function Headers({ labels }: { labels: string[] }) {
  return <ColumnHeads columns={["Month", ...labels.map((label) => ({ label, numeric: true }))]} />;
}

export function WorkloadTable({ id, months, linkTo }: { id: string; months: MonthFigures[]; linkTo?: FigureLinker }) {
  return (
    <ScrollTable id={id} caption="Allocated, awaiting allocation and overdue at each month's end (this month: today), and work due in each month">
      <Headers labels={["Allocated", "Awaiting allocation", "Overdue", "Due", "Received"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthHeader month={m} />
            {cell(m, "allocated", linkTo, m.allocated)}
            {cell(m, "awaitingAllocation", linkTo, m.awaitingAllocation)}
            {cell(m, "overdue", linkTo, m.overdue)}
            {cell(m, "due", linkTo, m.due)}
            {cell(m, "received", linkTo, m.received)}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function CompletedTable({ id, months, linkTo }: { id: string; months: MonthFigures[]; linkTo?: FigureLinker }) {
  return (
    <ScrollTable id={id} caption="Work completed each month, on time and late">
      <Headers labels={["Completed", "On time", "Late", "On time rate", "Median days to complete"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthHeader month={m} />
            {cell(m, "completed", linkTo, m.completed)}
            {cell(m, "completedOnTime", linkTo, m.completedOnTime)}
            {cell(m, "completedLate", linkTo, m.completedLate)}
            <td className="govuk-table__cell app-numeric">{timelinessOf(m)}</td>
            <Num value={m.medianDaysToComplete} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function OutcomeGroupTable({ id, months, groups, linkTo }: { id: string; months: MonthFigures[]; groups: string[]; linkTo?: FigureLinker }) {
  return (
    <ScrollTable id={id} caption="Completed assessments by outcome group, each month">
      <Headers labels={[...groups, "All assessments"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthHeader month={m} />
            {groups.map((g) => (
              <FigureCell
                key={g}
                value={m.assessmentOutcomeGroups?.[g] ?? 0}
                query={{ figure: "assessmentsCompleted", month: m.month, outcomeGroup: g }}
                linkTo={linkTo}
                description={`assessments completed in ${formatMonthShort(m.month)} with outcome ${g}`}
              />
            ))}
            {cell(
              m,
              "assessmentsCompleted",
              linkTo,
              Object.values(m.assessmentOutcomeGroups ?? {}).reduce((n, v) => n + v, 0),
            )}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** Each outcome of the completed assessments, with its group, count and share: the team report's and the meeting pack's. */
export function OutcomeTotalsTable({ id, totals, caption }: { id: string; totals: OutcomeTotal[]; caption: string }) {
  return (
    <ScrollTable id={id} caption={caption}>
      <ColumnHeads columns={["Outcome", "Group", { label: "Assessments", numeric: true }, { label: "Share", numeric: true }]} />
      <tbody className="govuk-table__body">
        {totals.map((t) => (
          <tr className="govuk-table__row" key={t.outcome}>
            <th scope="row" className="govuk-table__header">
              {t.outcome}
            </th>
            <td className="govuk-table__cell">{t.group}</td>
            <Num value={t.count} />
            <td className="govuk-table__cell app-numeric">{formatPercent(t.share)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
