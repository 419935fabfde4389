import type { IsoDate } from "~/dates";
import type { ActionRow } from "./queries.server";
import { actionStateText, actionStatusLabels, isEscalated, isOverdue } from "./action-rules";

/** One action as the tables show it; the loader works out its state with the action rules. */
export interface ActionListItem {
  id: number;
  title: string;
  ownerName: string;
  teamName: string;
  deadline: string;
  /** "Overdue by 3 days", "Due in 5 days", "Done". */
  stateText: string;
  overdue: boolean;
  escalated: boolean;
  statusLabel: string;
}

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
