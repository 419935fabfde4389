import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary } from "~/components/ui/form-errors";
import { MetricFormFields, type MetricFormValues } from "~/components/primed-metrics/metric-form-fields";
import { getDb } from "~/db.server";
import { metricFieldsOf, metricForm } from "~/primed-metrics/forms";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { requireMetric, requireMetricsUser } from "~/primed-metrics/guard.server";
import { updateMetric } from "~/primed-metrics/metrics.server";
import { metricFormChoices, metricFormValues } from "~/primed-metrics/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Change ${data?.metric.name ?? "a Primed Metric"} – Primed` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMetricsUser(request, "manage");
  const db = getDb();
  const metric = requireMetric(db, params.metricId);
  return { metric: { id: metric.id, name: metric.name }, values: metricFormValues(db, metric), choices: metricFormChoices(db) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireMetricsUser(request, "manage");
  const db = getDb();
  const metric = requireMetric(db, params.metricId);
  const values = formObject(await request.formData(), ["teamIds"]);
  const parsed = metricForm.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  const result = updateMetric(db, actor, metric.id, metricFieldsOf(parsed.data));
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  return redirect(`/metrics/${metric.id}?saved=updated`);
}

export default function EditMetric() {
  const { metric, values: stored, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: MetricFormValues = result?.values ?? stored;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Primed Metrics", to: "/metrics" }, { label: metric.name, to: `/metrics/${metric.id}` }, { label: "Change" }]} />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{metric.name}</span>
      <h1 className="govuk-heading-xl">Change the metric</h1>
      <p className="govuk-body">Changes are kept in the audit trail with the values before and after. The metric's values and trajectory stay as they are.</p>
      <Form method="post" noValidate className="govuk-!-width-two-thirds">
        <MetricFormFields values={values} errors={errors} choices={choices} />
        <button type="submit" className="govuk-button">
          Save changes
        </button>
      </Form>
    </>
  );
}
