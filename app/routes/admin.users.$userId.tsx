import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { userFormChoices } from "~/admin/choices.server";
import { passwordField, userFields } from "~/admin/forms";
import { fieldErrorsOf, formObject } from "~/forms/form-kit";
import { requireAdmin } from "~/admin/guard.server";
import { councilAccountLinked, getUser, hasPassword, setPassword, setUserActive, unlinkCouncilAccount, updateUser } from "~/admin/users.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary } from "~/components/ui/form-errors";
import { NewPasswordField, UserFormFields } from "~/components/admin/user-form-fields";
import { getDb } from "~/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? "User"} – Primed` }];

function userIdOf(params: { userId?: string }): number {
  const parsed = z.coerce.number().int().positive().safeParse(params.userId);
  if (!parsed.success) throw data("There is no user at this address.", { status: 404 });
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "users");
  const user = getUser(getDb(), userIdOf(params));
  if (!user) throw data("There is no user at this address.", { status: 404 });
  return {
    user,
    isYou: user.id === actor.userId,
    hasPassword: hasPassword(getDb(), user.id),
    councilAccountLinked: councilAccountLinked(getDb(), user.id),
    choices: userFormChoices(getDb()),
  };
}

const intents = z.enum(["update", "deactivate", "reactivate", "password", "unlink"], { message: "Choose what to do" });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "users");
  const id = userIdOf(params);
  const db = getDb();
  if (!getUser(db, id)) throw data("There is no user at this address.", { status: 404 });
  const values = formObject(await request.formData(), ["teamIds"]);
  // Entered values go back with any error, except a password, which is never sent back.
  const echo = { ...values, password: undefined };
  const intent = intents.safeParse(values.intent);
  if (!intent.success) return data({ errors: { form: "Choose what to do" }, values: echo }, { status: 400 });
  let result;
  switch (intent.data) {
    case "update": {
      const parsed = userFields.safeParse(values);
      if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values: echo }, { status: 400 });
      result = updateUser(db, actor, id, parsed.data);
      break;
    }
    case "deactivate":
    case "reactivate":
      result = setUserActive(db, actor, id, intent.data === "reactivate");
      break;
    case "unlink":
      result = unlinkCouncilAccount(db, actor, id);
      break;
    case "password": {
      const parsed = passwordField.safeParse(values.password ?? "");
      if (!parsed.success) return data({ errors: { password: parsed.error.issues[0]!.message }, values: echo }, { status: 400 });
      result = await setPassword(db, actor, id, parsed.data);
      break;
    }
  }
  if (!result.ok) return data({ errors: result.errors, values: echo }, { status: 400 });
  const saved = { update: "updated", deactivate: "deactivated", reactivate: "reactivated", password: "password", unlink: "unlinked" }[intent.data];
  return redirect(`/admin/users?saved=${saved}`);
}

export default function EditUser() {
  const { user, isYou, hasPassword, councilAccountLinked, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const posted = result?.values as Record<string, string | string[] | undefined> | undefined;
  // After a refused change, show what was entered; otherwise the stored record.
  const values =
    posted?.intent === "update"
      ? { name: posted.name as string, role: posted.role as string, workerId: posted.workerId as string, teamIds: posted.teamIds as string[] }
      : { name: user.name, role: user.role, workerId: user.workerId, teamIds: user.teamIds };
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Users", to: "/admin/users" }, { label: user.name }]} />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{user.email}</span>
      <h1 className="govuk-heading-xl">{user.name}</h1>
      <p className="govuk-body">
        <strong className={`govuk-tag ${user.active ? "govuk-tag--green" : "govuk-tag--grey"}`}>{user.active ? "Active" : "Deactivated"}</strong>
      </p>
      <Form method="post" noValidate className="govuk-!-width-two-thirds">
        <input type="hidden" name="intent" value="update" />
        <UserFormFields values={values} errors={errors} choices={choices} />
        <button type="submit" className="govuk-button">
          Save changes
        </button>
      </Form>

      <h2 className="govuk-heading-m">Set a new password</h2>
      {hasPassword ? null : (
        <p className="govuk-body" id="no-password">
          They have no password yet (they were added from a CSV file): they sign in with the council&apos;s account, or with a password you set here.
        </p>
      )}
      <Form method="post" noValidate className="govuk-!-width-two-thirds">
        <input type="hidden" name="intent" value="password" />
        <NewPasswordField label="New password" hint="At least 12 characters. Their current sessions end." error={errors.password} />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Set password
        </button>
      </Form>

      <h2 className="govuk-heading-m">Council account</h2>
      {councilAccountLinked ? (
        <>
          <p className="govuk-body" id="council-account">
            Linked: they sign in with their council account. Unlink it if the wrong account was linked or they have a new one; the next council account to sign in with their email
            address is linked instead, and their sessions end now.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="unlink" />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Unlink their council account
            </button>
          </Form>
        </>
      ) : (
        <p className="govuk-body" id="council-account">
          Not linked yet: the first time they sign in with their council account, it is linked by their email address.
        </p>
      )}

      <h2 className="govuk-heading-m">{user.active ? "Deactivate" : "Reactivate"}</h2>
      {isYou ? (
        <p className="govuk-body">You cannot deactivate your own sign-in, so that Primed always has an administrator. Ask another administrator if you are leaving.</p>
      ) : (
        <>
          <p className="govuk-body">
            {user.active
              ? "They will no longer be able to sign in and their sessions end now. Their history, and what they changed, stay."
              : "They will be able to sign in again with their password."}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={user.active ? "deactivate" : "reactivate"} />
            <button type="submit" className={`govuk-button ${user.active ? "govuk-button--warning" : "govuk-button--secondary"}`}>
              {user.active ? "Deactivate this user" : "Reactivate this user"}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
