import { formatMonthShort } from "~/dates";
import { NOT_RECORDED } from "~/work-figures/definitions";
import { figureValue, type MonthFigures, type RouteFigures } from "~/work-figures/month-figures";
import { requestLedTo } from "~/reference-data/reference-data";
import type { FigureLinker } from "~/reports/figure-query";
import { formatPercent } from "~/reports/team-report";
import { FigureCell, Headers, MonthHeader } from "./figure-tables";
import { ScrollTable } from "../ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

/** Requests received and completed each month, and the share completed within the request timescale. */
export function RequestsTable({ id, months, linkTo }: { id: string; months: MonthFigures[]; linkTo?: FigureLinker }) {
  return (
    <ScrollTable id={id} caption="Requests received and completed each month, and completed within timescale">
      <Headers labels={["Received", "Completed", "Within timescale", "Within timescale rate"]} />
      <tbody className="govuk-table__body">
        {months.map((m) => {
          const completed = figureValue(m, "requestsCompleted");
          const onTime = figureValue(m, "requestsCompletedOnTime");
          return (
            <tr className="govuk-table__row" key={m.month} data-month={m.month}>
              <MonthHeader month={m} />
              {(["requestsReceived", "requestsCompleted", "requestsCompletedOnTime"] as const).map((figure) => (
                <FigureCell
                  key={figure}
                  value={figureValue(m, figure)}
                  query={{ figure, month: m.month }}
                  linkTo={linkTo}
                  description={`${figure === "requestsReceived" ? "requests received" : figure === "requestsCompleted" ? "requests completed" : "requests completed within timescale"} in ${formatMonthShort(m.month)}`}
                />
              ))}
              <td className="govuk-table__cell app-numeric">{completed ? formatPercent((onTime ?? 0) / completed) : "–"}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

/** By route of access over the report's months: received, completed within timescale, and what completed requests led to. */
export function RoutesTable({ id, routes, period, linkTo }: { id: string; routes: (RouteFigures & { route: string })[]; period: string; linkTo?: FigureLinker }) {
  const answers = [...requestLedTo, NOT_RECORDED].filter((answer) => routes.some((r) => r.ledTo[answer]));
  return (
    <ScrollTable id={id} caption={`Requests by route of access, ${period}: received, completed within timescale, and what they led to`}>
      <ColumnHeads
        columns={[
          "Route of access",
          { label: "Received", numeric: true },
          { label: "Completed", numeric: true },
          { label: "Within timescale", numeric: true },
          ...answers.map((answer) => ({ label: answer, numeric: true })),
        ]}
      />
      <tbody className="govuk-table__body">
        {routes.map((r) => (
          <tr className="govuk-table__row" key={r.route} data-route={r.route}>
            <th scope="row" className="govuk-table__header">
              {r.route}
            </th>
            <FigureCell
              value={r.received}
              query={{ figure: "requestsReceived", routeOfAccess: r.route }}
              linkTo={linkTo}
              description={`requests received by ${r.route}, ${period}`}
            />
            <FigureCell
              value={r.completed}
              query={{ figure: "requestsCompleted", routeOfAccess: r.route }}
              linkTo={linkTo}
              description={`requests completed from ${r.route}, ${period}`}
            />
            <td className="govuk-table__cell app-numeric">{r.completed ? `${r.completedOnTime} (${formatPercent(r.completedOnTime / r.completed)})` : "–"}</td>
            {answers.map((answer) => (
              <FigureCell
                key={answer}
                value={r.ledTo[answer] ?? 0}
                query={{ figure: "requestsCompleted", routeOfAccess: r.route, ledTo: answer }}
                linkTo={linkTo}
                description={`requests from ${r.route} that led to ${answer}, ${period}`}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
