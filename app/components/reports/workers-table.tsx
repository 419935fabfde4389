import { formatDate } from "~/dates";
import type { FigureLinker } from "~/reports/figure-query";
import { formatPercent } from "~/reports/team-report";
import type { WorkerLoadRow } from "~/reports/workers-load.server";
import { FigureCell } from "./figure-tables";
import { ScrollTable } from "../ui/scroll-table";
import { Sparkline } from "../charts/sparkline";
import { ColumnHeads } from "~/components/ui/column-heads";

/**
 * The team's workers, one row each; figures open to the worker's own items.
 * Plain links, as in the figure tables: a Remix Link costs router work for each of a hundred rows.
 */
export function WorkersTable({
  id,
  rows,
  month,
  workerHref,
  noteHref,
  linkTo,
}: {
  id: string;
  rows: WorkerLoadRow[];
  month: string;
  workerHref: (workerId: number) => string;
  noteHref?: (workerId: number) => string;
  linkTo?: (workerId: number) => FigureLinker;
}) {
  return (
    <ScrollTable id={id} caption="Each worker's load now, their work completed this month, and their allocated work over 12 months">
      <ColumnHeads
        columns={[
          "Worker",
          { label: "Open (allocated)", numeric: true },
          { label: "Due in the next 14 days", numeric: true },
          { label: "Overdue", numeric: true },
          { label: "Completed this month", numeric: true },
          { label: "On time", numeric: true },
          "Allocated, last 12 months",
          "Manager's note on load",
        ]}
      />
      <tbody className="govuk-table__body">
        {rows.map((row) => {
          const link = linkTo?.(row.id);
          return (
            <tr className="govuk-table__row" key={row.id} data-worker={row.id}>
              <th scope="row" className="govuk-table__header">
                <a className="govuk-link" href={workerHref(row.id)}>
                  {row.name}
                </a>
                {row.active ? null : <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Left the team</span>}
              </th>
              <FigureCell value={row.open} query={{ figure: "allocated", month }} linkTo={link} description={`open items allocated to ${row.name}`} />
              <td className="govuk-table__cell app-numeric">{row.dueSoon}</td>
              <FigureCell value={row.overdue} query={{ figure: "overdue", month }} linkTo={link} description={`overdue items of ${row.name}`} />
              <FigureCell value={row.completed} query={{ figure: "completed", month }} linkTo={link} description={`items ${row.name} completed this month`} />
              <td className="govuk-table__cell app-numeric">{formatPercent(row.onTimeRate)}</td>
              <td className="govuk-table__cell">
                <Sparkline points={row.trend.map((t) => ({ month: t.month, value: t.allocated }))} label={`Allocated to ${row.name} at each month's end`} />
              </td>
              <td className="govuk-table__cell app-note-cell">
                {row.latestNote ? (
                  <>
                    {row.latestNote.note}
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                      {row.latestNote.by}, {formatDate(row.latestNote.at.slice(0, 10))}
                    </span>
                  </>
                ) : null}
                {noteHref && (
                  <a className="govuk-link govuk-body-s app-no-print" href={noteHref(row.id)}>
                    {row.latestNote ? "Notes" : "Add a note"}
                    <span className="govuk-visually-hidden"> on {row.name}'s load</span>
                  </a>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
