import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { teamForm } from "~/admin/forms";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { requireAdmin } from "~/admin/guard.server";
import { getTeam, updateTeam } from "~/admin/teams.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary } from "~/components/ui/form-errors";
import { TeamFormFields } from "~/components/admin/team-form-fields";
import { getDb } from "~/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} – Administration – Primed` }];

function teamOf(params: { teamId?: string }) {
  const id = z.coerce.number().int().positive().safeParse(params.teamId);
  const team = id.success ? getTeam(getDb(), id.data) : undefined;
  if (!team) throw data("There is no team at this address.", { status: 404 });
  return team;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "teams");
  return { team: teamOf(params) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "teams");
  const team = teamOf(params);
  const values = formObject(await request.formData());
  const parsed = teamForm.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  const result = updateTeam(getDb(), actor, team.id, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  return redirect("/admin/teams?saved=updated");
}

export default function EditTeam() {
  const { team } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = (result?.values as { name?: string; type?: string } | undefined) ?? team;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Teams", to: "/admin/teams" }, { label: team.name }]} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">{team.name}</h1>
      <p className="govuk-body">Its address stays /teams/{team.slug} whatever its name, so bookmarks keep working.</p>
      <Form method="post" noValidate className="govuk-!-width-two-thirds">
        <TeamFormFields values={values} errors={result?.errors ?? {}} />
        <button type="submit" className="govuk-button">
          Save changes
        </button>
      </Form>
    </>
  );
}
