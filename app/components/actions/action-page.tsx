import { Form, Link } from "@remix-run/react";
import { COMMENT_MAX, REASON_MAX } from "~/actions/action-forms";
import { actionStatusLabels } from "~/actions/action-rules";
import type { ActionDetail } from "~/actions/action-page.server";
import type { HistoryEntry } from "~/actions/history.server";
import { ActionState } from "~/components/actions/actions-table";
import { SummaryRow } from "~/components/ui/summary-row";
import { Field } from "~/components/ui/form-errors";
import { cycleHref } from "~/cycle/cycle-href";
import { formatDate } from "~/dates";
import { actionStatuses } from "../../../db/schema";

/** What the action is: owner, deadline, status, where it came from and what it serves. */
export function ActionSummary({ item }: { item: ActionDetail }) {
  return (
    <dl className="govuk-summary-list" id="action-summary">
      <SummaryRow label="Owner">{item.ownerName}</SummaryRow>
      <SummaryRow label="Deadline">{formatDate(item.deadline)}</SummaryRow>
      <SummaryRow label="Status">
        <ActionState action={item} />
        {item.completedOn && <span>, on {item.completedOn}</span>}
      </SummaryRow>
      <SummaryRow label="From">
        {item.meetingMonth ? (
          <Link className="govuk-link" to={cycleHref(item.teamSlug, item.meetingMonth, "meeting")}>
            The team meeting for {item.monthLabel}
          </Link>
        ) : (
          `The action log, ${item.monthLabel}'s cycle`
        )}
      </SummaryRow>
      {item.detail && (
        <SummaryRow label="Detail">
          {item.detail.split(/\n+/).map((p, i) => (
            <p className="govuk-body" key={i}>
              {p}
            </p>
          ))}
        </SummaryRow>
      )}
      {item.objective && <SummaryRow label="Objective">{item.objective}</SummaryRow>}
      {item.measure && (
        <SummaryRow label="Measure">
          <Link className="govuk-link" to={item.measure.href}>
            {item.measure.label}
          </Link>
        </SummaryRow>
      )}
      {item.escalation && (
        <SummaryRow label="Escalated">
          By {item.escalation.by} on {item.escalation.when}: {item.escalation.reason}
        </SummaryRow>
      )}
    </dl>
  );
}

/** The owner's (or their manager's) update: a new status and a comment. */
export function ProgressForm({ status, historyLength, errors }: { status: ActionDetail["status"]; historyLength: number; errors?: Record<string, string> }) {
  return (
    <section className="app-report-section" aria-labelledby="progress-heading">
      <h2 className="govuk-heading-l" id="progress-heading">
        Update
      </h2>
      {/* Drawn afresh after each saved change, so a saved comment does not stay in the box to be sent twice. */}
      <Form method="post" noValidate key={historyLength}>
        <input type="hidden" name="intent" value="progress" />
        <Field id="status" label="Status" error={errors?.status}>
          {(describedBy, invalid) => (
            <select className={`govuk-select${invalid ? " govuk-select--error" : ""}`} id="status" name="status" defaultValue={status} aria-describedby={describedBy}>
              {actionStatuses.map((s) => (
                <option key={s} value={s}>
                  {actionStatusLabels[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="comment" label="Comment" hint="What has happened, or why the status changes. Dropping an action needs a reason." error={errors?.comment}>
          {(describedBy, invalid) => (
            <textarea
              className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
              id="comment"
              name="comment"
              rows={3}
              maxLength={COMMENT_MAX}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <button type="submit" className="govuk-button">
          Save the update
        </button>
      </Form>
    </section>
  );
}

/** Escalating the action to the head of service, with the reason. */
export function EscalateForm({ errors }: { errors?: Record<string, string> }) {
  return (
    <section className="app-report-section" aria-labelledby="escalate-heading">
      <h2 className="govuk-heading-l" id="escalate-heading">
        Escalate to the head of service
      </h2>
      <p className="govuk-body">Escalate by exception: when the team cannot get this done itself. The head of service sees it on the action tracker.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="escalate" />
        <Field id="reason" label="Why it needs the head of service" error={errors?.reason}>
          {(describedBy, invalid) => (
            <textarea
              className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
              id="reason"
              name="reason"
              rows={2}
              maxLength={REASON_MAX}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <button type="submit" className="govuk-button govuk-button--warning">
          Escalate
        </button>
      </Form>
    </section>
  );
}

/** The action's history, newest first, with what each change changed. */
export function ActionHistory({ history }: { history: (Omit<HistoryEntry, "at"> & { when: string })[] }) {
  return (
    <section className="app-report-section" aria-labelledby="history-heading">
      <h2 className="govuk-heading-l" id="history-heading">
        History
      </h2>
      <ol className="govuk-list app-notes" id="action-history" reversed>
        {history.map((entry, index) => (
          <li key={index}>
            <p className="govuk-body govuk-!-margin-bottom-1">
              <strong>{entry.what}</strong>: {entry.who}, {entry.when}
            </p>
            {entry.changes.length > 0 && (
              <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-1">
                {entry.changes.map((c, i) => (
                  <li key={i}>
                    {c.field}: {c.before === "none" ? c.after : `${c.before} → ${c.after}`}
                  </li>
                ))}
              </ul>
            )}
            {entry.comment && <p className="govuk-body govuk-!-margin-bottom-1">“{entry.comment}”</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
