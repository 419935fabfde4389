import type { IsoDate } from "~/dates";
import type { ActionListItem } from "~/components/actions/actions-table";
import type { ActionRow } from "./actions.server";
import { actionStateText, actionStatusLabels, isEscalated, isOverdue } from "./action-rules";

/** An action as a list shows it, its state worked out as of `today`. */
export function actionListItem(row: ActionRow, today: IsoDate): ActionListItem {
  return {
    id: row.id,
    title: row.title,
    ownerName: row.ownerName,
    teamName: row.teamName,
    deadline: row.deadline,
    stateText: actionStateText(row, today),
    overdue: isOverdue(row, today),
    escalated: isEscalated(row),
    statusLabel: actionStatusLabels[row.status],
  };
}
