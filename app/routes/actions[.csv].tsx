import type { LoaderFunctionArgs } from "@remix-run/node";
import { actionShowLabels } from "~/actions/action-forms";
import { actionStateText, actionStatusLabels, daysOverdue, isEscalated } from "~/actions/action-rules";
import { trackerContext } from "~/actions/tracker-context.server";
import { formatDate } from "~/dates";
import { siteOrigin } from "~/http/site-origin.server";
import { csvResponse } from "~/reports/csv-export.server";
import { downloadLoader } from "~/http/download-loader.server";

/** The tracker's list as CSV, with the same filters as the page. */
export const loader = downloadLoader(async ({ request }: LoaderFunctionArgs) => {
  const { tracker, filter, today } = await trackerContext(request);
  const about: [string, string][] = [
    ["Actions", actionShowLabels[filter.show]],
    ["Team", tracker.team?.name ?? "Every team"],
    ["As of", formatDate(today)],
  ];
  const header = ["Action", "Team", "Owner", "Deadline", "Status", "State", "Days overdue", "Escalated", "Reason for escalating", "Done on", "From month", "Address"];
  const origin = siteOrigin(request);
  const rows = tracker.actions.map((a) => [
    a.title,
    a.teamName,
    a.ownerName,
    a.deadline,
    actionStatusLabels[a.status],
    actionStateText(a, today),
    daysOverdue(a, today),
    isEscalated(a) ? "Yes" : "No",
    a.escalationReason,
    a.completedOn,
    a.month,
    `${origin}/actions/${a.id}`,
  ]);
  return csvResponse(`actions-${filter.team ?? "every-team"}-${filter.show}-as-of-${today}.csv`, about, header, rows);
});
