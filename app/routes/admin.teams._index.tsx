import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { savedMessage } from "~/admin/choices.server";
import { teamForm } from "~/admin/forms";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { requireAdmin } from "~/admin/guard.server";
import { createTeam, listTeamsForAdmin } from "~/admin/teams.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { TeamFormFields } from "~/components/admin/team-form-fields";
import { getDb } from "~/db.server";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction = () => [{ title: "Teams – Administration – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "teams");
  return { teams: listTeamsForAdmin(getDb()), saved: savedMessage(new URL(request.url)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "teams");
  const values = formObject(await request.formData());
  const parsed = teamForm.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  const result = createTeam(getDb(), actor, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  return redirect("/admin/teams?saved=created");
}

export default function AdminTeams() {
  const { teams, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = (result?.values ?? {}) as { name?: string; type?: string };
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Teams" }]} />
      <SavedBanner message={saved} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">Teams</h1>
      <ScrollTable labelledBy="teams-caption">
        <caption className="govuk-table__caption govuk-table__caption--m" id="teams-caption">
          The service's teams
        </caption>
        <ColumnHeads columns={["Team", "Type", "Address", { label: "Workers", numeric: true }]} />
        <tbody className="govuk-table__body">
          {teams.map((t) => (
            <tr className="govuk-table__row" key={t.id}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/admin/teams/${t.id}`}>
                  {t.name}
                </Link>
              </th>
              <td className="govuk-table__cell">{teamTypeLabels[t.type]}</td>
              <td className="govuk-table__cell">/teams/{t.slug}</td>
              <td className="govuk-table__cell app-numeric">{t.workers}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <h2 className="govuk-heading-l">Add a team</h2>
      <Form method="post" noValidate className="govuk-!-width-two-thirds">
        <TeamFormFields values={values} errors={result?.errors ?? {}} />
        <button type="submit" className="govuk-button">
          Add team
        </button>
      </Form>
    </>
  );
}
