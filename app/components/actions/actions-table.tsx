import { formatDate } from "~/dates";
import type { ActionListItem } from "~/actions/action-view";
import { ScrollTable } from "../ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

/**
 * A list of actions: each opens its page. Overdue and escalated actions are
 * flagged in words as well as colour, so the flag survives greyscale printing.
 */
export function ActionsTable({
  actions,
  caption,
  showTeam = false,
  showOwner = true,
  id,
}: {
  actions: ActionListItem[];
  caption: string;
  showTeam?: boolean;
  showOwner?: boolean;
  id?: string;
}) {
  return (
    <ScrollTable id={id} caption={caption} className="app-actions-table">
      <ColumnHeads columns={["Action", showTeam && "Team", showOwner && "Owner", "Deadline", "Status"]} />
      <tbody className="govuk-table__body">
        {actions.map((action) => (
          <tr key={action.id} className="govuk-table__row" data-action-id={action.id}>
            <td className="govuk-table__cell">
              <a className="govuk-link" href={`/actions/${action.id}`}>
                {action.title}
              </a>
            </td>
            {showTeam && <td className="govuk-table__cell">{action.teamName}</td>}
            {showOwner && <td className="govuk-table__cell">{action.ownerName}</td>}
            <td className="govuk-table__cell app-nowrap">{formatDate(action.deadline)}</td>
            <td className="govuk-table__cell">
              <ActionState action={action} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function ActionState({ action }: { action: Pick<ActionListItem, "stateText" | "overdue" | "escalated" | "statusLabel"> }) {
  return (
    <>
      {action.overdue ? <strong className="govuk-tag govuk-tag--red app-tag-flag">{action.stateText}</strong> : <span>{action.stateText}</span>}
      {action.statusLabel === "In progress" && <span className="app-secondary-text"> (in progress)</span>}
      {action.escalated && (
        <>
          {" "}
          <strong className="govuk-tag govuk-tag--orange app-tag-flag">Escalated</strong>
        </>
      )}
    </>
  );
}
