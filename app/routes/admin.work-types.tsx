import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { savedMessage } from "~/admin/choices.server";
import { fieldErrorsOf, formObject, workTypeForm } from "~/admin/forms";
import { requireAdmin } from "~/admin/guard.server";
import { listWorkTypes, updateTimescale } from "~/admin/work-types.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { SavedBanner } from "~/components/form-errors";
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
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), workTypeId: String(values.workTypeId ?? "") }, { status: 400 });
  const result = updateTimescale(getDb(), actor, parsed.data);
  if (!result.ok) return data({ errors: result.errors, workTypeId: String(values.workTypeId ?? "") }, { status: 400 });
  return redirect("/admin/work-types?saved=updated");
}

export default function WorkTypes() {
  const { workTypes, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Work types and timescales" }]} />
      <SavedBanner message={saved} />
      <h1 className="govuk-heading-xl">Work types and timescales</h1>
      <p className="govuk-body">
        When an extract gives no due date, Primed sets one from the work type's timescale. Working days skip weekends and
        England and Wales bank holidays. A change applies to work loaded from now on.
      </p>
      {workTypes.map((t) => {
        const errors = result && result.workTypeId === String(t.id) ? result.errors : {};
        const message = errors.timescale ?? errors.timescaleUnit ?? errors.workTypeId;
        return (
          <Form method="post" noValidate key={t.id} className="app-filters" aria-labelledby={`work-type-${t.id}`}>
            <input type="hidden" name="workTypeId" value={t.id} />
            <h2 className="govuk-heading-s govuk-!-margin-bottom-0 govuk-!-width-full" id={`work-type-${t.id}`}>{t.name}</h2>
            <div className={`govuk-form-group${message ? " govuk-form-group--error" : ""}`}>
              <label className="govuk-label" htmlFor={`timescale-${t.id}`}>Timescale</label>
              {message ? (
                <p id={`timescale-${t.id}-error`} className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {message}
                </p>
              ) : null}
              <input className={`govuk-input govuk-input--width-3${message ? " govuk-input--error" : ""}`} id={`timescale-${t.id}`} name="timescale" inputMode="numeric" defaultValue={t.timescale} aria-describedby={message ? `timescale-${t.id}-error` : undefined} />
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={`unit-${t.id}`}>Counted in</label>
              <select className="govuk-select" id={`unit-${t.id}`} name="timescaleUnit" defaultValue={t.timescaleUnit}>
                <option value="days">calendar days</option>
                <option value="working_days">working days</option>
              </select>
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary">Save<span className="govuk-visually-hidden"> {t.name}</span></button>
          </Form>
        );
      })}
    </>
  );
}
