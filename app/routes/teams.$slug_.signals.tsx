import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field } from "~/components/ui/form-errors";
import { SignalIcons } from "~/components/signals/spc-icons";
import { XmrChartWithTable } from "~/components/signals/xmr-chart";
import { LinkedActions } from "~/components/actions/linked-actions";
import { actionListItem } from "~/actions/action-view";
import { listActions } from "~/actions/queries.server";
import { clockToday } from "~/platform/clock.server";
import { formatDate, formatMonthLong, formatMonthShort } from "~/dates";
import { formatSeriesValue } from "~/interpretation/report-series";
import { fieldErrors, RECALCULATION_REASON_MAX, seriesFormRefusal, seriesFormSchema } from "~/interpretation/series-forms";
import { recordRecalculation, removeRecalculation, SeriesSettingError, setDirection, setTarget, WHOLE_SERVICE, WHOLE_TEAM } from "~/interpretation/series-settings.server";
import { signalView, type SignalView } from "~/interpretation/signals-view.server";
import { directionWords } from "~/interpretation/signal-words";
import { seriesReading, seriesReadings, signalMonths } from "~/interpretation/team-signals.server";
import { can } from "~/people/permissions";
import { requireAllowed, safeRedirectPath } from "~/people/guard.server";
import { teamContext } from "~/reports/team-context.server";
import { signalsHref } from "~/interpretation/signals-href";
import { SIGNAL_MONTHS } from "~/interpretation/report-series";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Signal or noise: ${data.worker ? `${data.worker.name}, ` : ""}${data.team.name} – Primed` : "Signal or noise – Primed" },
];

async function signalsContext(request: Request, slug: string | undefined) {
  const context = await teamContext(request, slug);
  const key = new URL(request.url).searchParams.get("series");
  const scope = { teamId: context.team.id, workerId: context.worker?.id };
  const focused = key === null ? undefined : seriesReading(context.db, scope, context.query.asOf, key);
  if (key !== null && !focused) throw data(`This report has no series called "${key}".`, { status: 404 });
  return { ...context, key, scope, focused };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, team, worker, query, scope, focused } = await signalsContext(request, params.slug);
  const readings = focused ? [focused] : seriesReadings(db, scope, query.asOf);
  const months = signalMonths(query.asOf);
  // A team's actions are meant to move the team's figures: a worker's chart does not show them.
  const today = clockToday();
  const linked = focused && !worker && can(user, "view", "actions", { teamId: team.id }) ? listActions(db, { teamIds: [team.id], series: focused.series.key }, today) : null;
  return {
    team: { name: team.name, slug: team.slug },
    worker,
    asOf: query.asOf,
    period: `${formatMonthShort(months[0]!)} to ${formatMonthShort(months.at(-1)!)}`,
    focused: Boolean(focused),
    signals: readings.map((reading) => signalView(reading, linked ?? [])),
    linkedActions: linked && linked.map((a) => actionListItem(a, today)),
    canManage: can(user, "manage", "interpretation", { teamId: team.id }),
    canManageService: can(user, "manage", "interpretation"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, team, worker, focused, scope } = await signalsContext(request, params.slug);
  requireAllowed(user, "manage", "interpretation", { teamId: team.id });
  if (!focused) throw data("Choose a series first: its settings are on its own chart.", { status: 400 });
  const parsed = seriesFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error.issues) }, { status: 400 });
  const form = parsed.data;
  const series = focused.series.key;
  const serviceWide = form.intent === "direction" || form.intent === "target" ? form.level === "service" : false;
  const refusal = seriesFormRefusal(form, {
    mayManageService: can(user, "manage", "interpretation"),
    workerOpen: Boolean(worker),
    months: focused.months,
    unit: focused.series.unit,
  });
  if (refusal) return data({ errors: refusal.errors }, { status: refusal.status });
  try {
    switch (form.intent) {
      case "recalculate": {
        recordRecalculation(db, user, { series, teamId: team.id, month: form.month, reason: form.reason });
        break;
      }
      case "remove-recalculation":
        removeRecalculation(db, user, form.id, team.id);
        break;
      case "direction":
        setDirection(db, user, { series, teamId: serviceWide ? WHOLE_SERVICE : team.id, direction: form.direction });
        break;
      case "target": {
        setTarget(db, user, {
          series,
          teamId: serviceWide ? WHOLE_SERVICE : team.id,
          workerId: form.level === "worker" ? scope.workerId! : WHOLE_TEAM,
          startMonth: form.startMonth,
          value: form.value,
        });
        break;
      }
    }
  } catch (error) {
    if (error instanceof SeriesSettingError) return data({ errors: { form: error.message } }, { status: 400 });
    throw error;
  }
  // Back to the page as it was asked for: its address is the request's, so through the one redirect check too.
  const url = new URL(request.url);
  return redirect(safeRedirectPath(url.pathname + url.search, `/teams/${team.slug}/signals`));
}

/** One series' chart; `ownHeading` when several share the page (a focused series has the page's heading). */
function SeriesSection({ signal, ownHeading }: { signal: SignalView; ownHeading: boolean }) {
  const id = `series-${signal.key.replace(/[^a-zA-Z0-9]+/g, "-")}`;
  return (
    <section className="app-report-section" aria-labelledby={ownHeading ? `${id}-heading` : "page-heading"}>
      {ownHeading && (
        <h2 className="govuk-heading-l" id={`${id}-heading`}>
          {signal.label}
        </h2>
      )}
      <p className="govuk-body">
        Each point: {signal.measures}. {directionWords[signal.direction].replace(/^./, (c) => c.toUpperCase())}
        {signal.direction === signal.defaultDirection ? "" : " (set for this team or service)"}.
        {signal.target
          ? ` Target ${formatSeriesValue(signal.target.value, signal.unit)} (${signal.target.level}, from ${formatMonthShort(signal.target.startMonth)}).`
          : " No target set."}
      </p>
      <SignalIcons variation={signal.variationIcon} assurance={signal.assuranceIcon} whyNone={signal.whyNoLimits} />
      {signal.prompt && <p className="govuk-inset-text">{signal.prompt}</p>}
      {signal.recalculations.length > 0 && (
        <ul className="govuk-list">
          {signal.recalculations.map((r) => (
            <li key={r.id}>
              Limits start again from {formatMonthLong(r.month)}: {r.reason} ({r.by}, {formatDate(r.at.slice(0, 10))})
            </li>
          ))}
        </ul>
      )}
      {signal.recalculationNotes.map((note) => (
        <p className="govuk-body-s" key={note}>
          {note}
        </p>
      ))}
      {signal.spec ? <XmrChartWithTable spec={signal.spec} tableId={`${id}-table`} /> : <p className="govuk-body">{signal.problem}</p>}
    </section>
  );
}

export default function Signals() {
  const { team, worker, asOf, period, focused, signals, canManage, canManageService, linkedActions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors as Record<string, string> | undefined;
  const who = worker ? `${worker.name}, ${team.name}` : team.name;
  const reportHref = `/teams/${team.slug}${worker ? `?worker=${worker.id}` : ""}`;
  const signal = focused ? signals[0]! : undefined;
  const allHref = `/teams/${team.slug}/signals${worker ? `?worker=${worker.id}` : ""}`;
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Teams", to: "/teams" },
          { label: who, to: reportHref },
          ...(signal ? [{ label: "Signal or noise", to: allHref }, { label: signal.label }] : [{ label: "Signal or noise" }]),
        ]}
      />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{who}</span>
      <h1 className="govuk-heading-xl" id="page-heading">
        {signal ? signal.label : "Signal or noise"}
      </h1>
      <p className="govuk-body">
        The {SIGNAL_MONTHS} finished months {period} (data as of {formatDate(asOf)}), read the Making Data Count way: the mean and process limits show the month-to-month variation
        to expect, and coloured points mark a special cause (blue an improvement, orange a concern, purple a change that is neither). The month in progress is left out until it
        ends.
      </p>
      {signal ? (
        <>
          <SeriesSection signal={signal} ownHeading={false} />
          {linkedActions && <LinkedActions actions={linkedActions} headingLevel={2} />}
          {canManage && <SeriesSettings signal={signal} worker={worker} canManageService={canManageService} errors={errors} />}
        </>
      ) : (
        signals.map((s) => (
          <div key={s.key}>
            <SeriesSection signal={s} ownHeading />
            <p className="govuk-body">
              <a className="govuk-link" href={signalsHref(team.slug, s.key, worker, asOf)}>
                {canManage ? "Target, direction and recalculation" : "This chart on its own"}
                <span className="govuk-visually-hidden">: {s.label}</span>
              </a>
            </p>
          </div>
        ))
      )}
    </>
  );
}

function SeriesSettings({
  signal,
  worker,
  canManageService,
  errors,
}: {
  signal: SignalView;
  worker: { id: number; name: string } | null;
  canManageService: boolean;
  errors?: Record<string, string>;
}) {
  const months = signal.months.slice(1);
  return (
    <section className="app-report-section" aria-labelledby="settings-heading">
      <h2 className="govuk-heading-l" id="settings-heading">
        Target, direction and recalculation
      </h2>

      <h3 className="govuk-heading-m">Start the limits again</h3>
      <p className="govuk-body">
        Only after a sustained change you understand, such as a new way of working that began in a known month. Never to make a bad month look better: it is on the record, with
        your name and reason.
      </p>
      {months.length > 0 && (
        // Keyed by the recalculations, so the form empties once one is recorded.
        <Form method="post" noValidate key={signal.recalculations.map((r) => r.id).join(",")}>
          <input type="hidden" name="intent" value="recalculate" />
          <Field id="month" label="The limits start again from" error={errors?.month}>
            {(describedBy, invalid) => (
              <select className={`govuk-select${invalid ? " govuk-select--error" : ""}`} id="month" name="month" aria-describedby={describedBy} defaultValue={months.at(-1)}>
                {months.map((m) => (
                  <option key={m} value={m}>
                    {formatMonthLong(m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="reason" label="Why" hint={`What changed, and when. Up to ${RECALCULATION_REASON_MAX} characters.`} error={errors?.reason}>
            {(describedBy, invalid) => (
              <textarea
                className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                id="reason"
                name="reason"
                rows={3}
                maxLength={RECALCULATION_REASON_MAX}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <button type="submit" className="govuk-button">
            Record the recalculation
          </button>
        </Form>
      )}
      {signal.recalculations.map((r) => (
        <Form method="post" key={r.id} className="app-inline-form">
          <input type="hidden" name="intent" value="remove-recalculation" />
          <input type="hidden" name="id" value={r.id} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Remove the recalculation from {formatMonthShort(r.month)}
          </button>
        </Form>
      ))}

      <h3 className="govuk-heading-m">Which way is better</h3>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="direction" />
        <div className={`govuk-form-group${errors?.direction ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">For {signal.label.toLowerCase()}</legend>
            {errors?.direction && (
              <p className="govuk-error-message" id="direction">
                {errors.direction}
              </p>
            )}
            <div className="govuk-radios govuk-radios--small">
              {(["up", "down", "neither"] as const).map((d) => (
                <div className="govuk-radios__item" key={d}>
                  <input className="govuk-radios__input" id={`direction-${d}`} name="direction" type="radio" value={d} defaultChecked={signal.direction === d} />
                  <label className="govuk-label govuk-radios__label" htmlFor={`direction-${d}`}>
                    {directionWords[d].replace(/^./, (c) => c.toUpperCase())}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <LevelChoice name="level-direction" worker={null} canManageService={canManageService} error={errors?.level} />
        <button type="submit" className="govuk-button">
          Save the direction
        </button>
      </Form>

      <h3 className="govuk-heading-m">Target</h3>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="target" />
        <Field id="value" label={signal.unit === "percent" ? "Target (%)" : "Target"} error={errors?.value}>
          {(describedBy, invalid) => (
            <input
              className={`govuk-input govuk-input--width-5${invalid ? " govuk-input--error" : ""}`}
              id="value"
              name="value"
              inputMode="decimal"
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id="startMonth" label="In force from" hint="Year and month, for example 2026-04" error={errors?.startMonth}>
          {(describedBy, invalid) => (
            <input
              className={`govuk-input govuk-input--width-10${invalid ? " govuk-input--error" : ""}`}
              id="startMonth"
              name="startMonth"
              defaultValue={signal.months.at(-1) ?? ""}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <LevelChoice name="level-target" worker={worker} canManageService={canManageService} error={errors?.level} />
        <button type="submit" className="govuk-button">
          Save the target
        </button>
      </Form>
    </section>
  );
}

function LevelChoice({ name, worker, canManageService, error }: { name: string; worker: { name: string } | null; canManageService: boolean; error?: string }) {
  const choices = [
    ...(worker ? [{ value: "worker", label: `${worker.name} only` }] : []),
    { value: "team", label: "This team" },
    ...(canManageService ? [{ value: "service", label: "Every team in the service (where a team has not set its own)" }] : []),
  ];
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who this is for</legend>
        {error && (
          <p className="govuk-error-message" id="level">
            {error}
          </p>
        )}
        <div className="govuk-radios govuk-radios--small">
          {choices.map((choice, index) => (
            <div className="govuk-radios__item" key={choice.value}>
              <input className="govuk-radios__input" id={`${name}-${choice.value}`} name="level" type="radio" value={choice.value} defaultChecked={index === 0} />
              <label className="govuk-label govuk-radios__label" htmlFor={`${name}-${choice.value}`}>
                {choice.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
