import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actionDateFields, actionFields, escalateForm, progressForm, OWNER_ACCOUNT_MADE, ownerNeedsAccount } from "~/actions/action-forms";
import { actionDetail } from "~/actions/action-page.server";
import { actionChoices, formValuesOf } from "~/actions/choices.server";
import { editAction, escalateAction, recordProgress } from "~/actions/commands.server";
import { actionHistory } from "~/actions/history.server";
import { actionById } from "~/actions/queries.server";
import { actionRights } from "~/actions/rights";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { ActionFormFields, type ActionValues } from "~/components/actions/action-form-fields";
import { gatherDateParts } from "~/forms/date-field";
import { ActionHistory, ActionSummary, EscalateForm, ProgressForm } from "~/components/actions/action-page";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { clockToday } from "~/platform/clock.server";
import { formatMoment } from "~/dates";
import { getDb } from "~/db.server";
import { requireAllowed, requireUser } from "~/people/guard.server";

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
  return {
    action: actionDetail(db, actionRow, today),
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
  const madeAccount = intent.data.intent === "edit" && ownerNeedsAccount(actionFields.parse(values));
  return redirect(`/actions/${actionRow.id}?saved=${madeAccount ? "edit-account" : intent.data.intent}`);
}

const savedMessages: Record<string, string> = {
  edit: "The action is saved.",
  "edit-account": `The action is saved. ${OWNER_ACCOUNT_MADE}`,
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
      <ActionSummary item={item} />

      {rights.progress && <ProgressForm status={item.status} historyLength={history.length} errors={errorsFor("progress")} />}

      {rights.escalate && !item.escalation && (item.status === "open" || item.status === "in_progress") && <EscalateForm errors={errorsFor("escalate")} />}

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

      <ActionHistory history={history} />
    </>
  );
}
