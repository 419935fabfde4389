import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actionDateFields, actionFields, COMMENT_MAX, escalateForm, progressForm, REASON_MAX } from "~/actions/action-forms";
import { actionStatusLabels } from "~/actions/action-rules";
import { actionListItem } from "~/actions/action-view";
import { actionChoices, formValuesOf } from "~/actions/choices.server";
import { editAction, escalateAction, recordProgress } from "~/actions/commands.server";
import { actionHistory } from "~/actions/history.server";
import { actionById } from "~/actions/queries.server";
import { actionRights } from "~/actions/rights";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { ActionFormFields, type ActionValues } from "~/components/actions/action-form-fields";
import { gatherDateParts } from "~/forms/date-field";
import { ActionState } from "~/components/actions/actions-table";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { SummaryRow } from "~/components/ui/summary-row";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { clockToday } from "~/platform/clock.server";
import { cycleHref } from "~/cycle/cycle-href";
import { formatDate, formatMoment, formatMonthLong } from "~/dates";
import { getDb } from "~/db.server";
import { signalsHref } from "~/interpretation/signals-href";
import { reportSeriesOf } from "~/interpretation/report-series";
import { outcomeGroupMap } from "~/reference-data/outcomes.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { actionStatuses } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Action: ${data.action.title} – Primed` : "Action – Primed" }];

const idSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

// The action log's entry is `actionRow` here, so it is never mistaken for Remix's `action` export below.
async function actionPageContext(request: Request, actionId: string | undefined) {
  const user = await requireUser(request);
  const db = getDb();
  const id = idSchema.safeParse(actionId);
  const actionRow = id.success ? actionById(db, id.data) : undefined;
  if (!actionRow) throw data("There is no action at this address: it may have been mistyped.", { status: 404 });
  requireAllowed(user, "view", "actions", { teamId: actionRow.teamId });
  return { user, db, actionRow, rights: actionRights(user, actionRow), today: clockToday() };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, actionRow, rights, today } = await actionPageContext(request, params.actionId);
  const groups = [...new Set(Object.values(outcomeGroupMap(db)))];
  const series = actionRow.series ? reportSeriesOf(actionRow.series, groups) : undefined;
  return {
    action: {
      ...actionListItem(actionRow, today),
      detail: actionRow.detail,
      status: actionRow.status,
      teamSlug: actionRow.teamSlug,
      monthLabel: formatMonthLong(actionRow.month),
      meetingMonth: actionRow.meetingId === null ? null : actionRow.month,
      objective: actionRow.objectiveStatement,
      measure: series
        ? { label: series.label, href: signalsHref(actionRow.teamSlug, series.key, null, today) }
        : actionRow.primedMetricId !== null
          ? { label: `${actionRow.metricName} (Primed Metric)`, href: `/metrics/${actionRow.primedMetricId}` }
          : null,
      completedOn: actionRow.completedOn && formatDate(actionRow.completedOn),
      escalation: actionRow.escalatedAt && { by: actionRow.escalatedBy ?? "Primed, automatically", when: formatMoment(actionRow.escalatedAt), reason: actionRow.escalationReason },
    },
    history: actionHistory(db, actionRow.id).map((entry) => ({ ...entry, when: formatMoment(entry.at) })),
    rights,
    choices: rights.edit ? actionChoices(db, actionRow.teamId, today, actionRow) : null,
    values: formValuesOf(actionRow),
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

const intentSchema = z.object({ intent: z.enum(["edit", "progress", "escalate"], { message: "The form was not one this page has: open it again" }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, actionRow, rights, today } = await actionPageContext(request, params.actionId);
  const values = gatherDateParts(formObject(await request.formData()), actionDateFields);
  const intent = intentSchema.safeParse(values);
  if (!intent.success) return data({ intent: null, errors: { form: intent.error.issues[0]!.message }, values }, { status: 400 });
  const allowed = intent.data.intent === "progress" ? rights.progress : rights.edit;
  if (!allowed) throw data("Only the action's owner, their team manager or a head of service can change it.", { status: 403 });
  const result = (() => {
    switch (intent.data.intent) {
      case "edit": {
        const parsed = actionFields.safeParse(values);
        return parsed.success ? editAction(db, user, actionRow.id, parsed.data, today) : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
      }
      case "progress": {
        const parsed = progressForm.safeParse(values);
        return parsed.success ? recordProgress(db, user, actionRow.id, parsed.data, today) : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
      }
      case "escalate": {
        const parsed = escalateForm.safeParse(values);
        return parsed.success ? escalateAction(db, user, actionRow.id, parsed.data.reason) : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
      }
    }
  })();
  if (!result.ok) return data({ intent: intent.data.intent, errors: result.errors, values: values as ActionValues & Record<string, string> }, { status: 400 });
  return redirect(`/actions/${actionRow.id}?saved=${intent.data.intent}`);
}

const savedMessages: Record<string, string> = {
  edit: "The action is saved.",
  progress: "Your update is saved.",
  escalate: "The action is escalated: the head of service sees it on the action tracker.",
};

export default function ActionPage() {
  const { action: item, history, rights, choices, values, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Teams", to: "/teams" },
          { label: item.teamName, to: `/teams/${item.teamSlug}` },
          { label: "Actions", to: `/teams/${item.teamSlug}/actions` },
          { label: item.title },
        ]}
      />
      <SavedBanner message={saved && !result ? (savedMessages[saved] ?? null) : null} />
      <ErrorSummary errors={result?.errors} prefix={result?.intent === "edit" ? "edit-" : ""} />
      <span className="govuk-caption-l">{item.teamName}: action</span>
      <h1 className="govuk-heading-xl">{item.title}</h1>
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

      {rights.progress && (
        <section className="app-report-section" aria-labelledby="progress-heading">
          <h2 className="govuk-heading-l" id="progress-heading">
            Update
          </h2>
          {/* Drawn afresh after each saved change, so a saved comment does not stay in the box to be sent twice. */}
          <Form method="post" noValidate key={history.length}>
            <input type="hidden" name="intent" value="progress" />
            <Field id="status" label="Status" error={errorsFor("progress")?.status}>
              {(describedBy, invalid) => (
                <select className={`govuk-select${invalid ? " govuk-select--error" : ""}`} id="status" name="status" defaultValue={item.status} aria-describedby={describedBy}>
                  {actionStatuses.map((s) => (
                    <option key={s} value={s}>
                      {actionStatusLabels[s]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="comment" label="Comment" hint="What has happened, or why the status changes. Dropping an action needs a reason." error={errorsFor("progress")?.comment}>
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
      )}

      {rights.escalate && !item.escalation && (item.status === "open" || item.status === "in_progress") && (
        <section className="app-report-section" aria-labelledby="escalate-heading">
          <h2 className="govuk-heading-l" id="escalate-heading">
            Escalate to the head of service
          </h2>
          <p className="govuk-body">Escalate by exception: when the team cannot get this done itself. The head of service sees it on the action tracker.</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="escalate" />
            <Field id="reason" label="Why it needs the head of service" error={errorsFor("escalate")?.reason}>
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
      )}

      {rights.edit && choices && (
        <section className="app-report-section" aria-labelledby="edit-heading">
          <h2 className="govuk-heading-l" id="edit-heading">
            Edit the action
          </h2>
          {item.escalation && (item.status === "open" || item.status === "in_progress") && (
            <p className="govuk-body" id="edit-ends-escalation">
              A new deadline ends the escalation: the team has planned the action again. Escalate it again if it still needs the head of service.
            </p>
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="edit" />
            <ActionFormFields choices={choices} values={result?.intent === "edit" ? result.values : values} errors={errorsFor("edit")} prefix="edit-" />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Save the changes
            </button>
          </Form>
        </section>
      )}

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
    </>
  );
}
