import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { formatDate, formatMonthLong, formatShortDate, type IsoDate } from "~/dates";
import { figures } from "~/metrics/definitions";
import { requireAllowed } from "~/people/guard.server";
import { figureItems } from "~/reports/figure-items.server";
import { parseFigureQuery } from "~/reports/figure-query";
import { explainBadAddress, teamContext } from "~/reports/team-context.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} – ${data.team.name} – Primed` : "Work items – Primed" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, team, query, worker, scope } = await teamContext(request, params.slug);
  requireAllowed(user, "view", "work-items", scope);
  const figureQuery = explainBadAddress(() => parseFigureQuery(new URL(request.url)));
  const definition = figures[figureQuery.figure];
  const filterLabel = figureQuery.outcome ?? figureQuery.outcomeGroup;
  const backParams = new URLSearchParams();
  if (query.asOfChosen) backParams.set("asOf", query.asOf);
  if (worker) backParams.set("worker", String(worker.id));
  return {
    team: { name: team.name, slug: team.slug },
    worker,
    asOf: query.asOf,
    month: figureQuery.month,
    title: `${definition.label}${filterLabel ? `: ${filterLabel}` : ""}, ${formatMonthLong(figureQuery.month)}`,
    definition: definition.definition,
    backHref: `/teams/${team.slug}${backParams.size ? `?${backParams}` : ""}`,
    items: figureItems(db, scope, figureQuery, query.asOf),
  };
}

function Day({ value }: { value: IsoDate | null }) {
  return <td className="govuk-table__cell app-nowrap">{value ? formatShortDate(value) : "–"}</td>;
}

export default function FigureItems() {
  const { team, worker, asOf, title, definition, backHref, items } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/" }, { label: team.name, to: backHref }, { label: "Work items" }]} />
      <span className="govuk-caption-l">{worker ? `${worker.name}, ${team.name}` : team.name}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        <strong>{items.length}</strong> work {items.length === 1 ? "item" : "items"}, as of {formatDate(asOf)}. {definition}
      </p>
      {items.length === 0 ? (
        <p className="govuk-body">There are no work items behind this figure.</p>
      ) : (
        <div className="app-table-scroll" tabIndex={0} role="region" aria-labelledby="items-caption">
          <table className="govuk-table govuk-table--small-text-until-tablet" id="items-table">
            <caption className="govuk-table__caption govuk-table__caption--s" id="items-caption">
              The work items behind this figure, by due date
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {["Reference", "Person", "Work type", "Worker", "Received", "Allocated", "Due", "Completed", "Outcome"].map((h) => (
                  <th scope="col" className="govuk-table__header" key={h}>{h}</th>
                ))}
                <th scope="col" className="govuk-table__header app-numeric">Days open</th>
                <th scope="col" className="govuk-table__header app-numeric">Days late</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map((item) => (
                <tr className="govuk-table__row" key={item.id} data-ref={item.sourceRef}>
                  <th scope="row" className="govuk-table__header app-nowrap">{item.sourceRef}</th>
                  <td className="govuk-table__cell">{item.personRef}</td>
                  <td className="govuk-table__cell">{item.workType}</td>
                  <td className="govuk-table__cell">{item.worker ?? "Not allocated"}</td>
                  <Day value={item.receivedOn} />
                  <Day value={item.allocatedOn} />
                  <Day value={item.dueOn} />
                  <Day value={item.completedOn} />
                  <td className="govuk-table__cell">{item.outcome ?? "–"}</td>
                  <td className="govuk-table__cell app-numeric">{item.daysOpen}</td>
                  <td className="govuk-table__cell app-numeric">{item.daysLate || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={backHref}>Back to {team.name}'s report</Link>
      </p>
    </>
  );
}
