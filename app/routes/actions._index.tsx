import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionShowLabels, actionShows, escalationDaysForm } from "~/actions/action-forms";
import { MAX_ESCALATION_DAYS } from "~/actions/action-rules";
import { actionListItem } from "~/actions/action-view";
import { escalationDays, setEscalationDays } from "~/actions/escalation.server";
import { trackerContext } from "~/actions/tracker-context.server";
import { fieldErrorsOf } from "~/forms/form-kit";
import { ActionsTable } from "~/components/actions/actions-table";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { FigureTile } from "~/components/ui/figure-tile";
import { clockToday } from "~/platform/clock.server";
import { formatDate } from "~/dates";
import { getDb } from "~/db.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction = () => [{ title: "Action tracker – Primed" }];

const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)}%`);
const days = (value: number | null) => (value === null ? "–" : value.toFixed(1));

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db, today, filter, tracker } = await trackerContext(request);
  const search = new URL(request.url).search;
  return {
    todayLabel: formatDate(today),
    filter,
    service: tracker.service,
    teams: tracker.teams,
    team: tracker.team,
    actions: tracker.actions.map((row) => actionListItem(row, today)),
    csvHref: `/actions.csv${search}`,
    escalationDays: escalationDays(db),
    canSetDays: can(user, "manage", "actions", {}),
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(user, "manage", "actions");
  const parsed = escalationDaysForm.safeParse({ days: (await request.formData()).get("days") ?? "" });
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error) }, { status: 400 });
  setEscalationDays(getDb(), user, parsed.data.days, clockToday());
  return redirect("/actions?saved=1");
}

export default function ActionTracker() {
  const { todayLabel, filter, service, teams, team, actions, csvHref, escalationDays: daysAllowed, canSetDays, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <SavedBanner message={saved && !result ? `Saved: actions overdue by more than ${daysAllowed} days are escalated automatically.` : null} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">Action tracker</h1>
      <p className="govuk-body">
        Every team's actions, as of {todayLabel}. Teams with escalated and overdue actions come first. An action overdue by more than {daysAllowed} days is escalated automatically.
      </p>
      <ul className="app-figures" aria-label="The service's actions">
        <FigureTile value={service.open} label="Open" />
        <FigureTile value={service.overdue} label="Overdue" warning={service.overdue > 0} />
        <FigureTile value={service.escalated} label="Escalated" warning={service.escalated > 0} />
        <FigureTile value={percent(service.completionRate)} label="Completion rate" />
      </ul>

      <ScrollTable id="tracker-teams" labelledBy="teams-caption">
        <caption className="govuk-table__caption govuk-table__caption--m" id="teams-caption">
          Each team's actions
        </caption>
        <ColumnHeads
          columns={[
            "Team",
            { label: "Open", numeric: true },
            { label: "Overdue", numeric: true },
            { label: "Escalated", numeric: true },
            { label: "Done", numeric: true },
            { label: "Completion rate", numeric: true },
            { label: "Average days overdue", numeric: true },
          ]}
        />
        <tbody className="govuk-table__body">
          {teams.map((t) => (
            <tr key={t.slug} className="govuk-table__row" data-team={t.slug}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`?team=${t.slug}&show=${filter.show}`}>
                  {t.name}
                </Link>
              </th>
              <td className="govuk-table__cell app-numeric">{t.counts.open}</td>
              <td className="govuk-table__cell app-numeric">{t.counts.overdue}</td>
              <td className="govuk-table__cell app-numeric">{t.counts.escalated}</td>
              <td className="govuk-table__cell app-numeric">{t.counts.done}</td>
              <td className="govuk-table__cell app-numeric">{percent(t.counts.completionRate)}</td>
              <td className="govuk-table__cell app-numeric">{days(t.counts.averageDaysOverdue)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="govuk-body-s app-secondary-text">Completion rate: actions done, as a share of those done plus those overdue. Average days overdue: over the overdue actions.</p>

      <section className="app-report-section" aria-labelledby="list-heading">
        <h2 className="govuk-heading-l" id="list-heading">
          {actionShowLabels[filter.show]}: {team ? team.name : "every team"}
        </h2>
        <Form method="get" className="app-filters app-no-print">
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="team">
              Team
            </label>
            <select className="govuk-select" id="team" name="team" defaultValue={filter.team ?? ""}>
              <option value="">Every team</option>
              {[...teams]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.name}
                  </option>
                ))}
            </select>
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="show">
              Actions
            </label>
            <select className="govuk-select" id="show" name="show" defaultValue={filter.show}>
              {actionShows.map((s) => (
                <option key={s} value={s}>
                  {actionShowLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="app-filters__actions">
            <button type="submit" className="govuk-button govuk-button--secondary">
              Show
            </button>
          </div>
        </Form>
        <p className="govuk-body app-no-print">
          <a className="govuk-link" href={csvHref} download>
            Download these actions (CSV)
          </a>
          {" · "}
          <Link className="govuk-link" to="/account/calendar">
            Put the deadlines of actions I own in my calendar
          </Link>
        </p>
        {actions.length === 0 ? (
          <p className="govuk-body" id="no-actions">
            No actions match.
          </p>
        ) : (
          <ActionsTable id="tracker-actions" actions={actions} caption={`${actions.length} ${actions.length === 1 ? "action" : "actions"}`} showTeam />
        )}
      </section>

      {canSetDays && (
        <section className="app-report-section app-no-print" aria-labelledby="escalation-heading">
          <h2 className="govuk-heading-l" id="escalation-heading">
            Automatic escalation
          </h2>
          <Form method="post" noValidate>
            <Field
              id="days"
              label="Escalate an action automatically when it is overdue by more than (days)"
              hint={`From 1 to ${MAX_ESCALATION_DAYS}. Changing it escalates at once any action already past it.`}
              error={result?.errors.days}
            >
              {(describedBy, invalid) => (
                <input
                  className={`govuk-input govuk-input--width-3${invalid ? " govuk-input--error" : ""}`}
                  id="days"
                  name="days"
                  inputMode="numeric"
                  defaultValue={daysAllowed}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Save
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
