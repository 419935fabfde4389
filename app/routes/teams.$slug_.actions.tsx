import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { actionDateFields, actionFields, actionShowLabels, actionShows, OWNER_ACCOUNT_MADE, ownerNeedsAccount } from "~/actions/action-forms";
import { countActions } from "~/actions/action-rules";
import { actionListItem } from "~/actions/action-view";
import { actionChoices } from "~/actions/choices.server";
import { createAction } from "~/actions/commands.server";
import { listActions } from "~/actions/queries.server";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { ActionFormFields, type ActionValues } from "~/components/actions/action-form-fields";
import { gatherDateParts } from "~/forms/date-field";
import { ActionsTable } from "~/components/actions/actions-table";
import { FigureTile } from "~/components/ui/figure-tile";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { clockToday } from "~/platform/clock.server";
import { formatDate } from "~/dates";
import { getDb } from "~/db.server";
import { lastFinishedMonth } from "~/interpretation/prompt-sheets.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { findTeamBySlug } from "~/teams/teams.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Actions: ${data.team.name} – Primed` : "Actions – Primed" }];

const addressSchema = z.object({ show: z.enum(actionShows, { message: "The address asks for a list of actions Primed does not have" }).default("open") });

async function logContext(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const db = getDb();
  const team = findTeamBySlug(db, slug ?? "");
  if (!team) throw data(`There is no team at this address ("${slug}").`, { status: 404 });
  requireAllowed(user, "view", "actions", { teamId: team.id });
  return { user, db, team, today: clockToday() };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, team, today } = await logContext(request, params.slug);
  const show = addressSchema.safeParse({ show: new URL(request.url).searchParams.get("show") ?? undefined });
  if (!show.success) throw data(show.error.issues[0]!.message, { status: 400 });
  const all = listActions(db, { teamIds: [team.id] }, today);
  const canCreate = can(user, "manage", "actions", { teamId: team.id });
  return {
    team: { name: team.name, slug: team.slug },
    show: show.data.show,
    todayLabel: formatDate(today),
    counts: countActions(all, today),
    actions: listActions(db, { teamIds: [team.id], show: show.data.show }, today).map((row) => actionListItem(row, today)),
    choices: canCreate ? actionChoices(db, team.id, today) : null,
    /** The action just added: the form is drawn afresh for the next one. */
    created: new URL(request.url).searchParams.get("created"),
    ownerAccountMade: new URL(request.url).searchParams.get("account") === "made",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, team, today } = await logContext(request, params.slug);
  requireAllowed(user, "manage", "actions", { teamId: team.id });
  const values = gatherDateParts(formObject(await request.formData()), actionDateFields);
  const parsed = actionFields.safeParse(values);
  const result = parsed.success
    ? createAction(db, user, { teamId: team.id, month: lastFinishedMonth(today) }, parsed.data, today)
    : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
  if (!result.ok) return data({ errors: result.errors, values: values as ActionValues }, { status: 400 });
  return redirect(`/teams/${team.slug}/actions?created=${result.value}${ownerNeedsAccount(parsed.data!) ? "&account=made" : ""}`);
}

export default function TeamActions() {
  const { team, show, todayLabel, counts, actions, choices, created, ownerAccountMade } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/teams" }, { label: team.name, to: `/teams/${team.slug}` }, { label: "Actions" }]} />
      <SavedBanner message={created && !result ? (ownerAccountMade ? `Action added. ${OWNER_ACCOUNT_MADE}` : "Action added: its owner sees it on My work.") : null} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">{team.name}: actions</h1>
      <p className="govuk-body">Every action has one owner and a deadline, and is followed up at the next team meeting until it is done or dropped. As of {todayLabel}.</p>
      <ul className="app-figures" aria-label="The team's actions">
        <FigureTile value={counts.open} label="Open" />
        <FigureTile value={counts.overdue} label="Overdue" warning={counts.overdue > 0} />
        <FigureTile value={counts.escalated} label="Escalated" warning={counts.escalated > 0} />
        <FigureTile value={counts.done} label="Done" />
      </ul>

      <nav aria-label="Which actions" className="app-view-switch">
        <ul className="govuk-list app-view-switch__list">
          {actionShows.map((s) => (
            <li key={s}>
              {s === show ? (
                <strong aria-current="page">{actionShowLabels[s]}</strong>
              ) : (
                <Link className="govuk-link" to={`?show=${s}`}>
                  {actionShowLabels[s]}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {actions.length === 0 ? (
        <p className="govuk-body" id="no-actions">
          No actions to show here.
        </p>
      ) : (
        <ActionsTable id="team-actions" actions={actions} caption={`${actionShowLabels[show]}: ${actions.length}`} />
      )}

      {choices && (
        <section className="app-report-section" aria-labelledby="new-action-heading">
          <h2 className="govuk-heading-l" id="new-action-heading">
            Add an action
          </h2>
          <p className="govuk-body">Actions agreed in a team meeting are best added on the meeting's page, so the record shows where they came from.</p>
          {/* Keyed by the action just added, so its values do not stay in the boxes for the next one. */}
          <Form method="post" noValidate key={created ?? "new"}>
            <ActionFormFields choices={choices} values={result?.values} errors={result?.errors} />
            <button type="submit" className="govuk-button">
              Add the action
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
