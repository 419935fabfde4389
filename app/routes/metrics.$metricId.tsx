import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { LinkedActions } from "~/components/actions/linked-actions";
import { MetricChartWithTable } from "~/components/primed-metrics/metric-chart";
import { clockToday } from "~/platform/clock.server";
import { CountedSource } from "~/components/primed-metrics/counted-source";
import { MetricSignalsSection } from "~/components/primed-metrics/metric-signals";
import { getDb } from "~/db.server";
import { formatMonthLong, monthOf } from "~/dates";
import { requireAllowed } from "~/people/guard.server";
import { mayEnterValues, NOT_OWNER } from "~/primed-metrics/access";
import { trajectoryForm, valueForm } from "~/primed-metrics/forms";
import { fieldErrorsOf } from "~/forms/form-kit";
import { requireMetric, requireMetricsUser } from "~/primed-metrics/guard.server";
import { enterValue, replaceTrajectory } from "~/primed-metrics/metrics.server";
import { formatWithUnit } from "~/primed-metrics/numbers";
import { metricPage, savedMessage } from "~/primed-metrics/pages.server";
import { countedValuesReady } from "~/primed-metrics/counted-values.server";
import { readTrajectoryText } from "~/primed-metrics/trajectory-text";
import type { DifferenceWords } from "~/primed-metrics/difference";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.metric.name ?? "Primed Metric"} – Primed` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireMetricsUser(request);
  const db = getDb();
  const metric = requireMetric(db, params.metricId);
  const today = clockToday();
  await countedValuesReady(db, [metric], today);
  const url = new URL(request.url);
  return { ...metricPage(db, metric, user, today, url.searchParams.get("listMonth")), saved: savedMessage(url) };
}

const intents = z.enum(["value", "trajectory"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor } = await requireMetricsUser(request);
  const db = getDb();
  const metric = requireMetric(db, params.metricId);
  const values = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  const intent = intents.safeParse(values.intent);
  if (!intent.success) return data({ errors: { form: "Choose what to do: enter a value or replace the trajectory" } as Record<string, string>, values }, { status: 400 });
  if (intent.data === "value") {
    if (!mayEnterValues(user, metric)) throw data(NOT_OWNER, { status: 403 });
    const parsed = valueForm(monthOf(clockToday())).safeParse(values);
    if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
    const result = enterValue(db, user, metric.id, parsed.data.month, parsed.data.value);
    if (!result.ok) {
      if (result.forbidden) throw data(result.message, { status: 403 });
      return data({ errors: result.errors, values }, { status: 400 });
    }
    return redirect(`/metrics/${metric.id}?saved=${result.change}`);
  }
  requireAllowed(user, "manage", "primed-metrics");
  const parsed = trajectoryForm.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  const reading = readTrajectoryText(parsed.data.trajectory);
  if (!reading.ok) {
    const message = reading.problems.length === 1 ? reading.problems[0]! : `${reading.problems.length} problems: ${reading.problems.join(". ")}`;
    return data({ errors: { trajectory: message } as Record<string, string>, values }, { status: 400 });
  }
  replaceTrajectory(db, actor, metric.id, reading.points);
  return redirect(`/metrics/${metric.id}?saved=trajectory`);
}

function Comparison({ id, heading, words, missing }: { id: string; heading: string; words: DifferenceWords | null; missing: string | null }) {
  return (
    <div className="govuk-summary-card" id={id}>
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">{heading}</h3>
      </div>
      <div className="govuk-summary-card__content">
        {words ? (
          <p className="govuk-body-l govuk-!-margin-bottom-0">
            {words.verdict && (
              <strong className={`govuk-tag ${words.verdict === "better" ? "govuk-tag--green" : "govuk-tag--red"} govuk-!-margin-right-2`}>
                {words.verdict === "better" ? "Better" : "Worse"}
              </strong>
            )}
            {words.sentence}
          </p>
        ) : (
          <p className="govuk-body govuk-!-margin-bottom-0">{missing}</p>
        )}
      </div>
    </div>
  );
}

export default function MetricPage() {
  const { metric, view, trajectoryText, valueMonth, currentMonth, canEnterValues, canManage, saved, linkedActions, counted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const posted = (result?.values ?? {}) as Record<string, string | undefined>;
  const latest = view.latest;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Primed Metrics", to: "/metrics" }, { label: metric.name }]} />
      <SavedBanner message={saved} />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">Primed Metric</span>
      <h1 className="govuk-heading-xl">{metric.name}</h1>
      {metric.description && <p className="govuk-body-l">{metric.description}</p>}

      <dl className="govuk-summary-list" id="metric-details">
        {[
          ["Values", counted ? `Counted from the data: ${counted.measure}, for ${counted.scope}` : "Entered by people"],
          ["Owner", metric.owner],
          ["Unit", metric.unit],
          ["How it is counted", metric.measure],
          ["Which way is better", metric.direction],
          ["Baseline", `${formatMonthLong(metric.baselineFrom)} to ${formatMonthLong(metric.baselineTo)}`],
          ["Latest value", latest ? `${formatWithUnit(latest.value, metric.unit, view.decimals)} (${formatMonthLong(latest.month)})` : "No values yet"],
        ].map(([key, value]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {canManage && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/metrics/${metric.id}/edit`}>
            Change the metric<span className="govuk-visually-hidden">: {metric.name}</span>
          </Link>
        </p>
      )}

      <section className="app-report-section" aria-labelledby="difference-heading">
        <h2 className="govuk-heading-l" id="difference-heading">
          What the change has made
        </h2>
        <Comparison id="against-baseline" heading="Against the baseline projection" words={view.baseline} missing={view.baselineMissing} />
        <Comparison id="against-trajectory" heading="Against the trajectory" words={view.trajectory} missing={view.trajectoryMissing} />
      </section>

      <section className="app-report-section" aria-labelledby="chart-heading">
        <h2 className="govuk-heading-l" id="chart-heading">
          Actual, trajectory and baseline projection
        </h2>
        <p className="govuk-body">{view.projectionNote}</p>
        <MetricChartWithTable spec={view.chart} rows={view.rows} unit={metric.unit} decimals={view.decimals} projectionDecimals={view.projectionDecimals} tableId="metric-table" />
        <LinkedActions actions={linkedActions} />
      </section>

      {counted && <CountedSource counted={counted} />}

      <section className="app-report-section" aria-labelledby="signals-heading">
        <h2 className="govuk-heading-l" id="signals-heading">
          Signal or noise
        </h2>
        <MetricSignalsSection signals={view.signals} unit={metric.unit} decimals={view.decimals} />
      </section>

      {canEnterValues && (
        <section className="app-report-section" aria-labelledby="value-heading">
          <h2 className="govuk-heading-l" id="value-heading">
            Enter a month's value
          </h2>
          <p className="govuk-body">To correct a month already entered, enter it again: the new value replaces the old, and the audit trail keeps both.</p>
          <Form method="post" noValidate className="govuk-!-width-two-thirds">
            <input type="hidden" name="intent" value="value" />
            <Field id="month" label="Month" hint={`Write it as YYYY-MM, up to ${currentMonth}.`} error={errors.month}>
              {(describedBy, invalid) => (
                <input
                  className={`govuk-input govuk-input--width-10${invalid ? " govuk-input--error" : ""}`}
                  id="month"
                  name="month"
                  defaultValue={posted.intent === "value" ? posted.month : valueMonth}
                  aria-describedby={describedBy}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <Field id="value" label={`Value (${metric.unit})`} hint="A number, like 412 or 135.5." error={errors.value}>
              {(describedBy, invalid) => (
                <input
                  className={`govuk-input govuk-input--width-10${invalid ? " govuk-input--error" : ""}`}
                  id="value"
                  name="value"
                  inputMode="decimal"
                  defaultValue={posted.intent === "value" ? posted.value : ""}
                  aria-describedby={describedBy}
                  autoComplete="off"
                />
              )}
            </Field>
            <button type="submit" className="govuk-button">
              Save the value
            </button>
          </Form>
          <p className="govuk-body">
            <Link className="govuk-link" to="/metrics/upload">
              Load many months at once from a CSV file
            </Link>
          </p>
        </section>
      )}

      {canManage && (
        <section className="app-report-section" aria-labelledby="trajectory-heading">
          <h2 className="govuk-heading-l" id="trajectory-heading">
            The trajectory
          </h2>
          <p className="govuk-body">The planned value, month by month. What you save here replaces the whole trajectory; the audit trail keeps the old one.</p>
          <Form method="post" noValidate className="govuk-!-width-two-thirds">
            <input type="hidden" name="intent" value="trajectory" />
            <Field
              id="trajectory"
              label="Months and planned values"
              hint={`One month a line: the month as YYYY-MM, then the value, like "${currentMonth} 120". You can paste two columns from a spreadsheet or a CSV with a month,value header.`}
              error={errors.trajectory}
            >
              {(describedBy, invalid) => (
                <textarea
                  className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                  id="trajectory"
                  name="trajectory"
                  rows={8}
                  defaultValue={posted.intent === "trajectory" ? posted.trajectory : trajectoryText}
                  aria-describedby={describedBy}
                  spellCheck={false}
                />
              )}
            </Field>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Replace the trajectory
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
