import { ActionsTable, type ActionListItem } from "./actions-table";

/** "Did it work?": the actions meant to move a measure, under its chart, whose stars mark the month each was done. */
export function LinkedActions({ actions }: { actions: ActionListItem[] }) {
  return (
    <div id="linked-actions">
      <h3 className="govuk-heading-m">Actions linked to this measure</h3>
      {actions.length === 0 ? (
        <p className="govuk-body">No action is linked to this measure yet. Link one when it is agreed, and the chart will mark the month it is done.</p>
      ) : (
        <ActionsTable actions={actions} caption="A star on the chart marks the month each was done: did the figure move after it?" showTeam />
      )}
    </div>
  );
}
