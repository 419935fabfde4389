import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { actionDateFields, actionFields, followUpForm, REASON_MAX, OWNER_ACCOUNT_MADE, ownerNeedsAccount } from "~/actions/action-forms";
import { actionListItem } from "~/actions/action-view";
import { actionChoices } from "~/actions/choices.server";
import { createAction } from "~/actions/commands.server";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { ActionFormFields, type ActionValues } from "~/components/actions/action-form-fields";
import { DateInput } from "~/components/ui/date-input";
import { gatherDateParts, type DateParts } from "~/forms/date-field";
import { ActionState, ActionsTable } from "~/components/actions/actions-table";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { SummaryRow } from "~/components/ui/summary-row";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { cycleContext } from "~/cycle/cycle-context.server";
import { cycleHref } from "~/cycle/cycle-href";
import { formatDate, formatMonthLong } from "~/dates";
import { FOLLOW_UP_ITEM, followUpLabels, meetingForm, NOTE_MAX, noteFieldId } from "~/meetings/meeting-forms";
import { actionsAgreed, actionsToFollowUp, followUpAction, meetingFormErrors, meetingOf, nextToFollowUp, saveMeeting, teamMembers } from "~/meetings/meetings.server";
import { termsOfReferenceFor } from "~/meetings/terms-of-reference.server";
import { requireAllowed } from "~/people/guard.server";
import { followUpOutcomes } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Team meeting, ${data.monthLabel}: ${data.team.name} – Primed` : "Team meeting – Primed" }];

/** The list item of an action in the follow-up. */
const followUpItemId = (actionId: number) => `follow-up-${actionId}`;

/** The meeting of the address's month, once set up; before that, the cycle page is where it is set up. */
async function meetingContext(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await cycleContext(request, params);
  const meeting = meetingOf(context.db, context.team.id, context.month);
  if (!meeting) throw data(`${context.team.name}'s meeting for ${formatMonthLong(context.month)} has not been set up yet: set it up on the month's cycle page.`, { status: 404 });
  return { ...context, meeting };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, today, month, team, canManage, meeting } = await meetingContext(request, params);
  const members = teamMembers(db, team.id);
  const terms = termsOfReferenceFor(db, team.type);
  return {
    team: { name: team.name, slug: team.slug, typeLabel: team.typeLabel },
    month,
    monthLabel: formatMonthLong(month),
    meeting: { ...meeting, heldOnLabel: formatDate(meeting.heldOn) },
    terms: { purpose: terms.purpose, chair: terms.chair, decisions: terms.decisions, escalates: terms.escalates },
    members: members.map((m) => ({ ...m, attended: meeting.attendees.includes(m.id), apologised: meeting.apologies.includes(m.id) })),
    followUps: actionsToFollowUp(db, meeting, today).map(({ action, followUp }) => ({
      action: actionListItem(action, today),
      followUp: followUp && { ...followUp, label: followUpLabels[followUp.outcome], newDeadline: followUp.newDeadline && formatDate(followUp.newDeadline) },
    })),
    agreed: actionsAgreed(db, meeting, today).map((a) => actionListItem(a, today)),
    choices: canManage ? actionChoices(db, team.id, today) : null,
    canManage,
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

/**
 * After a follow-up is recorded, focus moves to the first choice of the next
 * action still to follow up (named by `next` in the address), or to the
 * record of the meeting when none is left: the person carries on down the
 * list, which keeps its order. Keyed by the location, so each save moves it once.
 */
function useFocusAfterFollowUp() {
  const location = useLocation();
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (params.get("saved") !== "follow-up") return;
    const next = params.get("next");
    const target = next === null ? document.getElementById("record-heading") : document.querySelector<HTMLElement>(`#${followUpItemId(Number(next))} input[type=radio]`);
    if (!target) return;
    if (next === null) target.setAttribute("tabindex", "-1");
    target.focus();
  }, [location.key, location.search]);
}

const intentSchema = z.object({ intent: z.enum(["save", "follow-up", "add-action"], { message: "The form was not one this page has: open it again" }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, today, month, team, meeting } = await meetingContext(request, params);
  requireAllowed(user, "manage", "cycles", { teamId: team.id });
  const form = await request.formData();
  const values = gatherDateParts(formObject(form, ["attendee", "apology", "note"]), ["heldOn", ...actionDateFields]);
  const intent = intentSchema.safeParse(values);
  if (!intent.success) return data({ intent: null, errors: { form: intent.error.issues[0]!.message }, values }, { status: 400 });
  const back = (anchor: string, saved: string) => redirect(`${cycleHref(team.slug, month, "meeting")}?saved=${saved}#${anchor}`);
  switch (intent.data.intent) {
    case "save": {
      const parsed = meetingForm.safeParse(values);
      const result = parsed.success ? saveMeeting(db, user, meeting, parsed.data, today) : { ok: false as const, errors: meetingFormErrors(parsed.error) };
      if (!result.ok) return data({ intent: "save", errors: result.errors, values }, { status: 400 });
      return back("record-heading", "record");
    }
    case "follow-up": {
      const parsed = followUpForm.safeParse(values);
      // Each action's fields carry its id, so a message leads to the right row.
      const suffix = `-${String(values.action ?? "")}`;
      const result = parsed.success
        ? followUpAction(db, user, meeting, parsed.data, today)
        : { ok: false as const, errors: Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([k, v]) => [k === "form" ? k : `${k}${suffix}`, v])) };
      if (!result.ok) return data({ intent: "follow-up", errors: result.errors, values }, { status: 400 });
      // On to the next action still to follow up, or, when none is left, to the record of the meeting.
      const next = nextToFollowUp(actionsToFollowUp(db, meeting, today), parsed.data!.action);
      return redirect(`${cycleHref(team.slug, month, "meeting")}?saved=follow-up${next === null ? "#record-heading" : `&next=${next}#${followUpItemId(next)}`}`);
    }
    case "add-action": {
      const parsed = actionFields.safeParse(values);
      const result = parsed.success
        ? createAction(db, user, { teamId: team.id, month, meetingId: meeting.id }, parsed.data, today)
        : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
      if (!result.ok) return data({ intent: "add-action", errors: result.errors, values }, { status: 400 });
      return back("agreed-heading", ownerNeedsAccount(parsed.data!) ? "action-account" : "action");
    }
  }
}

const savedMessages: Record<string, string> = {
  record: "The record of the meeting is saved.",
  "follow-up": "The follow-up is recorded, and the action updated.",
  action: "Action added: its owner sees it on My work.",
  "action-account": `Action added. ${OWNER_ACCOUNT_MADE}`,
};

export default function MeetingPage() {
  const { team, month, monthLabel, meeting, terms, members, followUps, agreed, choices, canManage, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useFocusAfterFollowUp();
  const errorsOf = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  // What was typed in one action's follow-up, kept in its boxes after an error.
  const followUpTyped = (actionId: number) =>
    result?.intent === "follow-up" && String(result.values.action) === String(actionId) ? (result.values as { newDeadline?: DateParts }) : undefined;
  const posted = result?.intent === "save" ? (result.values as { heldOn?: DateParts; note?: string[]; keyMessages?: string; decisions?: string }) : undefined;
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Teams", to: "/teams" },
          { label: team.name, to: `/teams/${team.slug}` },
          { label: `${monthLabel} cycle`, to: cycleHref(team.slug, month) },
          { label: "Team meeting" },
        ]}
      />
      <SavedBanner message={saved && !result ? (savedMessages[saved] ?? null) : null} />
      <ErrorSummary errors={result?.errors} prefix={result?.intent === "add-action" ? "new-" : ""} />
      <span className="govuk-caption-l">{team.name}</span>
      <h1 className="govuk-heading-xl">The team meeting for {monthLabel}</h1>
      <p className="govuk-body">
        {meeting.held ? "Held" : "Planned"} on {meeting.heldOnLabel}. {terms.purpose}
      </p>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Terms of reference</span>
        </summary>
        <div className="govuk-details__text">
          <dl className="govuk-summary-list">
            <SummaryRow label="Purpose">{terms.purpose}</SummaryRow>
            <SummaryRow label="Chair">{terms.chair}</SummaryRow>
            <SummaryRow label="Decisions it may take">{terms.decisions}</SummaryRow>
            <SummaryRow label="What it escalates">{terms.escalates}</SummaryRow>
          </dl>
        </div>
      </details>

      <section className="app-report-section" aria-labelledby="follow-up-heading">
        <h2 className="govuk-heading-l" id="follow-up-heading">
          1. {FOLLOW_UP_ITEM}
        </h2>
        {followUps.length === 0 ? (
          <p className="govuk-body">No actions were open from earlier months.</p>
        ) : (
          <ol className="govuk-list app-notes" id="follow-ups">
            {followUps.map(({ action, followUp }) => (
              <li key={action.id} id={followUpItemId(action.id)} data-action-id={action.id}>
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <a className="govuk-link" href={`/actions/${action.id}`}>
                    {action.title}
                  </a>{" "}
                  ({action.ownerName}, deadline {formatDate(action.deadline)}): <ActionState action={action} />
                </p>
                {followUp && (
                  <p className="govuk-body govuk-!-margin-bottom-1" data-follow-up={followUp.outcome}>
                    <strong>Followed up: {followUp.label}</strong>
                    {followUp.newDeadline ? `, to ${followUp.newDeadline}` : ""}
                    {followUp.reason ? `. ${followUp.reason}` : ""}
                  </p>
                )}
                {canManage && (
                  <FollowUpForm actionId={action.id} errors={errorsOf("follow-up")} typed={followUpTyped(action.id)} recorded={Boolean(followUp)} escalated={action.escalated} />
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="app-report-section" aria-labelledby="record-heading">
        <h2 className="govuk-heading-l" id="record-heading">
          The record of the meeting
        </h2>
        {canManage ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            <div className="app-field-row">
              <DateInput name="heldOn" legend="Date" error={errorsOf("save")?.heldOn} value={posted?.heldOn ?? meeting.heldOn} />
              <Field id="chair" label="Chair" error={errorsOf("save")?.chair}>
                {(describedBy, invalid) => (
                  <input
                    className={`govuk-input govuk-input--width-20${invalid ? " govuk-input--error" : ""}`}
                    id="chair"
                    name="chair"
                    defaultValue={meeting.chair}
                    aria-describedby={describedBy}
                  />
                )}
              </Field>
            </div>
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who attended from the team</legend>
                <MemberCheckboxes members={members} name="attendee" checked={(m) => m.attended} />
              </fieldset>
            </div>
            <ApologiesField members={members} errors={errorsOf("save")} />
            <Field id="guests" label="Guests" hint="One a line: name and role, such as “Sam Patel, hospital discharge lead”." error={errorsOf("save")?.guests}>
              {(describedBy, invalid) => (
                <textarea
                  className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                  id="guests"
                  name="guests"
                  rows={2}
                  defaultValue={meeting.guests.join("\n")}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            {meeting.agenda.map((item, index) => (
              <Field key={item.title} id={noteFieldId(index)} label={`${index + 2}. ${item.title}: notes`} error={errorsOf("save")?.[noteFieldId(index)]}>
                {(describedBy, invalid) => (
                  <textarea
                    className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                    id={noteFieldId(index)}
                    name="note"
                    rows={3}
                    maxLength={NOTE_MAX}
                    defaultValue={posted?.note?.[index] ?? item.notes}
                    aria-describedby={describedBy}
                  />
                )}
              </Field>
            ))}
            <Field
              id="keyMessages"
              label="Key messages for the team"
              hint="The story of the month, simply: what the figures say and what the team will do about it."
              error={errorsOf("save")?.keyMessages}
            >
              {(describedBy, invalid) => (
                <textarea
                  className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                  id="keyMessages"
                  name="keyMessages"
                  rows={4}
                  maxLength={NOTE_MAX}
                  defaultValue={posted?.keyMessages ?? meeting.keyMessages}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <Field id="decisions" label="Decisions" error={errorsOf("save")?.decisions}>
              {(describedBy, invalid) => (
                <textarea
                  className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                  id="decisions"
                  name="decisions"
                  rows={3}
                  maxLength={NOTE_MAX}
                  defaultValue={posted?.decisions ?? meeting.decisions}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <div className="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="held" name="held" type="checkbox" defaultChecked={meeting.held} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="held">
                  The meeting has been held
                </label>
              </div>
            </div>
            <button type="submit" className="govuk-button">
              Save the record
            </button>
          </Form>
        ) : (
          <MeetingRecord meeting={meeting} members={members} />
        )}
      </section>

      <section className="app-report-section" aria-labelledby="agreed-heading">
        <h2 className="govuk-heading-l" id="agreed-heading">
          Actions agreed
        </h2>
        {agreed.length === 0 ? (
          <p className="govuk-body">No actions agreed yet. Every discussion should end in a decision or an action.</p>
        ) : (
          <ActionsTable id="agreed-actions" actions={agreed} caption={`${agreed.length} agreed in this meeting`} />
        )}
        {choices && (
          <Form method="post" noValidate className="app-quick-action">
            <input type="hidden" name="intent" value="add-action" />
            <h3 className="govuk-heading-m">Add an action</h3>
            <ActionFormFields
              choices={choices}
              values={result?.intent === "add-action" ? (result.values as ActionValues) : undefined}
              errors={errorsOf("add-action")}
              prefix="new-"
            />
            <button type="submit" className="govuk-button">
              Add the action
            </button>
          </Form>
        )}
      </section>
      <p className="govuk-body">
        <Link className="govuk-link" to={cycleHref(team.slug, month)}>
          Back to the {monthLabel} cycle
        </Link>
      </p>
    </>
  );
}

function FollowUpForm({
  actionId,
  errors,
  typed,
  recorded,
  escalated,
}: {
  actionId: number;
  errors?: Record<string, string>;
  typed?: { newDeadline?: DateParts };
  recorded: boolean;
  escalated: boolean;
}) {
  const id = (field: string) => `${field}-${actionId}`;
  return (
    <Form method="post" noValidate className="app-follow-up">
      <input type="hidden" name="intent" value="follow-up" />
      <input type="hidden" name="action" value={actionId} />
      <div className={`govuk-form-group${errors?.[id("outcome")] ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errors?.[id("outcome")] ? `${id("outcome")}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{recorded ? "Correct the follow-up" : "What happened to it"}</legend>
          {errors?.[id("outcome")] && (
            <p id={`${id("outcome")}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors[id("outcome")]}
            </p>
          )}
          <div className="govuk-radios govuk-radios--small govuk-radios--inline" id={id("outcome")}>
            {followUpOutcomes.map((outcome) => (
              <div className="govuk-radios__item" key={outcome}>
                <input className="govuk-radios__input" id={`${id("outcome")}-${outcome}`} name="outcome" type="radio" value={outcome} />
                <label className="govuk-label govuk-radios__label" htmlFor={`${id("outcome")}-${outcome}`}>
                  {followUpLabels[outcome]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="app-field-row">
        <DateInput
          name="newDeadline"
          id={id("newDeadline")}
          legend="New deadline (if carried forward)"
          hint={escalated ? "It is escalated: a new deadline ends the escalation. Escalate it again from its page if it still needs the head of service." : undefined}
          error={errors?.[id("newDeadline")]}
          value={typed?.newDeadline}
        />
        <Field id={id("reason")} label="Why (if carried forward or closed)" error={errors?.[id("reason")]}>
          {(describedBy, invalid) => (
            <input
              className={`govuk-input govuk-input--width-30${invalid ? " govuk-input--error" : ""}`}
              id={id("reason")}
              name="reason"
              maxLength={REASON_MAX}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2">
        Record the follow-up
      </button>
    </Form>
  );
}

/** Who sent apologies, ticked like the attendance; a message names the person ticked in both. */
function ApologiesField({ members, errors }: { members: { id: number; name: string; apologised: boolean }[]; errors?: Record<string, string> }) {
  const problem = Object.entries(errors ?? {}).find(([key]) => key.startsWith("apology-"));
  return (
    <div className={`govuk-form-group${problem ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={problem ? "apologies-error" : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who sent apologies</legend>
        {problem && (
          <p id="apologies-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {problem[1]}
          </p>
        )}
        <MemberCheckboxes members={members} name="apology" checked={(m) => m.apologised} />
      </fieldset>
    </div>
  );
}

/** The team's members as small checkboxes, for who attended and who sent apologies alike; each box's id is `${name}-${member id}`. */
function MemberCheckboxes<M extends { id: number; name: string }>({ members, name, checked }: { members: M[]; name: string; checked: (member: M) => boolean }) {
  return (
    <div className="govuk-checkboxes govuk-checkboxes--small app-attendees" data-module="govuk-checkboxes">
      {members.map((m) => (
        <div className="govuk-checkboxes__item" key={m.id}>
          <input className="govuk-checkboxes__input" id={`${name}-${m.id}`} name={name} type="checkbox" value={m.id} defaultChecked={checked(m)} />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={`${name}-${m.id}`}>
            {m.name}
          </label>
        </div>
      ))}
    </div>
  );
}

function MeetingRecord({
  meeting,
  members,
}: {
  meeting: { chair: string; guests: string[]; agenda: { title: string; notes: string }[]; keyMessages: string; decisions: string };
  members: { name: string; attended: boolean; apologised: boolean }[];
}) {
  const attended = members.filter((m) => m.attended).map((m) => m.name);
  const apologies = members.filter((m) => m.apologised).map((m) => m.name);
  return (
    <dl className="govuk-summary-list" id="meeting-record">
      <SummaryRow label="Chair">{meeting.chair || "Not recorded"}</SummaryRow>
      <SummaryRow label="Attended">{attended.join(", ") || "Not recorded"}</SummaryRow>
      <SummaryRow label="Apologies">{apologies.join(", ") || "None"}</SummaryRow>
      <SummaryRow label="Guests">{meeting.guests.join(", ") || "None"}</SummaryRow>
      {meeting.agenda.map((item, index) => (
        <SummaryRow key={item.title} label={`${index + 2}. ${item.title}`}>
          {item.notes || "No notes."}
        </SummaryRow>
      ))}
      <SummaryRow label="Key messages">{meeting.keyMessages || "Not written yet."}</SummaryRow>
      <SummaryRow label="Decisions">{meeting.decisions || "None recorded."}</SummaryRow>
    </dl>
  );
}
