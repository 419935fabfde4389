import type { ActionListItem } from "~/actions/action-view";
import { ActionsTable } from "./actions-table";

/** "Did it work?": the actions meant to move a measure, under its chart, whose stars mark the month each was done. */
export function LinkedActions({ actions, headingLevel = 3 }: { actions: ActionListItem[]; headingLevel?: 2 | 3 }) {
  // The heading's level follows the page's outline: a level under the chart's section, or under the page's own heading.
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div id="linked-actions">
      <Heading className="govuk-heading-m">Actions linked to this measure</Heading>
      {actions.length === 0 ? (
        <p className="govuk-body">No action is linked to this measure yet. Link one when it is agreed, and the chart will mark the month it is done.</p>
      ) : (
        <ActionsTable actions={actions} caption="A star on the chart marks the month each was done: did the figure move after it?" showTeam />
      )}
    </div>
  );
}
