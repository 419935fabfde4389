import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { savedMessage } from "~/admin/choices.server";
import { workTypeForm } from "~/admin/forms";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { requireAdmin } from "~/admin/guard.server";
import { listWorkTypes, updateTimescale } from "~/admin/work-types.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { getDb } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "Work types and timescales – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "work-types");
  return { workTypes: listWorkTypes(getDb()), saved: savedMessage(new URL(request.url)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "work-types");
  const values = formObject(await request.formData());
  const parsed = workTypeForm.safeParse(values);
  const result = parsed.success ? updateTimescale(getDb(), actor, parsed.data) : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
  if (!result.ok) return data({ errors: result.errors, values: values as Record<string, string | undefined> }, { status: 400 });
  return redirect("/admin/work-types?saved=updated");
}

/** Each work type has its own form, so a field's id carries the work type's id. */
const timescaleId = (workTypeId: number | string | undefined) => `timescale-${workTypeId}`;
const unitId = (workTypeId: number | string | undefined) => `unit-${workTypeId}`;

export default function WorkTypes() {
  const { workTypes, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failedId = result?.values.workTypeId;
  // The summary links to the fields of the form that failed; a forged work type has no fields to link to.
  const summary = useMemo(() => {
    if (!result) return undefined;
    const { timescale, timescaleUnit, workTypeId } = result.errors;
    return Object.fromEntries(
      [
        [timescaleId(failedId), timescale],
        [unitId(failedId), timescaleUnit],
        ["form", workTypeId],
      ].filter(([, message]) => message),
    ) as Record<string, string>;
  }, [result, failedId]);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Work types and timescales" }]} />
      <SavedBanner message={saved} />
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-xl">Work types and timescales</h1>
      <p className="govuk-body">
        When an extract gives no due date, Primed sets one from the work type's timescale. Working days skip weekends and England and Wales bank holidays. A change applies to work
        loaded from now on.
      </p>
      {workTypes.map((t) => {
        const failed = result && failedId === String(t.id) ? result : undefined;
        return (
          <Form method="post" noValidate key={t.id} className="app-filters" aria-labelledby={`work-type-${t.id}`}>
            <input type="hidden" name="workTypeId" value={t.id} />
            <h2 className="govuk-heading-s govuk-!-margin-bottom-0 govuk-!-width-full" id={`work-type-${t.id}`}>
              {t.name}
            </h2>
            <Field id={timescaleId(t.id)} label="Timescale" error={failed?.errors.timescale}>
              {(describedBy, invalid) => (
                <input
                  className={`govuk-input govuk-input--width-3${invalid ? " govuk-input--error" : ""}`}
                  id={timescaleId(t.id)}
                  name="timescale"
                  inputMode="numeric"
                  defaultValue={failed ? failed.values.timescale : t.timescale}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <Field id={unitId(t.id)} label="Counted in" error={failed?.errors.timescaleUnit}>
              {(describedBy, invalid) => (
                <select
                  className={`govuk-select${invalid ? " govuk-select--error" : ""}`}
                  id={unitId(t.id)}
                  name="timescaleUnit"
                  defaultValue={failed ? failed.values.timescaleUnit : t.timescaleUnit}
                  aria-describedby={describedBy}
                >
                  <option value="days">calendar days</option>
                  <option value="working_days">working days</option>
                </select>
              )}
            </Field>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Save<span className="govuk-visually-hidden"> {t.name}</span>
            </button>
          </Form>
        );
      })}
    </>
  );
}
