import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ReminderChoices } from "~/components/reminders/reminder-choices";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { getDb } from "~/db.server";
import { fieldErrorsOf, formObject, type FieldErrors } from "~/forms/form-kit";
import { requireUser } from "~/people/guard.server";
import { getEnv } from "~/platform/env-cache.server";
import { kindsFor, mailChoicesForm, mailChoicesOf, mailKindWords, saveMailChoices } from "~/reminders/choices.server";
import { mailSettingsOf } from "~/reminders/mail-settings";

export const meta: MetaFunction = () => [{ title: "Your reminders by email – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const on = mailChoicesOf(getDb(), user.id);
  const choices = kindsFor(user.role).map((kind) => ({ kind, label: mailKindWords[kind].label, hint: mailKindWords[kind].hint, on: on[kind] }));
  return { email: user.email, choices, mailOn: mailSettingsOf(getEnv()) !== null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = mailChoicesForm.safeParse(formObject(await request.formData(), ["kind"]));
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error, () => ({ field: "form" })) as FieldErrors, saved: false }, { status: 400 });
  saveMailChoices(getDb(), user, parsed.data.kind);
  return { errors: {} as FieldErrors, saved: true };
}

export default function Reminders() {
  const { email, choices, mailOn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <SavedBanner message={result?.saved ? "Your choices are saved." : null} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">Your reminders by email</h1>
      <p className="govuk-body-l">Primed can email you at {email} when something needs you.</p>
      {choices.length === 0 ? (
        <p className="govuk-body">Primed sends no reminders to administrators.</p>
      ) : (
        <ReminderChoices key={JSON.stringify(choices)} choices={choices} mailOn={mailOn} />
      )}
      <p className="govuk-body">
        Your action deadlines can also go into your calendar:{" "}
        <Link className="govuk-link" to="/account/calendar">
          your calendar feed
        </Link>
        .
      </p>
    </>
  );
}
