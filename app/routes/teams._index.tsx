import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatMonthLong, monthOf } from "~/dates";
import { getDb } from "~/db.server";
import { figuresByTeam } from "~/metrics/report.server";
import { teamTypeLabels } from "~/reference-data";
import { parseReportQuery } from "~/reports/report-query";
import { explainBadAddress } from "~/reports/team-context.server";
import { timelinessOf } from "~/reports/team-report";
import { requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { listTeams } from "~/teams.server";

export const meta: MetaFunction = () => [{ title: "Teams – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = explainBadAddress(() => parseReportQuery(new URL(request.url)));
  const db = getDb();
  const month = monthOf(query.asOf);
  const figures = figuresByTeam(db, month, query.asOf);
  const teams = listTeams(db)
    .filter((team) => can(user, "view", "team-figures", { teamId: team.id }))
    .map((team) => ({
    ...team,
    typeLabel: teamTypeLabels[team.type],
    figures: figures.get(team.id)!,
  }));
  return { asOf: query.asOf, asOfChosen: query.asOfChosen, month, teams };
}

export default function Teams() {
  const { asOf, asOfChosen, month, teams } = useLoaderData<typeof loader>();
  const total = (pick: (f: (typeof teams)[number]["figures"]) => number | null) =>
    teams.reduce((n, t) => n + (pick(t.figures) ?? 0), 0);
  return (
    <>
      <span className="govuk-caption-l">{formatMonthLong(month)}</span>
      <h1 className="govuk-heading-xl">Teams</h1>
      <p className="govuk-body-l">
        Every team's work this month, as of {formatDate(asOf)}. Open a team for its three reports:
        allocated, due and overdue work; work completed; and what completed assessments led to.
      </p>
      <Form method="get" className="app-filters" aria-label="Choose the as-of date">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="asOf">
            Figures as of
          </label>
          <input className="govuk-input govuk-input--width-10" type="date" id="asOf" name="asOf" defaultValue={asOf} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show figures
        </button>
      </Form>
      <div className="app-table-scroll" tabIndex={0} role="region" aria-labelledby="teams-caption">
        <table className="govuk-table" id="teams-table">
          <caption className="govuk-table__caption govuk-table__caption--m" id="teams-caption">
            Headline figures by team, {formatMonthLong(month)}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Team</th>
              <th scope="col" className="govuk-table__header app-numeric">Allocated</th>
              <th scope="col" className="govuk-table__header app-numeric">Awaiting allocation</th>
              <th scope="col" className="govuk-table__header app-numeric">Overdue</th>
              <th scope="col" className="govuk-table__header app-numeric">Due this month</th>
              <th scope="col" className="govuk-table__header app-numeric">Completed this month</th>
              <th scope="col" className="govuk-table__header app-numeric">On time</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {teams.map((team) => (
              <tr className="govuk-table__row" key={team.id} data-team={team.slug}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/teams/${team.slug}${asOfChosen ? `?asOf=${asOf}` : ""}`}>
                    {team.name}
                  </Link>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{team.typeLabel}</span>
                </th>
                <td className="govuk-table__cell app-numeric">{team.figures.allocated}</td>
                <td className="govuk-table__cell app-numeric">{team.figures.awaitingAllocation}</td>
                <td className="govuk-table__cell app-numeric">{team.figures.overdue}</td>
                <td className="govuk-table__cell app-numeric">{team.figures.due}</td>
                <td className="govuk-table__cell app-numeric">{team.figures.completed}</td>
                <td className="govuk-table__cell app-numeric">{timelinessOf(team.figures)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">All teams</th>
              <td className="govuk-table__cell app-numeric">{total((f) => f.allocated)}</td>
              <td className="govuk-table__cell app-numeric">{total((f) => f.awaitingAllocation)}</td>
              <td className="govuk-table__cell app-numeric">{total((f) => f.overdue)}</td>
              <td className="govuk-table__cell app-numeric">{total((f) => f.due)}</td>
              <td className="govuk-table__cell app-numeric">{total((f) => f.completed)}</td>
              <td className="govuk-table__cell app-numeric">
                {timelinessOf({ completed: total((f) => f.completed), completedOnTime: total((f) => f.completedOnTime) })}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="govuk-body">
        <Link className="govuk-link" to="/definitions">
          How each figure is defined
        </Link>
      </p>
    </>
  );
}
