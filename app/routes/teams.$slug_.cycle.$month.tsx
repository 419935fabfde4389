import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { fieldErrorsOf } from "~/forms/form-kit";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DateInput } from "~/components/ui/date-input";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { StageTag } from "~/components/cycle/stage-tag";
import { cycleContext } from "~/cycle/cycle-context.server";
import { cycleHref } from "~/cycle/cycle-href";
import { stageDueOn, stageLabels, stages, type Stage } from "~/cycle/cycle-status";
import { cycleForms, PURPOSE_NOTE_MAX } from "~/cycle/cycle-forms";
import { confirmPurpose, cycleRow, cycleStatus } from "~/cycle/cycles.server";
import { gatherDateParts, type DateParts } from "~/forms/date-field";
import { addMonths, formatDate, formatMoment, formatMonthLong } from "~/dates";
import { FIRST_SHEET_MONTH, lastFinishedMonth } from "~/interpretation/prompt-sheets.server";
import { meetingOf, setUpMeeting } from "~/meetings/meetings.server";
import { requireAllowed } from "~/people/guard.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.monthLabel} cycle: ${data.team.name} – Primed` : "Cycle – Primed" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, today, month, team, canManage } = await cycleContext(request, params);
  const status = cycleStatus(db, team.id, month, today);
  const row = cycleRow(db, team.id, month);
  const meeting = meetingOf(db, team.id, month);
  const latest = lastFinishedMonth(today);
  return {
    team: { name: team.name, slug: team.slug, typeLabel: team.typeLabel },
    month,
    monthLabel: formatMonthLong(month),
    facts: status.facts,
    stages: stages.map((stage) => ({ stage, status: status.stages[stage], late: status.late.includes(stage), dueLabel: formatDate(stageDueOn(stage, month)) })),
    purpose: row?.purposeConfirmedAt ? { when: formatMoment(row.purposeConfirmedAt), note: row.purposeNote } : null,
    pack: row?.packIssuedAt ? { when: formatMoment(row.packIssuedAt) } : null,
    meeting: meeting && { heldOn: formatDate(meeting.heldOn), held: meeting.held, keyMessages: meeting.keyMessages },
    suggestedMeetingDate: stageDueOn("communication", month),
    reportHref: `/teams/${team.slug}?from=${addMonths(month, -11)}&to=${month}`,
    previous: month > FIRST_SHEET_MONTH ? addMonths(month, -1) : null,
    next: month < latest ? addMonths(month, 1) : null,
    canManage,
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, today, month, team } = await cycleContext(request, params);
  requireAllowed(user, "manage", "cycles", { teamId: team.id });
  const values = gatherDateParts(Object.fromEntries(await request.formData()), ["heldOn"]);
  // The typed date goes back with a message, so the boxes keep it.
  const typed = { heldOn: values.heldOn as DateParts | undefined };
  const parsed = cycleForms.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), typed }, { status: 400 });
  if (parsed.data.intent === "confirm-purpose") {
    confirmPurpose(db, user, team.id, month, parsed.data.note);
    return redirect(`${cycleHref(team.slug, month)}?saved=purpose#purpose`);
  }
  const setUp = setUpMeeting(db, user, team, month, parsed.data.heldOn, today);
  if (!setUp.ok) return data({ errors: setUp.errors, typed }, { status: 400 });
  return redirect(cycleHref(team.slug, month, "meeting"));
}

export default function CyclePage() {
  const {
    team,
    month,
    monthLabel,
    facts,
    stages: stageList,
    purpose,
    pack,
    meeting,
    suggestedMeetingDate,
    reportHref,
    previous,
    next,
    canManage,
    saved,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const stageOf = (stage: Stage) => stageList.find((s) => s.stage === stage)!;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/teams" }, { label: team.name, to: `/teams/${team.slug}` }, { label: `${monthLabel} cycle` }]} />
      <SavedBanner message={saved === "purpose" && !result ? "The purpose is confirmed for the month." : null} />
      <ErrorSummary errors={result?.errors} />
      <span className="govuk-caption-l">{team.typeLabel}</span>
      <h1 className="govuk-heading-xl">
        {team.name}: the {monthLabel} cycle
      </h1>
      <p className="govuk-body">
        Five stages, in order: purpose, data, interpretation, communication and action. Each stage has a day it should be done by, so a cycle that falls behind shows early.
      </p>
      <ol className="app-cycle-stages" aria-label="The stages at a glance">
        {stageList.map((s) => (
          <li key={s.stage} className="app-cycle-stages__item">
            <a className="govuk-link" href={`#${s.stage}`}>
              {stageLabels[s.stage]}
            </a>{" "}
            <StageTag status={s.status} late={s.late} />
          </li>
        ))}
      </ol>
      <nav className="app-no-print govuk-body" aria-label="Other months">
        {previous && (
          <Link className="govuk-link govuk-!-margin-right-4" to={cycleHref(team.slug, previous)}>
            Previous month: {formatMonthLong(previous)}
          </Link>
        )}
        {next && (
          <Link className="govuk-link" to={cycleHref(team.slug, next)}>
            Next month: {formatMonthLong(next)}
          </Link>
        )}
      </nav>

      <StageSection stage="purpose" info={stageOf("purpose")} title="1. Purpose">
        <p className="govuk-body">
          {facts.objectives === 0
            ? "The team has no objectives in force this month."
            : `${facts.objectives} team ${facts.objectives === 1 ? "objective is" : "objectives are"} in force this month.`}{" "}
          <Link className="govuk-link" to={`/teams/${team.slug}/purpose`}>
            See and change the team's purpose
          </Link>
        </p>
        {purpose && (
          <p className="govuk-body" id="purpose-confirmed">
            Confirmed on {purpose.when}. {purpose.note ? `What changed: ${purpose.note}` : "The objectives stand as they were."}
          </p>
        )}
        {canManage && (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="confirm-purpose" />
            <Field id="note" label="What changed in the objectives this month (leave blank if nothing did)" error={result?.errors.note}>
              {(describedBy, invalid) => (
                <textarea
                  className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                  id="note"
                  name="note"
                  rows={2}
                  maxLength={PURPOSE_NOTE_MAX}
                  defaultValue={purpose?.note}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <button type="submit" className="govuk-button govuk-button--secondary">
              {purpose ? "Confirm again" : "Confirm the purpose"}
            </button>
          </Form>
        )}
      </StageSection>

      <StageSection stage="data" info={stageOf("data")} title="2. Data">
        <p className="govuk-body">
          {facts.figuresComplete
            ? `The figures for ${monthLabel} are whole: data was loaded after the month ended.`
            : `The figures for ${monthLabel} are not whole yet: no data has been loaded since the month ended.`}{" "}
          <Link className="govuk-link" to={reportHref}>
            The live report
          </Link>
        </p>
        <p className="govuk-body">
          {pack
            ? `The meeting pack was issued on ${pack.when}: it keeps the figures as they were then.`
            : "When the meeting pack is issued, the month's figures are frozen in it, so the record shows what people saw."}{" "}
          <Link className="govuk-link" to={cycleHref(team.slug, month, "pack")}>
            {pack ? "Open the pack" : "Prepare the pack"}
          </Link>
        </p>
      </StageSection>

      <StageSection stage="interpretation" info={stageOf("interpretation")} title="3. Interpretation">
        <p className="govuk-body">
          {facts.promptSheetSaved ? "The prompt sheet is answered." : "The prompt sheet has not been answered yet."}{" "}
          <Link className="govuk-link" to={`/teams/${team.slug}/prompts?month=${month}`}>
            Open the prompt sheet
          </Link>
        </p>
      </StageSection>

      <StageSection stage="communication" info={stageOf("communication")} title="4. Communication">
        {meeting ? (
          <>
            <p className="govuk-body">
              The team meeting {meeting.held ? "was held" : "is planned"} on {meeting.heldOn}.{" "}
              {meeting.keyMessages ? "The key messages are written." : "The key messages are not written yet."}
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" to={cycleHref(team.slug, month, "meeting")}>
                Open the meeting
              </Link>
            </p>
          </>
        ) : canManage ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="set-up-meeting" />
            <DateInput
              name="heldOn"
              legend="Date of the team meeting"
              hint="The agenda comes from the team type's terms of reference."
              error={result?.errors.heldOn}
              value={result?.typed.heldOn ?? suggestedMeetingDate}
            />
            <button type="submit" className="govuk-button">
              Set up the meeting
            </button>
          </Form>
        ) : (
          <p className="govuk-body">The team meeting has not been set up yet.</p>
        )}
      </StageSection>

      <StageSection stage="action" info={stageOf("action")} title="5. Action">
        <p className="govuk-body" id="action-stage">
          {followUpSentence(facts, meeting !== null)}{" "}
          {facts.agreed === 0 ? "No actions agreed yet." : `${facts.agreed} ${facts.agreed === 1 ? "action" : "actions"} agreed in the meeting.`}
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/teams/${team.slug}/actions`}>
            The team's action log
          </Link>
        </p>
      </StageSection>
    </>
  );
}

/** What the action stage says of the actions open from earlier months: counted from the start, followed up once the meeting is set up. */
function followUpSentence(facts: { toFollowUp: number; followedUp: number; escalatedToFollowUp: number }, meetingSetUp: boolean): string {
  const { toFollowUp, followedUp, escalatedToFollowUp } = facts;
  if (toFollowUp === 0) return "No actions are open from earlier months.";
  const actions = `${toFollowUp} ${toFollowUp === 1 ? "action" : "actions"} open from earlier months`;
  const escalated = escalatedToFollowUp === 0 ? "" : ` (${escalatedToFollowUp} escalated)`;
  return meetingSetUp ? `${followedUp} of ${actions}${escalated} followed up.` : `${actions}${escalated}: the meeting follows ${toFollowUp === 1 ? "it" : "them"} up first.`;
}

function StageSection({
  stage,
  info,
  title,
  children,
}: {
  stage: Stage;
  info: { status: "not_started" | "in_progress" | "done"; late: boolean; dueLabel: string };
  title: string;
  children: ReactNode;
}) {
  return (
    <section className="app-report-section" aria-labelledby={`${stage}-heading`} id={stage}>
      <h2 className="govuk-heading-l" id={`${stage}-heading`}>
        {title} <StageTag status={info.status} late={info.late} />
      </h2>
      <p className="govuk-body-s app-secondary-text">Should be done by {info.dueLabel}.</p>
      {children}
    </section>
  );
}
