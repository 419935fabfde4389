import { Link } from "@remix-run/react";
import { formatShortDate } from "~/dates";
import { urgencyLabels, type Urgency } from "~/work-figures/urgency";
import type { MyWork } from "~/my-work/my-work.server";
import { ActionsTable } from "~/components/actions/actions-table";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

const urgencyTags: Record<Urgency, { label: string; className: string }> = {
  overdue: { label: urgencyLabels.overdue, className: "govuk-tag--red" },
  due_soon: { label: urgencyLabels.due_soon, className: "govuk-tag--yellow" },
  later: { label: urgencyLabels.later, className: "govuk-tag--grey" },
};

function daysToDue(days: number): string {
  if (days < 0) return `${-days} ${days === -1 ? "day" : "days"} late`;
  if (days === 0) return "Due today";
  return `${days} ${days === 1 ? "day" : "days"}`;
}

/** A worker's open work, most urgent first. */
export function OpenWorkTable({ rows }: { rows: MyWork["open"] }) {
  return (
    <ScrollTable id="open-work" labelledBy="open-heading">
      <ColumnHeads columns={["Reference", "Person", "Work type", "Received", "Due", { label: "Days to due", numeric: true }, "Status"]} />
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.id} data-urgency={row.urgency}>
            <th scope="row" className="govuk-table__header app-nowrap">
              {row.sourceRef}
            </th>
            <td className="govuk-table__cell">{row.personRef}</td>
            <td className="govuk-table__cell">{row.workType}</td>
            <td className="govuk-table__cell app-nowrap">{formatShortDate(row.receivedOn)}</td>
            <td className="govuk-table__cell app-nowrap">{formatShortDate(row.dueOn)}</td>
            <td className="govuk-table__cell app-numeric">{daysToDue(row.daysToDue)}</td>
            <td className="govuk-table__cell">
              <strong className={`govuk-tag ${urgencyTags[row.urgency].className}`}>{urgencyTags[row.urgency].label}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The work a worker completed in the month. */
export function CompletedWorkTable({ rows }: { rows: MyWork["completed"] }) {
  return (
    <ScrollTable id="completed-work" labelledBy="completed-heading">
      <ColumnHeads columns={["Reference", "Work type", "Due", "Completed", "Outcome", "On time"]} />
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.id}>
            <th scope="row" className="govuk-table__header app-nowrap">
              {row.sourceRef}
            </th>
            <td className="govuk-table__cell">{row.workType}</td>
            <td className="govuk-table__cell app-nowrap">{formatShortDate(row.dueOn)}</td>
            <td className="govuk-table__cell app-nowrap">{row.completedOn ? formatShortDate(row.completedOn) : "–"}</td>
            <td className="govuk-table__cell">{row.outcome ?? "–"}</td>
            <td className="govuk-table__cell">{row.onTime ? "On time" : "Late"}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** My work for someone above the teams: the actions they own. */
export function ActionsIOwn({ name, ownedActions }: { name: string; ownedActions: Parameters<typeof ActionsTable>[0]["actions"] }) {
  return (
    <>
      <h1 className="govuk-heading-xl">My work</h1>
      <p className="govuk-body-l">{name}: the actions you own. Your sign-in is not a worker in a team, so there is no casework to show.</p>
      <h2 className="govuk-heading-l" id="my-actions-heading">
        Actions I own
      </h2>
      {ownedActions.length === 0 ? (
        <p className="govuk-body">You own no open actions.</p>
      ) : (
        <ActionsTable id="my-actions" actions={ownedActions} caption={`${ownedActions.length} open, soonest deadline first`} showTeam showOwner={false} />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/actions">
          Every team's actions: the action tracker
        </Link>
        {" · "}
        <Link className="govuk-link" to="/account/calendar">
          Put my action deadlines in my calendar
        </Link>
      </p>
    </>
  );
}
