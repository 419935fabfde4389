import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { fieldErrorsOf } from "~/forms/form-kit";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, SavedBanner } from "~/components/ui/form-errors";
import { MeetingPack, packRunningHead } from "~/components/cycle/meeting-pack";
import { careBookReady } from "~/care/care-book.server";
import { cycleContext } from "~/cycle/cycle-context.server";
import { cycleHref } from "~/cycle/cycle-href";
import { issuedPack, issuePack, liveReportHref, packToShow } from "~/cycle/pack.server";
import { formatMoment, formatMonthLong } from "~/dates";
import { requireAllowed } from "~/people/guard.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Meeting pack, ${data.monthLabel}: ${data.pack.team.name} – Primed` : "Meeting pack – Primed" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, today, month, team, canManage } = await cycleContext(request, params);
  // A draft pack counts the care report: wait, without holding other requests, while a new load's care book is read.
  await careBookReady(db);
  const { contents, issue, minutes } = packToShow(db, team, month, today);
  return {
    pack: contents,
    issue,
    minutes,
    monthLabel: formatMonthLong(month),
    cycleHref: cycleHref(team.slug, month),
    pdfHref: `${cycleHref(team.slug, month, "pack")}.pdf`,
    liveReportHref: liveReportHref(team.slug, month),
    canManage,
    justIssued: new URL(request.url).searchParams.get("issued") === "1",
  };
}

const issueForm = z.object({
  intent: z.literal("issue", { message: "The form was not one this page has: open it again" }),
  replace: z.literal("yes").optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, today, month, team } = await cycleContext(request, params);
  requireAllowed(user, "manage", "cycles", { teamId: team.id });
  const parsed = issueForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error) }, { status: 400 });
  const issued = issuedPack(db, team.id, month);
  if (issued && parsed.data.replace !== "yes") {
    return data({ errors: { replace: `Confirm that the new pack replaces the one issued on ${formatMoment(issued.issuedAt)}` } }, { status: 400 });
  }
  await careBookReady(db);
  issuePack(db, user, team, month, today);
  return redirect(`${cycleHref(team.slug, month, "pack")}?issued=1`);
}

export default function MeetingPackPage() {
  const { pack, issue, minutes, monthLabel, cycleHref: cycleLink, pdfHref, liveReportHref: liveLink, canManage, justIssued } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const replaceError = result?.errors.replace;
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Teams", to: "/teams" },
          { label: pack.team.name, to: `/teams/${pack.team.slug}` },
          { label: `${monthLabel} cycle`, to: cycleLink },
          { label: "Meeting pack" },
        ]}
      />
      <SavedBanner message={justIssued && !result ? `The meeting pack for ${monthLabel} is issued: its figures are kept as they are now.` : null} />
      <ErrorSummary errors={result?.errors} />
      <div className="app-report-actions app-no-print">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => window.print()}>
          Print
        </button>
        <a className="govuk-link" href={pdfHref}>
          Download PDF<span className="govuk-visually-hidden">: meeting pack, {monthLabel}</span>
        </a>
      </div>
      {canManage && (
        <Form method="post" noValidate className="app-no-print app-pack__issue" aria-labelledby="issue-heading">
          <h2 className="govuk-heading-m" id="issue-heading">
            {issue ? "Issue the pack again" : "Issue the pack"}
          </h2>
          <input type="hidden" name="intent" value="issue" />
          {issue ? (
            <div className={`govuk-form-group${replaceError ? " govuk-form-group--error" : ""}`}>
              <p className="govuk-body">
                Issuing again counts the figures and actions as they are today and replaces this pack, issued on {formatMoment(issue.at)}, for everyone who opens it. The pack it
                replaces is kept in the audit log.
              </p>
              {replaceError && (
                <p id="replace-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {replaceError}
                </p>
              )}
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id="replace"
                    name="replace"
                    type="checkbox"
                    value="yes"
                    aria-describedby={replaceError ? "replace-error" : undefined}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor="replace">
                    Replace the pack issued on {formatMoment(issue.at)}
                  </label>
                </div>
              </div>
            </div>
          ) : (
            <p className="govuk-body">Issuing freezes the pack as it is now, so the record shows what the team saw. Until then it is a draft that changes with the data.</p>
          )}
          <button type="submit" className={`govuk-button${issue ? " govuk-button--warning" : ""}`}>
            {issue ? "Issue the pack again" : "Issue the pack"}
          </button>
        </Form>
      )}
      <table className="app-print-frame" role="presentation">
        <thead>
          <tr>
            <td>
              <p className="app-pack__running-head">{packRunningHead(pack, issue === null)}</p>
            </td>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <MeetingPack pack={pack} issue={issue} minutes={minutes} liveReportHref={liveLink} />
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
