import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { Pagination } from "~/components/ui/pagination";
import { addMonths, formatDate, formatMoment, formatMonthLong } from "~/dates";
import { careBookReady } from "~/care/care-book.server";
import { getDb } from "~/db.server";
import {
  answerFieldId,
  FIRST_SHEET_MONTH,
  lastFinishedMonth,
  promptSheet,
  savePromptSheet,
  SHEET_ANSWER_MAX,
  sheetFormErrors,
  sheetFormSchema,
  sheetMonthOf,
} from "~/interpretation/prompt-sheets.server";
import { signalsHref } from "~/interpretation/signals-href";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { findTeamBySlug } from "~/teams/teams.server";
import { clockToday } from "~/platform/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Prompt sheet, ${data.monthLabel}: ${data.team.name} – Primed` : "Prompt sheet – Primed" }];

const addressSchema = z.object({ month: z.string().max(20, "The month in the address must be written as YYYY-MM").nullable() });

/** The team and month in the address, once the user may see the team's sheets; or a 404, 403 or 400 page. */
async function sheetContext(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const db = getDb();
  const team = findTeamBySlug(db, slug ?? "");
  if (!team) throw data(`There is no team at this address ("${slug}").`, { status: 404 });
  requireAllowed(user, "view", "prompt-sheets", { teamId: team.id });
  const address = addressSchema.safeParse({ month: new URL(request.url).searchParams.get("month") });
  if (!address.success) throw data(address.error.issues[0]!.message, { status: 400 });
  const today = clockToday();
  const month = sheetMonthOf(address.data.month, today);
  if (!month.ok) throw data(month.error, { status: 400 });
  // The sheet's signals include the care series.
  await careBookReady(db);
  return { user, db, team, month: month.month, today };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, team, month, today } = await sheetContext(request, params.slug);
  const sheet = promptSheet(db, team, month);
  const latest = lastFinishedMonth(today);
  return {
    team: { name: team.name, slug: team.slug, typeLabel: teamTypeLabels[team.type] },
    month,
    monthLabel: formatMonthLong(month),
    asOfLabel: formatDate(sheet.asOf),
    signals: sheet.signals.map((s) => ({ ...s, href: signalsHref(team.slug, s.key, null, sheet.asOf) })),
    // Field ids come from the server module, which names the fields in its error messages.
    questions: sheet.questions.map((question, index) => ({ question, id: answerFieldId(index), fromFigures: sheet.signals.some((s) => s.prompt === question) })),
    saved: sheet.saved && { entries: sheet.saved.entries, by: sheet.saved.by, when: formatMoment(sheet.saved.at) },
    signalsDiffer: sheet.signalsDiffer,
    previous: month > FIRST_SHEET_MONTH ? addMonths(month, -1) : null,
    next: month < latest ? addMonths(month, 1) : null,
    canSave: can(user, "manage", "prompt-sheets", { teamId: team.id }),
    answerMax: SHEET_ANSWER_MAX,
    justSaved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, team, month } = await sheetContext(request, params.slug);
  requireAllowed(user, "manage", "prompt-sheets", { teamId: team.id });
  const form = await request.formData();
  const posted = { question: form.getAll("question").map(String), answer: form.getAll("answer").map(String) };
  const parsed = sheetFormSchema.safeParse(posted);
  const result = parsed.success ? savePromptSheet(db, user, team, month, parsed.data) : { ok: false as const, errors: sheetFormErrors(parsed.error) };
  if (!result.ok) return data({ errors: result.errors, answers: posted.answer }, { status: 400 });
  return redirect(`/teams/${team.slug}/prompts?month=${month}&saved=1`);
}

const sheetHref = (slug: string, month: string) => `/teams/${slug}/prompts?month=${month}`;

export default function PromptSheetPage() {
  const { team, month, monthLabel, asOfLabel, signals, questions, saved, signalsDiffer, previous, next, canSave, answerMax, justSaved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const answerOf = (index: number) => result?.answers[index] ?? saved?.entries[index]?.answer ?? "";
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/teams" }, { label: team.name, to: `/teams/${team.slug}` }, { label: `Prompt sheet, ${monthLabel}` }]} />
      <SavedBanner message={justSaved && !result ? `Saved: the answers for ${monthLabel} are kept with the month.` : null} />
      <ErrorSummary errors={result?.errors} />
      <span className="govuk-caption-l">{team.typeLabel}</span>
      <h1 className="govuk-heading-xl">
        {team.name}: the prompt sheet for {monthLabel}
      </h1>
      <p className="govuk-body">
        Work through these questions before the team meeting: what changed, whether it is a real change or the usual ups and downs, why, and what is coming up. The figures are read
        as they stood at the end of {monthLabel} (data as of {asOfLabel}).
      </p>
      <MonthPicker slug={team.slug} previous={previous} next={next} />

      <section className="app-report-section" aria-labelledby="figures-heading">
        <h2 className="govuk-heading-l" id="figures-heading">
          What the figures say
        </h2>
        {saved && signalsDiffer && (
          <div className="govuk-inset-text">
            The figures read differently now from when this sheet was saved: these are the signals as they read today. The questions below are kept as they were asked.
          </div>
        )}
        {signals.length === 0 ? (
          <p className="govuk-body">
            No figure shows a special cause in {monthLabel}: the changes are the usual ups and downs. Nothing needs explaining as a signal, but{" "}
            <Link className="govuk-link" to={`/teams/${team.slug}/signals`}>
              the charts
            </Link>{" "}
            may still show something you expected to see.
          </p>
        ) : (
          <ul className="govuk-list govuk-list--spaced" id="signal-prompts">
            {signals.map((s) => (
              <li key={s.key} data-series={s.key}>
                <p className="govuk-body govuk-!-margin-bottom-1">{s.prompt}</p>
                <Link className="govuk-link govuk-body-s" to={s.href}>
                  Open the chart
                  <span className="govuk-visually-hidden">
                    : {s.label}, {monthLabel}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="app-report-section" aria-labelledby="answers-heading">
        <h2 className="govuk-heading-l" id="answers-heading">
          {canSave ? "Your answers" : "The manager's answers"}
        </h2>
        {saved ? (
          <p className="govuk-body app-secondary-text" id="saved-by">
            {`Saved by ${saved.by} on ${saved.when}.`}
          </p>
        ) : (
          <p className="govuk-body app-secondary-text" id="saved-by">
            {canSave
              ? "Not saved yet for this month. Questions from the figures come first."
              : `The team manager has not filled in the sheet for ${monthLabel} yet. These are the questions it asks.`}
          </p>
        )}
        {canSave ? (
          <Form method="post" noValidate key={month}>
            {questions.map(({ question, id, fromFigures }, index) => {
              return (
                // Keyed by the save too: the boxes then show the answers as stored.
                <div key={`${month}-${index}-${saved?.when ?? ""}`}>
                  <input type="hidden" name="question" value={question} />
                  <Field id={id} label={question} hint={fromFigures ? "Raised by the figures: see What the figures say." : undefined} error={result?.errors[id]}>
                    {(describedBy, invalid) => (
                      <textarea
                        className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                        id={id}
                        name="answer"
                        rows={3}
                        maxLength={answerMax}
                        defaultValue={answerOf(index)}
                        aria-describedby={describedBy}
                      />
                    )}
                  </Field>
                </div>
              );
            })}
            <p className="govuk-body govuk-hint">Up to {answerMax.toLocaleString("en-GB")} characters for each answer. Leave a question blank if it does not apply this month.</p>
            <button type="submit" className="govuk-button">
              Save the answers for {monthLabel}
            </button>
          </Form>
        ) : (
          <dl id="sheet-answers">
            {questions.map(({ question }, index) => {
              const answer = saved?.entries[index]?.answer ?? "";
              return (
                <div key={`${month}-${index}`} className="govuk-!-margin-bottom-6">
                  <dt className="govuk-heading-s govuk-!-margin-bottom-1">{question}</dt>
                  <dd className="govuk-!-margin-left-0">
                    {answer === "" ? (
                      <p className="govuk-body app-secondary-text">{saved ? "Not answered." : "Not answered yet."}</p>
                    ) : (
                      answer.split(/\n+/).map((paragraph, i) => (
                        <p className="govuk-body" key={i}>
                          {paragraph}
                        </p>
                      ))
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        )}
      </section>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/teams/${team.slug}`}>
          Back to {team.name}'s report
        </Link>
      </p>
    </>
  );
}

function MonthPicker({ slug, previous, next }: { slug: string; previous: string | null; next: string | null }) {
  if (!previous && !next) return null;
  return (
    <Pagination
      label="Other months' sheets"
      block
      arrows
      noPrint
      previous={previous ? { to: sheetHref(slug, previous), title: "Previous month", label: formatMonthLong(previous) } : null}
      next={next ? { to: sheetHref(slug, next), title: "Next month", label: formatMonthLong(next) } : null}
    />
  );
}
