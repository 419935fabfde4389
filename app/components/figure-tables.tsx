import { formatMonthShort } from "~/dates";
import type { MonthFigures } from "~/metrics/month-figures";
import { formatPercent, timelinessOf, type OutcomeTotal } from "~/reports/team-report";

function Num({ value }: { value: number | null }) {
  return <td className="govuk-table__cell app-numeric">{value === null ? "–" : value}</td>;
}

function MonthHeader({ month }: { month: MonthFigures }) {
  return (
    <th scope="row" className={`govuk-table__header${month.kind === "future" ? " app-future" : ""}`}>
      {formatMonthShort(month.month)}
      {month.kind === "current" ? " (so far)" : month.kind === "future" ? " (coming up)" : ""}
    </th>
  );
}

function ScrollTable({ id, caption, children }: { id: string; caption: string; children: React.ReactNode }) {
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="govuk-table" id={id}>
        <caption className="govuk-table__caption govuk-table__caption--s" id={`${id}-caption`}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

function Headers({ labels }: { labels: string[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        <th scope="col" className="govuk-table__header">Month</th>
        {labels.map((label) => (
          <th scope="col" className="govuk-table__header app-numeric" key={label}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function WorkloadTable({ id, months }: { id: string; months: MonthFigures[] }) {
  return (
    <ScrollTable id={id} caption="Allocated, awaiting allocation and overdue at each month's end (this month: today), and work due in each month">
      <Headers labels={["Allocated", "Awaiting allocation", "Overdue", "Due", "Received"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthHeader month={m} />
            <Num value={m.allocated} />
            <Num value={m.awaitingAllocation} />
            <Num value={m.overdue} />
            <Num value={m.due} />
            <Num value={m.received} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function CompletedTable({ id, months }: { id: string; months: MonthFigures[] }) {
  return (
    <ScrollTable id={id} caption="Work completed each month, on time and late">
      <Headers labels={["Completed", "On time", "Late", "On time rate", "Median days to complete"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthHeader month={m} />
            <Num value={m.completed} />
            <Num value={m.completedOnTime} />
            <Num value={m.completedLate} />
            <td className="govuk-table__cell app-numeric">{timelinessOf(m)}</td>
            <Num value={m.medianDaysToComplete} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function OutcomeGroupTable({ id, months, groups }: { id: string; months: MonthFigures[]; groups: string[] }) {
  return (
    <ScrollTable id={id} caption="Completed assessments by outcome group, each month">
      <Headers labels={[...groups, "All assessments"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => (
          <tr className="govuk-table__row" key={m.month} data-month={m.month}>
            <MonthHeader month={m} />
            {groups.map((g) => (
              <Num key={g} value={m.assessmentOutcomeGroups?.[g] ?? 0} />
            ))}
            <Num value={Object.values(m.assessmentOutcomeGroups ?? {}).reduce((n, v) => n + v, 0)} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function OutcomeTotalsTable({ id, totals, period }: { id: string; totals: OutcomeTotal[]; period: string }) {
  return (
    <ScrollTable id={id} caption={`Every outcome of the assessments completed ${period}`}>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Outcome</th>
          <th scope="col" className="govuk-table__header">Group</th>
          <th scope="col" className="govuk-table__header app-numeric">Assessments</th>
          <th scope="col" className="govuk-table__header app-numeric">Share</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {totals.map((t) => (
          <tr className="govuk-table__row" key={t.outcome}>
            <th scope="row" className="govuk-table__header">{t.outcome}</th>
            <td className="govuk-table__cell">{t.group}</td>
            <Num value={t.count} />
            <td className="govuk-table__cell app-numeric">{formatPercent(t.share)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
