import { Form } from "@remix-run/react";
import { ColumnHeads } from "~/components/ui/column-heads";
import { ScrollTable } from "~/components/ui/scroll-table";
import { formatMoment } from "~/dates";

export interface OutboxRow {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

const statusWords = (row: OutboxRow) =>
  row.status === "sent"
    ? `Sent ${formatMoment(row.sentAt!)}`
    : row.status === "failed"
      ? "Failed"
      : row.status === "sending"
        ? "Sending"
        : row.attempts > 0
          ? `Waiting to try again at ${formatMoment(row.nextAttemptAt)}`
          : "Waiting to be sent";

/** The outbox, newest first: each message's state, tries and the mail server's last answer; a failed one can be sent again. */
export function OutboxTable({ rows, kindLabels }: { rows: readonly OutboxRow[]; kindLabels: Record<string, string> }) {
  return (
    <ScrollTable caption="Reminders by email, newest first">
      <ColumnHeads columns={["Queued", "Reminder", "To", "Subject", "State", { label: "Tries", numeric: true, key: "tries" }, "Last error", "Again"]} />
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.id}>
            <td className="govuk-table__cell">{formatMoment(row.createdAt)}</td>
            <td className="govuk-table__cell">{kindLabels[row.kind] ?? row.kind}</td>
            <td className="govuk-table__cell">{row.toAddress}</td>
            <td className="govuk-table__cell">{row.subject}</td>
            <td className="govuk-table__cell">{statusWords(row)}</td>
            <td className="govuk-table__cell app-numeric">{row.attempts}</td>
            <td className="govuk-table__cell">{row.lastError ?? "–"}</td>
            <td className="govuk-table__cell">
              {row.status === "failed" ? (
                <Form method="post">
                  <input type="hidden" name="id" value={row.id} />
                  <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                    Send again<span className="govuk-visually-hidden"> to {row.toAddress}</span>
                  </button>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
