import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary } from "~/components/ui/form-errors";
import { MetricFormFields, type MetricFormValues } from "~/components/primed-metrics/metric-form-fields";
import { getDb } from "~/db.server";
import { metricFieldsOf, metricForm } from "~/primed-metrics/forms";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { requireMetricsUser } from "~/primed-metrics/guard.server";
import { createMetric } from "~/primed-metrics/metrics.server";
import { metricFormChoices } from "~/primed-metrics/pages.server";

export const meta: MetaFunction = () => [{ title: "Add a Primed Metric – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMetricsUser(request, "manage");
  return { choices: metricFormChoices(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireMetricsUser(request, "manage");
  const values = formObject(await request.formData(), ["teamIds"]);
  const parsed = metricForm.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  const fields = metricFieldsOf(parsed.data);
  const result = createMetric(getDb(), actor, fields);
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  return redirect(`/metrics/${result.value}?saved=${fields.kind === "counted" ? "created-counted" : "created"}`);
}

export default function NewMetric() {
  const { choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: MetricFormValues = result?.values ?? { kind: "entered", scope: "service", measure: "level", direction: "down" };
  return (
    <>
      <Breadcrumbs trail={[{ label: "Primed Metrics", to: "/metrics" }, { label: "Add a metric" }]} />
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-xl">Add a Primed Metric</h1>
      <Form method="post" noValidate className="govuk-!-width-two-thirds">
        <MetricFormFields values={values} errors={errors} choices={choices} />
        <button type="submit" className="govuk-button">
          Add the metric
        </button>
      </Form>
    </>
  );
}
