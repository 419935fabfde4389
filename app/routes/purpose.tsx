import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { formObject } from "~/forms/form-kit";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { ObjectiveControls, ObjectiveEditor } from "~/components/purpose/objective-editing";
import type { ObjectiveValues } from "~/components/purpose/objective-form-fields";
import { EndedObjectives, ObjectiveList } from "~/components/purpose/objective-list";
import { formatMonthLong, monthOf } from "~/dates";
import { clockToday } from "~/platform/clock.server";
import { getDb } from "~/db.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { financialYearOf, purposeIntent } from "~/purpose/objective-forms";
import { isCurrent, listObjectives, mayManageObjective, measureChoices, ownerChoices } from "~/purpose/objectives.server";
import { changeableObjective, changeMessages, changeObjectiveFromForm, editedObjectiveId, formValuesOf } from "~/purpose/pages.server";
import { listTeams } from "~/teams/teams.server";

export const meta: MetaFunction = () => [{ title: "The service's purpose – Primed" }];

const SERVICE = { teamId: null, workerId: null };

export async function loader({ request }: LoaderFunctionArgs) {
  // The service's objectives are everyone's to read.
  const user = await requireUser(request);
  const db = getDb();
  const editId = editedObjectiveId(request);
  const today = clockToday();
  const month = monthOf(today);
  const editing = editId === null ? null : changeableObjective(db, user, null, editId, today);
  const canManage = mayManageObjective(user, SERVICE);
  const objectives = listObjectives(db, null, today);
  const saved = new URL(request.url).searchParams.get("saved");
  const year = financialYearOf(month);
  return {
    monthLabel: formatMonthLong(month),
    current: objectives.filter((o) => isCurrent(o, month)),
    ended: objectives.filter((o) => !isCurrent(o, month)),
    canManage,
    editing: editing && { id: editing.id, values: formValuesOf(editing) },
    choices: canManage ? { owners: ownerChoices(db, SERVICE), measures: measureChoices(db) } : null,
    newValues: { periodFrom: year.from, periodTo: year.to },
    teams: listTeams(db)
      .filter((t) => can(user, "view", "objectives", { teamId: t.id }))
      .map((t) => ({ name: t.name, slug: t.slug })),
    savedMessage: saved && saved in changeMessages ? changeMessages[saved as keyof typeof changeMessages] : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Only the "any" scope reaches the service's objectives: a head of service.
  requireAllowed(user, "manage", "objectives");
  const form = formObject(await request.formData());
  const intent = purposeIntent.exclude(["ground-rules"]).safeParse(form.intent);
  if (!intent.success)
    return data({ intent: null, errors: { form: "The form was not sent whole: open the page again and try once more" }, values: {} as Record<string, unknown> }, { status: 400 });
  const result = changeObjectiveFromForm(getDb(), user, null, intent.data, form, clockToday());
  if (!result.ok) return data({ intent: intent.data, errors: result.errors, values: form }, { status: 400 });
  return redirect(`/purpose?saved=${result.change}${result.change === "retired" ? "#ended-heading" : `#objective-${result.id}`}`);
}

export default function ServicePurpose() {
  const { monthLabel, current, ended, canManage, editing, choices, newValues, teams, savedMessage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A new key after each saved change empties the add form (its fields keep what was typed otherwise).
  const formKey = useLocation().key;
  const posted = (result?.values ?? {}) as ObjectiveValues;
  const controls = (o: { id: number; statement: string }) => canManage && <ObjectiveControls page="/purpose" objective={o} />;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Purpose" }]} />
      <SavedBanner message={result ? null : savedMessage} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">The service's purpose</h1>
      <p className="govuk-body">The objectives the whole service is working towards in {monthLabel}, each with one owner. Every team's own objectives serve them.</p>

      <section className="app-report-section" aria-labelledby="service-heading">
        <h2 className="govuk-heading-l" id="service-heading">
          The service's objectives
        </h2>
        {current.length === 0 ? (
          <p className="govuk-body">The service has no objectives set for {monthLabel}.</p>
        ) : (
          <ObjectiveList id="service-objectives" objectives={current} controls={controls} />
        )}
      </section>

      {choices && (
        <ObjectiveEditor
          page="/purpose"
          editing={editing && { ...editing, heading: "Edit an objective" }}
          addHeading="Add an objective for the service"
          choices={choices}
          newValues={newValues}
          refused={result && { intent: result.intent, values: posted, errors: result.errors }}
          formKey={formKey}
        />
      )}

      <section className="app-report-section" aria-labelledby="teams-heading">
        <h2 className="govuk-heading-l" id="teams-heading">
          Each team's purpose
        </h2>
        {teams.length === 0 ? (
          <p className="govuk-body">Your role does not include any team's objectives.</p>
        ) : (
          <ul className="govuk-list" id="team-purposes">
            {teams.map((t) => (
              <li key={t.slug}>
                <Link className="govuk-link" to={`/teams/${t.slug}/purpose`}>
                  {t.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <EndedObjectives objectives={ended} />
    </>
  );
}
