import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { userFormChoices } from "~/admin/choices.server";
import { newUserForm } from "~/admin/forms";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { requireAdmin } from "~/admin/guard.server";
import { createUser } from "~/admin/users.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field } from "~/components/ui/form-errors";
import { NewPasswordField, UserFormFields } from "~/components/admin/user-form-fields";
import { getDb } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "Add a user – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "users");
  return userFormChoices(getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "users");
  const values = formObject(await request.formData(), ["teamIds"]);
  const parsed = newUserForm.safeParse(values);
  // Entered values go back with any error, except the password, which is never sent back.
  const echo = { ...values, password: undefined };
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values: echo }, { status: 400 });
  const result = await createUser(getDb(), actor, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values: echo }, { status: 400 });
  return redirect("/admin/users?saved=created");
}

export default function NewUser() {
  const choices = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const values = (result?.values ?? {}) as Record<string, string | string[] | undefined>;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Users", to: "/admin/users" }, { label: "Add a user" }]} />
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-xl">Add a user</h1>
      <Form method="post" noValidate className="govuk-!-width-two-thirds">
        <Field id="email" label="Email address" error={errors.email} hint="They sign in with it.">
          {(describedBy, invalid) => (
            <input
              className={`govuk-input${invalid ? " govuk-input--error" : ""}`}
              id="email"
              name="email"
              type="email"
              spellCheck={false}
              autoComplete="off"
              defaultValue={typeof values.email === "string" ? values.email : ""}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <UserFormFields
          values={{ name: values.name as string, role: values.role as string, workerId: values.workerId as string, teamIds: values.teamIds as string[] }}
          errors={errors}
          choices={choices}
        />
        <NewPasswordField label="First password" hint="At least 12 characters. Give it to them in person or by phone, not by email." error={errors.password} />
        <button type="submit" className="govuk-button">
          Add user
        </button>
      </Form>
    </>
  );
}
