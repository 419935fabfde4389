import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { savedMessage } from "~/admin/choices.server";
import { requireAdmin } from "~/admin/guard.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ColumnHeads } from "~/components/ui/column-heads";
import { DateInput } from "~/components/ui/date-input";
import { ErrorSummary, Field, SavedBanner } from "~/components/ui/form-errors";
import { ScrollTable } from "~/components/ui/scroll-table";
import { addDays, formatDate, formatMoment } from "~/dates";
import { getDb } from "~/db.server";
import { createToken, listTokens, MAX_TOKEN_DAYS, newTokenForm, revokeToken, revokeTokenForm, unknownUses } from "~/extract-feed/tokens.server";
import { gatherDateParts, type DateParts } from "~/forms/date-field";
import { fieldErrorsOf, formObject, type FieldErrors } from "~/forms/form-kit";
import { clockToday } from "~/platform/clock.server";

export const meta: MetaFunction = () => [{ title: "Integration tokens – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "integration-tokens");
  const db = getDb();
  const today = clockToday();
  return { tokens: listTokens(db, today), unknown: unknownUses(db), latest: addDays(today, MAX_TOKEN_DAYS), saved: savedMessage(new URL(request.url)) };
}

type Typed = { name?: string; expiresOn?: DateParts | string };

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request, "manage", "integration-tokens");
  const values = gatherDateParts(formObject(await request.formData()), ["expiresOn"]);
  if (values.intent === "revoke") {
    const parsed = revokeTokenForm.safeParse(values);
    const result = parsed.success ? revokeToken(getDb(), actor, parsed.data.id) : { ok: false as const, errors: fieldErrorsOf(parsed.error, () => ({ field: "form" })) };
    if (!result.ok) return data({ errors: result.errors as FieldErrors, values: {} as Typed, created: null }, { status: 400 });
    return redirect("/admin/integration-tokens?saved=revoked");
  }
  const parsed = newTokenForm.safeParse(values);
  const result = parsed.success
    ? createToken(getDb(), actor, { name: parsed.data.name, expiresOn: parsed.data.expiresOn! }, clockToday())
    : { ok: false as const, errors: fieldErrorsOf(parsed.error) };
  if (!result.ok) return data({ errors: result.errors as FieldErrors, values: values as Typed, created: null }, { status: 400 });
  // Shown on this answer only: it is not kept, so no later page can show it.
  return { errors: {} as FieldErrors, values: {} as Typed, created: result.value };
}

const stateInWords = (t: { state: string; expiresOn: string; revokedAt: string | null; revokedBy: string | null }) =>
  t.state === "revoked"
    ? `Revoked ${formatMoment(t.revokedAt!)}${t.revokedBy ? ` by ${t.revokedBy}` : ""}`
    : t.state === "expired"
      ? `Expired at the end of ${formatDate(t.expiresOn)}`
      : `Works until the end of ${formatDate(t.expiresOn)}`;

export default function IntegrationTokens() {
  const { tokens, unknown, latest, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const created = result?.created ?? null;
  const typed = result?.values ?? {};
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Integration tokens" }]} />
      <SavedBanner message={saved} />
      <ErrorSummary errors={errors} />
      {created ? (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="new-token-title" id="new-token-banner">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="new-token-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              Token “{created.name}” made, working until the end of {formatDate(created.expiresOn)}. Copy it now:
            </p>
            <p className="govuk-body">
              <code id="new-token" className="govuk-!-text-break-word">
                {created.secret}
              </code>
            </p>
            <p className="govuk-body">
              This is the only time Primed shows it: Primed keeps only a fingerprint of it. Put it straight into the scheduled job&apos;s settings. If it is lost, revoke it and
              make another.
            </p>
          </div>
        </div>
      ) : null}
      <h1 className="govuk-heading-xl">Integration tokens</h1>
      <p className="govuk-body">
        A care system&apos;s scheduled job loads the extract with a token, every night say, without anyone signing in. A token can only load extracts and read how its own loads
        went: it opens no page of Primed. How the job sends the file is in Primed&apos;s documentation: Loading real data, &ldquo;A nightly feed&rdquo;. Every load it starts is in
        the{" "}
        <Link className="govuk-link" to="/admin/imports">
          data loads
        </Link>{" "}
        history.
      </p>
      {tokens.length === 0 ? (
        <p className="govuk-body" id="tokens-none">
          No token has been made yet.
        </p>
      ) : (
        <ScrollTable id="tokens-table" caption="Every token, the newest first">
          <ColumnHeads columns={["Name", "Works", "Made", "Last used", { label: "Uses refused", numeric: true }, { label: "Revoke", key: "do" }]} />
          <tbody className="govuk-table__body">
            {tokens.map((t) => (
              <tr className="govuk-table__row" key={t.id} data-token={t.id} data-state={t.state}>
                <th scope="row" className="govuk-table__header">
                  {t.name}
                </th>
                <td className="govuk-table__cell">{stateInWords(t)}</td>
                <td className="govuk-table__cell">
                  {formatMoment(t.createdAt)}
                  {t.createdBy ? ` by ${t.createdBy}` : ""}
                </td>
                <td className="govuk-table__cell">{t.lastUsedAt ? formatMoment(t.lastUsedAt) : "Never"}</td>
                <td className="govuk-table__cell app-numeric">{t.refusedUses.toLocaleString("en-GB")}</td>
                <td className="govuk-table__cell">
                  {t.state === "revoked" ? (
                    <span className="govuk-hint govuk-!-margin-bottom-0">Revoked</span>
                  ) : (
                    <Form method="post" className="app-inline-form">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                        Revoke<span className="govuk-visually-hidden"> {t.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <p className="govuk-body" id="unknown-uses">
        {unknown.count === 0
          ? "No request has come with a token Primed does not know."
          : `${unknown.count.toLocaleString("en-GB")} ${unknown.count === 1 ? "request has" : "requests have"} come with a token Primed does not know, the last ${formatMoment(unknown.lastAt!)}.`}
      </p>
      <h2 className="govuk-heading-m" id="token-form-heading">
        Make a token
      </h2>
      <Form method="post" noValidate aria-labelledby="token-form-heading" className="govuk-!-width-two-thirds" key={created?.id ?? "new"}>
        <input type="hidden" name="intent" value="create" />
        <Field id="name" label="Name" hint="What the token is for, so you know which to revoke, such as Mosaic nightly extract." error={errors?.name}>
          {(describedBy, invalid) => (
            <input
              className={`govuk-input${invalid ? " govuk-input--error" : ""}`}
              id="name"
              name="name"
              defaultValue={typeof typed.name === "string" ? typed.name : ""}
              aria-describedby={describedBy}
              autoComplete="off"
            />
          )}
        </Field>
        <DateInput
          name="expiresOn"
          legend="Expiry date"
          hint={`The last day the token works: at most a year ahead, on or before ${formatDate(latest)}.`}
          error={errors?.expiresOn}
          value={typed.expiresOn ?? null}
        />
        <button type="submit" className="govuk-button">
          Make the token
        </button>
      </Form>
    </>
  );
}
