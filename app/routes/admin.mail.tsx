import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { mailStatuses } from "../../db/schema";
import { requireAdmin } from "~/admin/guard.server";
import { OutboxTable } from "~/components/reminders/outbox-table";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { Pagination } from "~/components/ui/pagination";
import { getDb } from "~/db.server";
import { formObject, type FieldErrors } from "~/forms/form-kit";
import { getEnv } from "~/platform/env-cache.server";
import { mailKindWords } from "~/reminders/mail-kinds";
import { mailSettingsOf } from "~/reminders/mail-settings";
import { OUTBOX_PAGE_SIZE, outboxPage, sendAgain } from "~/reminders/outbox.server";

export const meta: MetaFunction = () => [{ title: "Reminders by email – Primed" }];

const filter = z.object({
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(mailStatuses, { message: "The address asks for a state of mail Primed does not have" }).optional()),
  page: z.preprocess(
    (v) => (v === "" || v === undefined ? 1 : v),
    z.coerce.number({ message: "The page must be a number" }).int("The page must be a whole number").min(1, "The page must be 1 or more").max(100_000, "There is no such page"),
  ),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "manage", "mail");
  const url = new URL(request.url);
  const parsed = filter.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw data(parsed.error.issues[0]?.message ?? "The address is not valid.", { status: 400 });
  const { status, page } = parsed.data;
  const { total, rows } = outboxPage(getDb(), status ?? null, page);
  const settings = mailSettingsOf(getEnv());
  return {
    status: status ?? "",
    page,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    total,
    rows,
    mail: settings ? { from: settings.from, daysBefore: settings.daysBefore } : null,
    saved: url.searchParams.get("saved") === "queued",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request, "manage", "mail");
  const parsed = z.object({ id: z.coerce.number().int().positive() }).safeParse(formObject(await request.formData()));
  if (!parsed.success || !sendAgain(getDb(), parsed.data.id)) {
    const errors: FieldErrors = { form: "That message is not one that failed: it may have been sent again already. Look at the list again." };
    return data({ errors }, { status: 400 });
  }
  return redirect("/admin/mail?saved=queued");
}

const kindLabels = Object.fromEntries(Object.entries(mailKindWords).map(([kind, words]) => [kind, words.label]));
const statusLabels: Record<string, string> = { "": "Every state", queued: "Waiting", sending: "Sending", sent: "Sent", failed: "Failed" };

export default function MailAdmin() {
  const { status, page, pages, total, rows, mail, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pageHref = (n: number) => `/admin/mail?${new URLSearchParams({ ...(status ? { status } : {}), page: String(n) })}`;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Reminders by email" }]} />
      <SavedBanner message={saved ? "The message will be sent again within a minute." : null} />
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-xl">Reminders by email</h1>
      {mail ? (
        <p className="govuk-body">
          Primed sends reminders from {mail.from}, {mail.daysBefore} days before an action is due. A mail server that refuses a message is tried again, waiting longer each time;
          after 8 tries the message is marked failed.
        </p>
      ) : (
        <div className="govuk-inset-text">Email is off: set PRIMED_SMTP_URL, PRIMED_MAIL_FROM and PRIMED_PUBLIC_URL to turn it on (see the operations guide).</div>
      )}
      <Form method="get" className="app-filters" aria-label="Filter the reminders">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="status">
            State
          </label>
          <select className="govuk-select" id="status" name="status" defaultValue={status}>
            {Object.entries(statusLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show
        </button>
      </Form>
      <p className="govuk-body">
        {total} {total === 1 ? "message" : "messages"}
        {status ? ` ${statusLabels[status]!.toLowerCase()}` : ""}.
      </p>
      {rows.length > 0 ? <OutboxTable rows={rows} kindLabels={kindLabels} /> : null}
      {pages > 1 ? (
        <Pagination
          label="Pages of reminders"
          block
          previous={page > 1 ? { to: pageHref(page - 1), title: "Newer messages", label: `Page ${page - 1} of ${pages}` } : null}
          next={page < pages ? { to: pageHref(page + 1), title: "Older messages", label: `Page ${page + 1} of ${pages}` } : null}
        />
      ) : null}
    </>
  );
}
