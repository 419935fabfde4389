import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { savedMessage } from "~/admin/choices.server";
import { populationForm, populationRemoval } from "~/admin/forms";
import { requireAdmin } from "~/admin/guard.server";
import { listPopulation, removePopulation, savePopulation } from "~/care/population.server";
import { formatDate, todayInLondon } from "~/dates";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ColumnHeads } from "~/components/ui/column-heads";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { ScrollTable } from "~/components/ui/scroll-table";
import { getDb } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "Adult population – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "population");
  const url = new URL(request.url);
  const years = listPopulation(getDb());
  // "Change" on a row opens the form filled in with that year.
  const chosen = years.find((p) => String(p.year) === url.searchParams.get("year")) ?? null;
  return { years, chosen, saved: savedMessage(url) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "population");
  const values = formObject(await request.formData());
  if (values.intent === "remove") {
    const parsed = populationRemoval.safeParse(values);
    const result = parsed.success ? removePopulation(getDb(), actor, parsed.data.year) : { ok: false as const, errors: fieldErrorsOf(parsed.error, () => ({ field: "form" })) };
    if (!result.ok) return data({ errors: result.errors, values: {} as Record<string, string | undefined> }, { status: 400 });
    return redirect("/admin/population?saved=removed");
  }
  const parsed = populationForm.safeParse(values);
  const result = parsed.success ? savePopulation(getDb(), actor, parsed.data) : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
  if (!result.ok) return data({ errors: result.errors, values: values as Record<string, string | undefined> }, { status: 400 });
  return redirect(`/admin/population?saved=${result.value}`);
}

const people = (n: number) => n.toLocaleString("en-GB");

/** A box for a whole number, named by its id. */
function NumberBox({ id, label, hint, width, error, value }: { id: string; label: string; hint?: string; width: 4 | 10; error?: string; value: string }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <input
          className={`govuk-input govuk-input--width-${width}${invalid ? " govuk-input--error" : ""}`}
          id={id}
          name={id}
          inputMode="numeric"
          defaultValue={value}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}

export default function Population() {
  const { years, chosen, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const typed = (name: "year" | "adults18To64" | "adults65AndOver" | "source") => result?.values[name] ?? (chosen ? String(chosen[name]) : "");
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Adult population" }]} />
      <SavedBanner message={saved} />
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-xl">Adult population</h1>
      <p className="govuk-body">
        The council&apos;s adults by age group for each year, from the ONS mid-year estimates. Admissions to residential and nursing care per 100,000 adults (ASCOF 2B and 2C) are
        counted against the year a month falls in; a month whose year is missing says so instead of showing a figure.
      </p>
      {years.length === 0 ? (
        <p className="govuk-body" id="population-none">
          No year is recorded yet.
        </p>
      ) : (
        <ScrollTable id="population-table" caption="Adults by age group, each year">
          <ColumnHeads
            columns={[
              "Year",
              { label: "Aged 18 to 64", numeric: true },
              { label: "Aged 65 and over", numeric: true },
              "Source",
              "Last changed",
              { label: "Change or remove", key: "do" },
            ]}
          />
          <tbody className="govuk-table__body">
            {years.map((p) => (
              <tr className="govuk-table__row" key={p.year} data-year={p.year}>
                <th scope="row" className="govuk-table__header">
                  {p.year}
                </th>
                <td className="govuk-table__cell app-numeric">{people(p.adults18To64)}</td>
                <td className="govuk-table__cell app-numeric">{people(p.adults65AndOver)}</td>
                <td className="govuk-table__cell">{p.source}</td>
                <td className="govuk-table__cell app-nowrap">{formatDate(todayInLondon(new Date(p.updatedAt)))}</td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`?year=${p.year}#year`}>
                    Change<span className="govuk-visually-hidden"> {p.year}</span>
                  </Link>
                  <Form method="post" className="app-inline-form">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="year" value={p.year} />
                    <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0 govuk-!-margin-top-2">
                      Remove<span className="govuk-visually-hidden"> {p.year}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <h2 className="govuk-heading-m" id="population-form-heading">
        {chosen ? `Change ${chosen.year}` : "Add a year"}
      </h2>
      <Form method="post" noValidate aria-labelledby="population-form-heading" key={chosen?.year ?? "new"}>
        <input type="hidden" name="intent" value="save" />
        <NumberBox
          id="year"
          label="Year"
          hint="The year of the mid-year estimate, such as 2025. A year already recorded is replaced."
          width={4}
          error={errors?.year}
          value={typed("year")}
        />
        <NumberBox id="adults18To64" label="Adults aged 18 to 64" width={10} error={errors?.adults18To64} value={typed("adults18To64")} />
        <NumberBox id="adults65AndOver" label="Adults aged 65 and over" width={10} error={errors?.adults65AndOver} value={typed("adults65AndOver")} />
        <Field id="source" label="Source" hint="Where the figures come from, such as ONS mid-year estimates 2024, published July 2025." error={errors?.source}>
          {(describedBy, invalid) => (
            <input className={`govuk-input${invalid ? " govuk-input--error" : ""}`} id="source" name="source" defaultValue={typed("source")} aria-describedby={describedBy} />
          )}
        </Field>
        <button type="submit" className="govuk-button">
          Save the year
        </button>
      </Form>
    </>
  );
}
