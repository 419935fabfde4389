import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { teamTypes } from "../../db/schema";
import { savedMessage } from "~/admin/choices.server";
import { blankAsMissing, formObject, type FieldErrors } from "~/forms/form-kit";
import { requireAdmin } from "~/admin/guard.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { formatDate, todayInLondon } from "~/dates";
import { getDb } from "~/db.server";
import { FOLLOW_UP_ITEM } from "~/meetings/meeting-forms";
import { CHAIR_MAX_LENGTH, PARAGRAPH_MAX_LENGTH, STANDING_ITEM_MAX_LENGTH, STANDING_ITEMS_MAX } from "~/meetings/terms-of-reference";
import { listTermsOfReference, saveTermsOfReference } from "~/meetings/terms-of-reference.server";

export const meta: MetaFunction = () => [{ title: "Meeting terms of reference – Primed" }];

const teamTypeField = z.enum(teamTypes, { message: "Choose a team type from the list" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "meeting-templates");
  const url = new URL(request.url);
  const edit = z.preprocess(blankAsMissing, teamTypeField.optional()).safeParse(url.searchParams.get("edit") ?? undefined);
  if (!edit.success) throw data("There are no terms of reference at this address: choose a team type from the list.", { status: 404 });
  const terms = listTermsOfReference(getDb()).map(({ updatedBy, updatedAt, isDefault, ...t }) => ({
    ...t,
    changed: isDefault ? null : `Last changed by ${updatedBy ?? "someone no longer recorded"} on ${formatDate(todayInLondon(new Date(updatedAt!)))}.`,
  }));
  return { terms, editing: edit.data ?? null, saved: savedMessage(url) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request, "manage", "meeting-templates");
  const values = formObject(await request.formData());
  const teamType = teamTypeField.safeParse(values.teamType);
  if (!teamType.success) {
    const errors: FieldErrors = { form: teamType.error.issues[0]!.message };
    return data({ teamType: null, values, errors }, { status: 400 });
  }
  const result = saveTermsOfReference(getDb(), user, teamType.data, values);
  if (!result.ok) return data({ teamType: teamType.data, values, errors: result.errors }, { status: 400 });
  return redirect(`/admin/meetings?saved=updated#terms-${teamType.data}`);
}

const fieldLabels = {
  purpose: "Purpose of the meeting",
  chair: "Who chairs",
  decisions: "Decisions it may take",
  escalates: "What it escalates",
} as const;

export default function MeetingTermsOfReference() {
  const { terms, editing, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A refused save shows its form again, whatever the address says.
  const editingType = result?.teamType ?? editing;
  const edited = terms.find((t) => t.teamType === editingType);
  if (edited) {
    const posted = result?.values as Record<string, string> | undefined;
    const value = (field: keyof typeof fieldLabels | "standingItems") =>
      posted ? (posted[field] ?? "") : field === "standingItems" ? edited.standingItems.join("\n") : edited[field];
    const paragraph = (field: keyof typeof fieldLabels, hint: string, max = PARAGRAPH_MAX_LENGTH) => (
      <Field id={field} label={fieldLabels[field]} hint={`${hint} Up to ${max.toLocaleString("en-GB")} characters.`} error={result?.errors[field]}>
        {(describedBy, invalid) => (
          <textarea
            className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
            id={field}
            name={field}
            rows={field === "chair" ? 2 : 4}
            defaultValue={value(field)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
    );
    return (
      <>
        <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Meeting terms of reference", to: "/admin/meetings" }, { label: edited.label }]} />
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">Meeting terms of reference</span>
        <h1 className="govuk-heading-xl">{edited.label}</h1>
        <Form method="post" action="/admin/meetings" noValidate className="govuk-!-width-two-thirds">
          <input type="hidden" name="teamType" value={edited.teamType} />
          {paragraph("purpose", "Why the team meets each month, in a sentence or two.")}
          {paragraph("chair", "Who chairs, and who stands in for them.", CHAIR_MAX_LENGTH)}
          {paragraph("decisions", "What the meeting may decide for itself.")}
          {paragraph("escalates", "What it raises with the head of service or partners because it cannot fix it itself.")}
          <Field
            id="standingItems"
            label="Standing items"
            hint={`One item per line, in order, up to ${STANDING_ITEMS_MAX}, each up to ${STANDING_ITEM_MAX_LENGTH} characters. Every meeting starts with “${FOLLOW_UP_ITEM}”: leave it out of this list.`}
            error={result?.errors.standingItems}
          >
            {(describedBy, invalid) => (
              <textarea
                className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                id="standingItems"
                name="standingItems"
                rows={Math.max(edited.standingItems.length + 2, 6)}
                defaultValue={value("standingItems")}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              Save<span className="govuk-visually-hidden"> the terms of reference for {edited.label}</span>
            </button>
            <Link className="govuk-link" to="/admin/meetings">
              Cancel
            </Link>
          </div>
        </Form>
      </>
    );
  }
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Meeting terms of reference" }]} />
      <SavedBanner message={saved} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">Meeting terms of reference</h1>
      <p className="govuk-body">
        Each team holds a monthly meeting to go through its figures and agree actions. Its terms of reference come from the team's type: why it meets, who chairs, what it may
        decide, what it escalates, and its standing items.
      </p>
      <p className="govuk-body">
        Every meeting starts with “{FOLLOW_UP_ITEM}”, then takes the standing items below in order. A change applies to meetings not yet set up: a meeting already set up keeps its
        agenda.
      </p>
      {terms.map((t) => (
        <div className="govuk-summary-card" key={t.teamType} id={`terms-${t.teamType}`}>
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title">{t.label}</h2>
            <ul className="govuk-summary-card__actions">
              <li className="govuk-summary-card__action">
                <Link className="govuk-link" to={`/admin/meetings?edit=${t.teamType}`}>
                  Change<span className="govuk-visually-hidden"> the terms of reference for {t.label}</span>
                </Link>
              </li>
            </ul>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body app-secondary-text">{t.changed ?? "Primed's own terms of reference: not changed yet."}</p>
            <dl className="govuk-summary-list">
              {(Object.keys(fieldLabels) as (keyof typeof fieldLabels)[]).map((field) => (
                <div className="govuk-summary-list__row" key={field}>
                  <dt className="govuk-summary-list__key">{fieldLabels[field]}</dt>
                  <dd className="govuk-summary-list__value app-preserve-lines">{t[field]}</dd>
                </div>
              ))}
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Agenda</dt>
                <dd className="govuk-summary-list__value">
                  <ol className="govuk-list govuk-list--number">
                    <li>{FOLLOW_UP_ITEM} (always first)</li>
                    {t.standingItems.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ol>
                </dd>
              </div>
            </dl>
          </div>
        </div>
      ))}
    </>
  );
}
