import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DefinitionList } from "~/components/definition-list";
import {
  CompletedTable,
  OutcomeGroupTable,
  OutcomeTotalsTable,
  WorkloadTable,
} from "~/components/figure-tables";
import { ReportChart } from "~/components/report-chart";
import { addMonths, formatDate, formatMonthLong, formatMonthShort, monthOf } from "~/dates";
import { monthlyFigures } from "~/metrics/report.server";
import { outcomeGroupMap } from "~/outcomes.server";
import { figureItemsHref, type FigureQuery } from "~/reports/figure-query";
import { teamContext } from "~/reports/team-context.server";
import {
  completedChart,
  outcomeGroupsSeen,
  outcomesChart,
  outcomeTotals,
  timelinessOf,
  workloadChart,
} from "~/reports/team-report";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.team.name} – Primed` : "Team – Primed" },
];

/** The report covers the last 12 months and the next 3. */
const MONTHS_BACK = 11;
const MONTHS_AHEAD = 3;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, team, query, workers, worker, scope, canOpenItems } = await teamContext(request, params.slug);
  const current = monthOf(query.asOf);
  const months = monthlyFigures(db, scope, {
    from: addMonths(current, -MONTHS_BACK),
    to: addMonths(current, MONTHS_AHEAD),
    asOf: query.asOf,
  });
  return {
    team: { name: team.name, slug: team.slug, typeLabel: team.typeLabel },
    asOf: query.asOf,
    asOfChosen: query.asOfChosen,
    worker,
    workers,
    months,
    outcomeGroups: outcomeGroupMap(db),
    canOpenItems,
  };
}

export default function TeamReport() {
  const { team, asOf, asOfChosen, worker, workers, months, outcomeGroups, canOpenItems } = useLoaderData<typeof loader>();
  const past = months.filter((m) => m.kind !== "future");
  const now = past.at(-1)!;
  const period = `${formatMonthShort(past[0]!.month)} to ${formatMonthShort(now.month)}`;
  const who = worker ? `${worker.name}, ${team.name}` : team.name;
  const linkTo = canOpenItems
    ? (query: FigureQuery) => figureItemsHref(team.slug, query, { asOf, asOfChosen, worker: worker?.id })
    : undefined;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/" }, { label: team.name }]} />
      <span className="govuk-caption-l">{team.typeLabel}</span>
      <h1 className="govuk-heading-xl">{who}</h1>
      <Form method="get" className="app-filters" aria-label="Report options">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="worker">Worker</label>
          <select className="govuk-select" id="worker" name="worker" defaultValue={worker?.id ?? ""}>
            <option value="">Whole team</option>
            {workers.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}{w.active ? "" : " (left)"}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="asOf">Figures as of</label>
          <input className="govuk-input govuk-input--width-10" type="date" id="asOf" name="asOf" defaultValue={asOf} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">Show figures</button>
      </Form>

      <h2 className="govuk-heading-m">{formatMonthLong(now.month)} so far, as of {formatDate(asOf)}</h2>
      <ul className="app-figures" aria-label="This month's headline figures">
        <Headline label="Allocated" value={now.allocated} />
        <Headline label="Awaiting allocation" value={now.awaitingAllocation} />
        <Headline label="Overdue" value={now.overdue} warning={(now.overdue ?? 0) > 0} />
        <Headline label="Due this month" value={now.due} />
        <Headline label="Completed" value={now.completed} />
        <Headline label="On time" value={timelinessOf(now)} />
      </ul>

      <section className="app-report-section" aria-labelledby="workload-heading">
        <h2 className="govuk-heading-l" id="workload-heading">Allocated, due and overdue work by month</h2>
        <p className="govuk-body">What {worker ? "this worker has" : "the team has"} outstanding at each month's end, and what falls due, including the next {MONTHS_AHEAD} months.</p>
        <ReportChart spec={workloadChart(months)} tableId="workload-table" />
        <WorkloadTable id="workload-table" months={months} linkTo={linkTo} />
      </section>

      <section className="app-report-section" aria-labelledby="completed-heading">
        <h2 className="govuk-heading-l" id="completed-heading">Work completed each month</h2>
        <ReportChart spec={completedChart(months)} tableId="completed-table" />
        <CompletedTable id="completed-table" months={past} linkTo={linkTo} />
      </section>

      <section className="app-report-section" aria-labelledby="outcomes-heading">
        <h2 className="govuk-heading-l" id="outcomes-heading">Outcomes of completed assessments</h2>
        <p className="govuk-body">What the Care Act, carer's and short-term assessments completed each month led to.</p>
        <ReportChart spec={outcomesChart(months)} tableId="outcome-groups-table" />
        <OutcomeGroupTable id="outcome-groups-table" months={past} groups={outcomeGroupsSeen(past)} linkTo={linkTo} />
        <OutcomeTotalsTable id="outcome-totals-table" totals={outcomeTotals(past, outcomeGroups)} period={period} />
      </section>

      <details className="govuk-details app-report-section" id="definitions">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How these figures are defined</span>
        </summary>
        <div className="govuk-details__text">
          <DefinitionList />
          <p className="govuk-body">
            <Link className="govuk-link" to="/definitions">All definitions on one page</Link>
          </p>
        </div>
      </details>
    </>
  );
}

function Headline({ label, value, warning }: { label: string; value: number | string | null; warning?: boolean }) {
  return (
    <li className={`app-figure${warning ? " app-figure--warning" : ""}`}>
      <span className="app-figure__value">{value ?? "–"}</span>
      <span className="app-figure__label">{label}</span>
    </li>
  );
}
