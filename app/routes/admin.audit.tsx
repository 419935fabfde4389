import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { auditFilterChoices, readAuditTrail } from "~/admin/audit.server";
import { auditFilter, auditFilterDates } from "~/admin/forms";
import { requireAdmin } from "~/admin/guard.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DateInput } from "~/components/ui/date-input";
import { getDb } from "~/db.server";
import { gatherDateParts } from "~/forms/date-field";
import { ScrollTable } from "~/components/ui/scroll-table";
import { Pagination } from "~/components/ui/pagination";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction = () => [{ title: "Audit trail – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request, "view", "audit");
  const url = new URL(request.url);
  const parsed = auditFilter.safeParse(gatherDateParts(Object.fromEntries(url.searchParams), auditFilterDates));
  if (!parsed.success) throw data(parsed.error.issues[0]?.message ?? "The filter in the address is not valid.", { status: 400 });
  const db = getDb();
  const trail = readAuditTrail(db, parsed.data, user);
  return {
    filter: { actor: parsed.data.actor === undefined ? "" : String(parsed.data.actor), entity: parsed.data.entity ?? "", from: parsed.data.from ?? "", to: parsed.data.to ?? "" },
    page: parsed.data.page,
    pages: trail.pages,
    total: trail.total,
    entries: trail.entries.map(({ actorUserId: _actor, ...entry }) => entry),
    choices: auditFilterChoices(db),
    query: url.searchParams.toString(),
  };
}

export default function AuditTrail() {
  const { filter, page, pages, total, entries, choices, query } = useLoaderData<typeof loader>();
  const pageHref = (n: number) => {
    const params = new URLSearchParams(query);
    params.set("page", String(n));
    return `/admin/audit?${params}`;
  };
  return (
    <>
      <Breadcrumbs trail={[{ label: "Administration", to: "/admin" }, { label: "Audit trail" }]} />
      <h1 className="govuk-heading-xl">Audit trail</h1>
      <p className="govuk-body">Every change to people, teams and set-up, every sign-in and every data load, newest first. Nothing here can be changed or removed.</p>
      <p className="govuk-body">
        Who changed what, and when. The words of teams' own records (notes on a worker's load, meeting records, prompt sheets, actions, objectives, ground rules) show here only as
        how many characters were written: they are for the people who may open those records.
      </p>
      <Form method="get" className="app-filters" aria-label="Filter the audit trail">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="actor">
            Who
          </label>
          <select className="govuk-select" id="actor" name="actor" defaultValue={filter.actor}>
            <option value="">Anyone</option>
            <option value="system">Primed itself (command line, start-up, automatic escalations)</option>
            {choices.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="entity">
            Record
          </label>
          <select className="govuk-select" id="entity" name="entity" defaultValue={filter.entity}>
            <option value="">Any</option>
            {choices.entities.map((e) => (
              <option key={e} value={e}>
                {e.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </div>
        <DateInput name="from" legend="From" value={filter.from} />
        <DateInput name="to" legend="To" value={filter.to} />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Filter
        </button>
      </Form>
      <ScrollTable id="audit-table" labelledBy="audit-caption" className="govuk-table--small-text-until-tablet">
        <caption className="govuk-table__caption govuk-table__caption--s" id="audit-caption">
          {total} {total === 1 ? "entry" : "entries"}, page {page} of {pages}
        </caption>
        <ColumnHeads columns={["When", "Who", "Action", "Record", "Record id", "What changed"]} />
        <tbody className="govuk-table__body">
          {entries.map((e) => (
            <tr className="govuk-table__row" key={e.id}>
              <td className="govuk-table__cell app-nowrap">{e.at.slice(0, 16).replace("T", " ")} UTC</td>
              <td className="govuk-table__cell">{e.who}</td>
              <td className="govuk-table__cell">{e.action.replace(/_/g, " ")}</td>
              <td className="govuk-table__cell">{e.entity.replace(/_/g, " ")}</td>
              <td className="govuk-table__cell">{e.entityId ?? "–"}</td>
              <td className="govuk-table__cell">
                {e.changes.length === 0 ? (
                  "–"
                ) : (
                  <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
                    {e.changes.map((c) => (
                      <li key={c.field}>
                        <strong>{c.field}</strong>: {c.from} → {c.to}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {pages > 1 ? (
        <Pagination
          label="Pages of the audit trail"
          block
          previous={
            page > 1
              ? {
                  to: pageHref(page - 1),
                  title: "Newer entries",
                  label: (
                    <>
                      Page {page - 1} of {pages}
                    </>
                  ),
                }
              : null
          }
          next={
            page < pages
              ? {
                  to: pageHref(page + 1),
                  title: "Older entries",
                  label: (
                    <>
                      Page {page + 1} of {pages}
                    </>
                  ),
                }
              : null
          }
        />
      ) : null}
    </>
  );
}
