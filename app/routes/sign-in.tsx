import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { demoSignIns } from "~/demo/demo-users";
import { getEnv } from "~/platform/env-cache.server";
import { isDemoMode } from "~/people/demo-mode.server";
import { optionalUser, safeRedirectPath } from "~/people/guard.server";
import { landingPath } from "~/people/landing.server";
import { roleLabels } from "~/people/permissions";
import { signIn } from "~/people/sign-in.server";
import { councilSettings, passwordSignInAllowed } from "~/people/council-sign-in.server";
import { loadSignedInUser } from "~/people/users.server";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";
import { ErrorSummary, Field } from "~/components/ui/form-errors";

export const meta: MetaFunction = () => [{ title: "Sign in – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await optionalUser(request);
  if (user) return redirect(safeRedirectPath(url.searchParams.get("redirectTo"), landingPath(getDb(), user)));
  return {
    expired: signedOutBecause(url.searchParams.get("expired")),
    redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), ""),
    councilSignIn: councilSettings(getEnv()) !== null,
    passwordSignIn: passwordSignInAllowed(getEnv()),
    demoSignIns: isDemoMode(getDb(), getEnv()) && passwordSignInAllowed(getEnv()) ? demoSignIns.map((d) => ({ ...d, roleLabel: roleLabels[d.role] })) : null,
  };
}

/** Why the person was signed out, in a sentence; "1" was the idle limit's flag before there were two limits. */
function signedOutBecause(flag: string | null): string | null {
  if (flag === "idle" || flag === "1") return "You were signed out because Primed was not used for a while. Sign in again to carry on.";
  if (flag === "lifetime") {
    const days = getEnv().SESSION_LIFETIME_DAYS;
    return `You were signed out because you signed in more than ${days === 1 ? "a day" : `${days} days`} ago. Sign in again to carry on.`;
  }
  return null;
}

const signInForm = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "Email address must be 254 characters or fewer"),
  password: z.string().min(1, "Enter your password").max(1024, "Password must be 1,024 characters or fewer"),
  redirectTo: z.string().max(2048).optional(),
});

type FieldErrors = Partial<Record<"email" | "password", string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  // Switched off means refused, not only hidden: a posted password is not even checked.
  if (!passwordSignInAllowed(getEnv()))
    return data({ fieldErrors: {} as FieldErrors, formError: "Signing in with a password is switched off. Sign in with your council account.", email: "" }, { status: 403 });
  const parsed = signInForm.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "email" || field === "password") && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return data({ fieldErrors, formError: null, email: String(form.email ?? "") }, { status: 400 });
  }
  const db = getDb();
  const result = await signIn(db, getEnv(), {
    email: parsed.data.email,
    password: parsed.data.password,
    address: context.clientAddress ?? "unknown",
  });
  if (!result.ok) {
    const formError =
      result.reason === "too_many_attempts"
        ? "There have been too many attempts to sign in. Wait 15 minutes, then try again."
        : "The email address or password is not right. Check them and try again.";
    return data({ fieldErrors: {} as FieldErrors, formError, email: parsed.data.email }, { status: result.reason === "too_many_attempts" ? 429 : 401 });
  }
  const user = loadSignedInUser(db, result.userId)!;
  return redirect(safeRedirectPath(parsed.data.redirectTo, landingPath(db, user)), {
    headers: { "Set-Cookie": result.setCookie },
  });
}

export default function SignIn() {
  const { expired, redirectTo, demoSignIns, councilSignIn, passwordSignIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  // Each message links to the field to put right; a refusal of the whole sign-in links to the email box, or
  // to the council sign-in button when passwords are off. Kept for the answer it comes from: the summary takes
  // focus whenever its errors change, and a new object each render would pull focus back to it.
  const errors = useMemo(() => {
    const fieldErrors = Object.fromEntries(Object.entries(result?.fieldErrors ?? {}).filter((e): e is [string, string] => Boolean(e[1])));
    return result?.formError ? { [passwordSignIn ? "email" : "council-sign-in"]: result.formError, ...fieldErrors } : fieldErrors;
  }, [result, passwordSignIn]);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-half">
        <ErrorSummary errors={errors} />
        {expired ? <div className="govuk-inset-text">{expired}</div> : null}
        <h1 className="govuk-heading-xl">Sign in to Primed</h1>
        {councilSignIn ? (
          <Form method="post" action="/sign-in/council">
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <button type="submit" id="council-sign-in" className={`govuk-button${passwordSignIn ? " govuk-button--secondary" : ""}`}>
              Sign in with your council account
            </button>
          </Form>
        ) : null}
        {councilSignIn && passwordSignIn ? <h2 className="govuk-heading-m">Or sign in with a password</h2> : null}
        {passwordSignIn ? <PasswordForm redirectTo={redirectTo} result={result} submitting={submitting} /> : null}
      </div>
      {demoSignIns ? (
        <div className="govuk-grid-column-one-half">
          <div className="app-demo-sign-ins">
            <h2 className="govuk-heading-m">Demo sign-ins</h2>
            <p className="govuk-body">This is the demo council. Sign in as any of these people to see Primed as they do.</p>
            <ScrollTable labelledBy="demo-sign-ins-caption">
              <caption className="govuk-visually-hidden" id="demo-sign-ins-caption">
                Demo sign-ins by role
              </caption>
              <ColumnHeads columns={["Role", "Email address", "Password"]} />
              <tbody className="govuk-table__body">
                {demoSignIns.map((d) => (
                  <tr className="govuk-table__row" key={d.email}>
                    <th scope="row" className="govuk-table__header">
                      {d.roleLabel}
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{d.who}</span>
                    </th>
                    <td className="govuk-table__cell">{d.email}</td>
                    <td className="govuk-table__cell">
                      <code>{d.password}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Email address and password: hidden, and refused, when PRIMED_PASSWORD_SIGN_IN is off. */
function PasswordForm({ redirectTo, result, submitting }: { redirectTo: string; result: ReturnType<typeof useActionData<typeof action>>; submitting: boolean }) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field id="email" label="Email address" error={result?.fieldErrors.email}>
        {(describedBy, invalid) => (
          <input
            className={`govuk-input${invalid ? " govuk-input--error" : ""}`}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            defaultValue={result?.email}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field id="password" label="Password" error={result?.fieldErrors.password}>
        {(describedBy, invalid) => (
          <input
            className={`govuk-input${invalid ? " govuk-input--error" : ""}`}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <button type="submit" className="govuk-button" disabled={submitting}>
        Sign in
      </button>
    </Form>
  );
}
