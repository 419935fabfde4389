import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { formObject } from "~/forms/form-kit";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { ObjectiveControls, ObjectiveEditor } from "~/components/purpose/objective-editing";
import type { ObjectiveValues } from "~/components/purpose/objective-form-fields";
import { EndedObjectives, ObjectiveList } from "~/components/purpose/objective-list";
import { formatDate, formatMonthLong, monthOf, todayInLondon } from "~/dates";
import { clockToday } from "~/platform/clock.server";
import { getDb } from "~/db.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { groundRulesHistory, saveGroundRules } from "~/purpose/ground-rules.server";
import { financialYearOf, GROUND_RULE_MAX_LENGTH, GROUND_RULES_MAX, groundRulesForm, purposeIntent, rulesFromText } from "~/purpose/objective-forms";
import { isCurrent, listObjectives, mayManageObjective, mayViewObjective, measureChoices, ownerChoices } from "~/purpose/objectives.server";
import { changeableObjective, changeMessages, changeObjectiveFromForm, editedObjectiveId, formValuesOf } from "~/purpose/pages.server";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { findTeamBySlug, listTeamWorkers } from "~/teams/teams.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Purpose: ${data.team.name} – Primed` : "Purpose – Primed" }];

/** The team in the address, once the user may see its objectives; or a 404 or 403 page. */
async function purposeContext(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const db = getDb();
  const team = findTeamBySlug(db, slug ?? "");
  if (!team) throw data(`There is no team at this address ("${slug}").`, { status: 404 });
  requireAllowed(user, "view", "objectives", { teamId: team.id });
  return { user, db, team };
}

const savedRules = "ground-rules";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, team } = await purposeContext(request, params.slug);
  const editId = editedObjectiveId(request);
  const today = clockToday();
  const month = monthOf(today);
  const canManage = can(user, "manage", "objectives", { teamId: team.id });
  const editing = editId === null ? null : changeableObjective(db, user, team.id, editId, today);
  const objectives = listObjectives(db, team.id, today).filter((o) => mayViewObjective(user, o));
  const current = objectives.filter((o) => isCurrent(o, month));
  const canViewRules = can(user, "view", "cycles", { teamId: team.id });
  const saved = new URL(request.url).searchParams.get("saved");
  const year = financialYearOf(month);
  return {
    team: { name: team.name, slug: team.slug, typeLabel: teamTypeLabels[team.type] },
    monthLabel: formatMonthLong(month),
    service: listObjectives(db, null, today).filter((o) => isCurrent(o, month)),
    teamObjectives: current.filter((o) => o.level === "team"),
    individual: current.filter((o) => o.level === "individual"),
    ended: objectives.filter((o) => !isCurrent(o, month)),
    manageable: current.filter((o) => mayManageObjective(user, o)).map((o) => o.id),
    canManage,
    editing: editing && { id: editing.id, statement: editing.statement, workerName: editing.workerName, values: formValuesOf(editing) },
    choices: canManage
      ? {
          owners: ownerChoices(db, editing ?? { teamId: team.id, workerId: null }),
          measures: measureChoices(db),
          workers: listTeamWorkers(db, team.id)
            .filter((w) => w.active)
            .map((w) => ({ id: w.id, name: w.name })),
        }
      : null,
    newValues: { periodFrom: year.from, periodTo: year.to },
    groundRules: canViewRules ? groundRulesHistory(db, team.id).map((v) => ({ ...v, writtenOn: formatDate(todayInLondon(new Date(v.writtenAt))) })) : null,
    canWriteRules: can(user, "manage", "cycles", { teamId: team.id }),
    savedMessage:
      saved === savedRules
        ? "Ground rules saved: the earlier version is kept on record."
        : saved && saved in changeMessages
          ? changeMessages[saved as keyof typeof changeMessages]
          : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, team } = await purposeContext(request, params.slug);
  const form = formObject(await request.formData());
  const intent = purposeIntent.safeParse(form.intent);
  if (!intent.success) return data({ intent: null, errors: { form: intent.error.issues[0]!.message }, values: {} as Record<string, unknown> }, { status: 400 });
  const base = `/teams/${team.slug}/purpose`;
  if (intent.data === "ground-rules") {
    requireAllowed(user, "manage", "cycles", { teamId: team.id });
    const parsed = groundRulesForm.safeParse(form);
    const result = parsed.success ? saveGroundRules(db, user, team.id, rulesFromText(parsed.data.rules)) : { ok: false as const, error: parsed.error.issues[0]!.message };
    if (!result.ok) return data({ intent: intent.data, errors: { rules: result.error }, values: form }, { status: 400 });
    return redirect(`${base}?saved=${savedRules}#ground-rules-heading`);
  }
  requireAllowed(user, "manage", "objectives", { teamId: team.id });
  const result = changeObjectiveFromForm(db, user, team.id, intent.data, form, clockToday());
  if (!result.ok) return data({ intent: intent.data, errors: result.errors, values: form }, { status: 400 });
  return redirect(`${base}?saved=${result.change}${result.change === "retired" ? "#ended-heading" : `#objective-${result.id}`}`);
}

export default function TeamPurpose() {
  const { team, monthLabel, service, teamObjectives, individual, ended, manageable, canManage, editing, choices, newValues, groundRules, canWriteRules, savedMessage } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A new key after each saved change empties the add form (its fields keep what was typed otherwise).
  const formKey = useLocation().key;
  const posted = (result?.values ?? {}) as ObjectiveValues & { rules?: string };
  const page = `/teams/${team.slug}/purpose`;
  const controls = (o: { id: number; statement: string }) => manageable.includes(o.id) && <ObjectiveControls page={page} objective={o} />;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/teams" }, { label: team.name, to: `/teams/${team.slug}` }, { label: "Purpose" }]} />
      <SavedBanner message={result ? null : savedMessage} />
      <ErrorSummary errors={result?.errors} />
      <span className="govuk-caption-l">{team.typeLabel}</span>
      <h1 className="govuk-heading-xl">{team.name}: purpose</h1>
      <p className="govuk-body">
        What the team is working towards in {monthLabel}: the service's objectives, the team's own, and each person's. Each has one owner and, where a figure shows progress, the
        measure it is judged by and its target.
      </p>

      <section className="app-report-section" aria-labelledby="service-heading">
        <h2 className="govuk-heading-l" id="service-heading">
          The service's objectives
        </h2>
        {service.length === 0 ? <p className="govuk-body">The service has no objectives set for {monthLabel}.</p> : <ObjectiveList id="service-objectives" objectives={service} />}
        <p className="govuk-body">
          <Link className="govuk-link" to="/purpose">
            The service's purpose
          </Link>
        </p>
      </section>

      <section className="app-report-section" aria-labelledby="team-heading">
        <h2 className="govuk-heading-l" id="team-heading">
          The team's objectives
        </h2>
        {teamObjectives.length === 0 ? (
          <p className="govuk-body">The team has no objectives set for {monthLabel}.</p>
        ) : (
          <ObjectiveList id="team-objectives" objectives={teamObjectives} controls={controls} />
        )}
      </section>

      <section className="app-report-section" aria-labelledby="individual-heading">
        <h2 className="govuk-heading-l" id="individual-heading">
          {canManage ? "Each person's objectives" : "Your objectives"}
        </h2>
        {individual.length === 0 ? (
          <p className="govuk-body">{canManage ? "Nobody in the team has an objective of their own set." : "You have no objectives of your own set."}</p>
        ) : (
          <ObjectiveList id="individual-objectives" objectives={individual} controls={controls} />
        )}
      </section>

      {choices && (
        <ObjectiveEditor
          page={page}
          editing={editing && { ...editing, heading: editing.workerName ? `Edit ${editing.workerName}'s objective` : "Edit an objective" }}
          addHeading="Add an objective"
          choices={choices}
          newValues={newValues}
          refused={result && result.intent !== "ground-rules" ? { intent: result.intent, values: posted, errors: result.errors } : undefined}
          formKey={formKey}
        />
      )}

      {groundRules && (
        <section className="app-report-section" aria-labelledby="ground-rules-heading">
          <h2 className="govuk-heading-l" id="ground-rules-heading">
            Ground rules
          </h2>
          {groundRules[0] ? (
            <>
              <p className="govuk-body app-secondary-text" id="ground-rules-version">
                Version {groundRules[0].version}, written by {groundRules[0].writtenBy} on {groundRules[0].writtenOn}.
              </p>
              <ol className="govuk-list govuk-list--number" id="ground-rules">
                {groundRules[0].rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ol>
            </>
          ) : (
            <p className="govuk-body">The team has not written its ground rules yet.</p>
          )}
          {canWriteRules && (
            <Form method="post" action={`/teams/${team.slug}/purpose`} noValidate key={groundRules[0]?.version ?? 0}>
              <input type="hidden" name="intent" value="ground-rules" />
              <Field
                id="rules"
                label={groundRules[0] ? "Change the ground rules" : "Write the ground rules"}
                hint={`Agree them with the team. One rule per line, up to ${GROUND_RULES_MAX}, each up to ${GROUND_RULE_MAX_LENGTH} characters. Saving makes a new version; earlier ones are kept.`}
                error={result?.intent === "ground-rules" ? result.errors.rules : undefined}
              >
                {(describedBy, invalid) => (
                  <textarea
                    className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                    id="rules"
                    name="rules"
                    rows={8}
                    defaultValue={result?.intent === "ground-rules" ? posted.rules : groundRules[0]?.rules.join("\n")}
                    aria-describedby={describedBy}
                  />
                )}
              </Field>
              <button type="submit" className="govuk-button">
                Save the ground rules
              </button>
            </Form>
          )}
          {groundRules.length > 1 && (
            <details className="govuk-details" id="ground-rules-history">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Earlier versions ({groundRules.length - 1})</span>
              </summary>
              <div className="govuk-details__text">
                {groundRules.slice(1).map((v) => (
                  <div key={v.version}>
                    <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Version {v.version}</h3>
                    <p className="govuk-body-s app-secondary-text">
                      Written by {v.writtenBy} on {v.writtenOn}.
                    </p>
                    <ol className="govuk-list govuk-list--number">
                      {v.rules.map((rule) => (
                        <li key={rule}>{rule}</li>
                      ))}
                    </ol>
                  </div>
                ))}
              </div>
            </details>
          )}
        </section>
      )}

      <EndedObjectives objectives={ended} />
    </>
  );
}
