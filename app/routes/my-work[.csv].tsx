import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatDate } from "~/dates";
import { urgencyLabels } from "~/work-figures/urgency";
import { myWorkOfSignedIn } from "~/my-work/my-work-context.server";
import { csvResponse, type CsvCell } from "~/reports/csv-export.server";
import { downloadLoader } from "~/http/download-loader.server";

/** A worker's own open work (most urgent first) and what they completed this month, as CSV. */
export const loader = downloadLoader(async ({ request }: LoaderFunctionArgs) => {
  const { name, team, work } = await myWorkOfSignedIn(request);
  const header = ["List", "Reference", "Person", "Work type", "Received", "Due", "Completed", "Days to due", "Status"];
  const rows: CsvCell[][] = [
    ...work.open.map((row) => ["Open", row.sourceRef, row.personRef, row.workType, row.receivedOn, row.dueOn, null, row.daysToDue, urgencyLabels[row.urgency]]),
    ...work.completed.map((row) => [
      "Completed this month",
      row.sourceRef,
      row.personRef,
      row.workType,
      row.receivedOn,
      row.dueOn,
      row.completedOn,
      null,
      row.onTime ? "On time" : "Late",
    ]),
  ];
  return csvResponse(
    `my-work-as-of-${work.asOf}.csv`,
    [
      ["My work", name],
      ["Team", team.name],
      ["Data as of", formatDate(work.asOf)],
    ],
    header,
    rows,
  );
});
