import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatMonthLong, monthOf } from "~/dates";
import { DUE_SOON_DAYS } from "~/work-figures/urgency";
import { myWorkOfSignedIn } from "~/my-work/my-work-context.server";
import { ReportActions } from "~/components/reports/report-actions";
import { timelinessOf } from "~/reports/team-report";
import { actionListItem } from "~/actions/action-view";
import { listActions } from "~/actions/queries.server";
import { ActionsTable } from "~/components/actions/actions-table";
import { clockToday } from "~/platform/clock.server";
import { getDb } from "~/db.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { ObjectiveList } from "~/components/purpose/objective-list";
import { ownObjectives } from "~/purpose/objectives.server";
import { ActionsIOwn, CompletedWorkTable, OpenWorkTable } from "~/components/my-work/my-work-tables";

export const meta: MetaFunction = () => [{ title: "My work – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAllowed(user, "view", "my-work");
  const today = clockToday();
  const ownedActions = listActions(getDb(), { ownerUserId: user.id, show: "open" }, today).map((row) => actionListItem(row, today));
  // A head of service sits above the teams: no casework of their own, but actions they own.
  if (user.role === "head_of_service" && user.ownTeamId === null) return { aboveTheTeams: true as const, name: user.name, ownedActions };
  const mine = await myWorkOfSignedIn(request);
  return { aboveTheTeams: false as const, ...mine, ownedActions, objectives: ownObjectives(getDb(), mine.workerId, monthOf(mine.work.asOf), today) };
}

export default function MyWork() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.aboveTheTeams) return <ActionsIOwn name={loaded.name} ownedActions={loaded.ownedActions} />;
  const { name, workerId, team, work, asOfChosen, ownedActions, objectives } = loaded;
  const month = monthOf(work.asOf);
  return (
    <>
      <span className="govuk-caption-l">{team.name}</span>
      <h1 className="govuk-heading-xl">My work</h1>
      <p className="govuk-body-l">
        {name}, as of {formatDate(work.asOf)}.
      </p>
      <ReportActions
        csvHref={`/my-work.csv${asOfChosen ? `?asOf=${work.asOf}` : ""}`}
        csvLabel="Download my work (CSV)"
        printHeading={`My work: ${name}, ${team.name}. Data as of ${formatDate(work.asOf)}.`}
      />
      <ul className="app-figures" aria-label="My figures">
        <li className="app-figure">
          <span className="app-figure__value">{work.open.length}</span>
          <span className="app-figure__label">Open work items</span>
        </li>
        <li className={`app-figure${work.overdue ? " app-figure--warning" : ""}`}>
          <span className="app-figure__value">{work.overdue}</span>
          <span className="app-figure__label">Overdue</span>
        </li>
        <li className="app-figure">
          <span className="app-figure__value">{work.dueSoon}</span>
          <span className="app-figure__label">Due in the next {DUE_SOON_DAYS} days</span>
        </li>
        <li className="app-figure">
          <span className="app-figure__value">{work.completed.length}</span>
          <span className="app-figure__label">
            Completed in {formatMonthLong(month)}, {work.completedOnTime} on time
          </span>
        </li>
      </ul>

      <h2 className="govuk-heading-l" id="my-objectives-heading">
        My objectives
      </h2>
      {objectives.individual.length === 0 ? (
        <p className="govuk-body">You have no objectives of your own set for {formatMonthLong(month)}.</p>
      ) : (
        <ObjectiveList id="my-objectives" objectives={objectives.individual} />
      )}
      {objectives.team.length > 0 && (
        <>
          <h3 className="govuk-heading-s">{team.name}'s objectives</h3>
          <ul className="govuk-list govuk-list--bullet" id="my-team-objectives">
            {objectives.team.map((o) => (
              <li key={o.id}>{o.statement}</li>
            ))}
          </ul>
        </>
      )}
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to={`/teams/${team.slug}/purpose`}>
          {team.name}'s purpose and ground rules
        </Link>
      </p>

      <h2 className="govuk-heading-l" id="my-actions-heading">
        Actions I own
      </h2>
      {ownedActions.length === 0 ? (
        <p className="govuk-body">You own no open actions.</p>
      ) : (
        <ActionsTable id="my-actions" actions={ownedActions} caption={`${ownedActions.length} open, soonest deadline first`} showTeam showOwner={false} />
      )}
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to="/account/calendar">
          Put my action deadlines in my calendar
        </Link>
        {" · "}
        <Link className="govuk-link" to="/account/reminders">
          Choose my reminders by email
        </Link>
      </p>

      <h2 className="govuk-heading-l" id="open-heading">
        My open work, most urgent first
      </h2>
      {work.open.length === 0 ? <p className="govuk-body">You have no open work items.</p> : <OpenWorkTable rows={work.open} />}

      <h2 className="govuk-heading-l" id="completed-heading">
        Completed in {formatMonthLong(month)}
      </h2>
      {work.completed.length === 0 ? <p className="govuk-body">You have not completed any work items this month yet.</p> : <CompletedWorkTable rows={work.completed} />}

      <h2 className="govuk-heading-l">{team.name} this month</h2>
      <ul className="app-figures" aria-label={`${team.name}'s figures this month`}>
        {(
          [
            ["Allocated", work.team.allocated],
            ["Awaiting allocation", work.team.awaitingAllocation],
            ["Overdue", work.team.overdue],
            ["Completed", work.team.completed],
            ["On time", timelinessOf(work.team)],
          ] as const
        ).map(([label, value]) => (
          <li className="app-figure" key={label}>
            <span className="app-figure__value">{value ?? "–"}</span>
            <span className="app-figure__label">{label}</span>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/teams/${team.slug}?worker=${workerId}`}>
          My figures month by month
        </Link>
        {" · "}
        <Link className="govuk-link" to={`/teams/${team.slug}`}>
          {team.name}'s report
        </Link>
      </p>
    </>
  );
}
