import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ListPages } from "~/components/ui/pagination";
import { ScrollTable } from "~/components/ui/scroll-table";
import { SortHeader } from "~/components/ui/sort-header";
import { ReportActions } from "~/components/reports/report-actions";
import { formatPounds } from "~/care/service-types";
import { formatDate, formatShortDate, type IsoDate } from "~/dates";
import { CARE_ROWS_PER_PAGE, careListPage, type CareListRows } from "~/reports/care-list.server";
import type { CareSortKey } from "~/reports/care-query";
import { reportParams } from "~/reports/report-query";
import { withParams } from "~/reports/url-params";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – ${data.team.name} – Primed` : "Care and support – Primed" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, worker, query, list, label, title, totals, rows } = await careListPage(request, params.slug);
  const pages = Math.max(1, Math.ceil(rows.rows.length / CARE_ROWS_PER_PAGE));
  const page = Math.min(list.page, pages);
  const report = reportParams(query);
  return {
    team: { name: team.name, slug: team.slug },
    worker,
    asOf: query.asOf,
    list: { figure: list.figure, month: list.month, q: list.q, sort: list.sort, dir: list.dir, page },
    title,
    definition: label.definition,
    totals,
    shown: rows.rows.length,
    pages,
    rows: { kind: rows.kind, rows: rows.rows.slice((page - 1) * CARE_ROWS_PER_PAGE, page * CARE_ROWS_PER_PAGE) } as CareListRows,
    search: new URL(request.url).search,
    backHref: `/teams/${team.slug}${report.size ? `?${report}` : ""}`,
  };
}

type Column = { key: CareSortKey; label: string; numeric?: boolean; firstDir?: "asc" | "desc" };

const columns: Record<CareListRows["kind"], Column[]> = {
  services: [
    { key: "reference", label: "Reference" },
    { key: "person", label: "Person" },
    { key: "service", label: "Service" },
    { key: "setting", label: "Setting" },
    { key: "start", label: "Start" },
    { key: "end", label: "End" },
    { key: "weeklyCost", label: "Weekly cost", numeric: true, firstDir: "desc" },
    { key: "worker", label: "Worker" },
  ],
  reviews: [
    { key: "reference", label: "Reference" },
    { key: "person", label: "Person" },
    { key: "received", label: "Received" },
    { key: "completed", label: "Completed" },
    { key: "before", label: "Weekly cost before", numeric: true, firstDir: "desc" },
    { key: "after", label: "Weekly cost after", numeric: true, firstDir: "desc" },
    { key: "change", label: "Change", numeric: true },
    { key: "worker", label: "Worker" },
  ],
  clients: [
    { key: "person", label: "Person" },
    { key: "supportStart", label: "Support start" },
    { key: "lastReview", label: "Last review" },
    { key: "due", label: "Review due" },
    { key: "daysOverdue", label: "Days overdue", numeric: true, firstDir: "desc" },
    { key: "worker", label: "Worker" },
  ],
};

function Day({ value, none = "–" }: { value: IsoDate | null; none?: string }) {
  return <td className="govuk-table__cell app-nowrap">{value ? formatShortDate(value) : none}</td>;
}

function Money({ value, none = "–" }: { value: number | null; none?: string }) {
  return <td className="govuk-table__cell app-numeric app-nowrap">{value === null ? none : formatPounds(value, { pence: true })}</td>;
}

function Worker({ name }: { name: string | null }) {
  return <td className="govuk-table__cell">{name ?? "Not allocated"}</td>;
}

function Rows({ rows }: { rows: CareListRows }) {
  switch (rows.kind) {
    case "services":
      return rows.rows.map((r) => (
        <tr className="govuk-table__row" key={r.id} data-ref={r.reference}>
          <th scope="row" className="govuk-table__header app-nowrap">
            {r.reference}
          </th>
          <td className="govuk-table__cell">{r.person}</td>
          <td className="govuk-table__cell">{r.service}</td>
          <td className="govuk-table__cell">{r.setting}</td>
          <Day value={r.startsOn} />
          <Day value={r.endsOn} none="Continues" />
          {!r.costKnown ? (
            <td className="govuk-table__cell app-numeric">not known</td>
          ) : r.oneOffCost !== null ? (
            <td className="govuk-table__cell app-numeric app-nowrap">{formatPounds(r.oneOffCost, { pence: true })} one-off</td>
          ) : (
            <Money value={r.weeklyCost} />
          )}
          <Worker name={r.worker} />
        </tr>
      ));
    case "reviews":
      return rows.rows.map((r) => (
        <tr className="govuk-table__row" key={r.id} data-ref={r.reference}>
          <th scope="row" className="govuk-table__header app-nowrap">
            {r.reference}
          </th>
          <td className="govuk-table__cell">{r.person}</td>
          <Day value={r.receivedOn} />
          <Day value={r.completedOn} />
          <Money value={r.before} none="too recent" />
          <Money value={r.after} none="too recent" />
          <Money value={r.change} none="too recent" />
          <Worker name={r.worker} />
        </tr>
      ));
    case "clients":
      return rows.rows.map((r) => (
        <tr className="govuk-table__row" key={r.person} data-ref={r.person}>
          <th scope="row" className="govuk-table__header app-nowrap">
            {r.person}
          </th>
          <Day value={r.supportStart} />
          <Day value={r.lastReview} none="None" />
          <Day value={r.reviewDue} />
          <td className="govuk-table__cell app-numeric">{r.daysOverdue || "–"}</td>
          <Worker name={r.worker} />
        </tr>
      ));
  }
}

export default function CareList() {
  const { team, worker, asOf, list, title, definition, totals, shown, pages, rows, search, backHref } = useLoaderData<typeof loader>();
  const csvHref = `/teams/${team.slug}/care.csv${withParams(search, { page: null })}`;
  const what = rows.kind === "services" ? "services" : rows.kind === "reviews" ? "reviews" : "people";
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/teams" }, { label: team.name, to: backHref }, { label: "Care and support" }]} />
      <span className="govuk-caption-l">{worker ? `${worker.name}, ${team.name}` : team.name}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">{definition}</p>
      <p className="govuk-body" data-testid="care-totals">
        <strong>{totals.countText}</strong>
        {totals.money ? (
          <>
            ; {totals.money.label.toLowerCase()}: <strong>{formatPounds(totals.money.pounds, { pence: true })}</strong>
          </>
        ) : null}
        , as of {formatDate(asOf)}.
      </p>
      <Form method="get" className="app-search app-no-print" role="search" aria-label="Search the list">
        {[...new URLSearchParams(search).entries()]
          .filter(([key]) => key !== "q" && key !== "page")
          .map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="q">
            {rows.kind === "services"
              ? "Search by reference, person, service, setting or worker"
              : rows.kind === "reviews"
                ? "Search by reference, person or worker"
                : "Search by person or worker"}
          </label>
          <input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={list.q ?? ""} maxLength={100} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search
        </button>
      </Form>
      <ReportActions
        csvHref={csvHref}
        csvLabel={`Download all ${shown} as CSV`}
        printHeading={`${title}. ${worker ? `${worker.name}, ` : ""}${team.name}. Data as of ${formatDate(asOf)}.`}
      />
      {rows.rows.length === 0 ? (
        <p className="govuk-body">{list.q ? `No ${what} in this list match "${list.q}".` : `There are no ${what} behind this figure.`}</p>
      ) : (
        <ScrollTable id="care-table" labelledBy="care-caption" className="govuk-table--small-text-until-tablet">
          <caption className="govuk-table__caption govuk-table__caption--s" id="care-caption">
            The {what} behind this figure{list.q ? `, ${shown} matching "${list.q}"` : ""}
            {pages > 1 ? `, page ${list.page} of ${pages}` : ""}. Choose a column heading to sort.
          </caption>
          <ColumnHeads
            columns={columns[rows.kind].map((column) => (
              <SortHeader
                key={column.key}
                column={column.key}
                label={column.label}
                numeric={column.numeric}
                firstDir={column.firstDir}
                sort={list.sort}
                dir={list.dir}
                search={search}
              />
            ))}
          />
          <tbody className="govuk-table__body">
            <Rows rows={rows} />
          </tbody>
        </ScrollTable>
      )}
      <ListPages page={list.page} pages={pages} search={search} />
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to={backHref}>
          Back to {worker ? `${worker.name}'s` : `${team.name}'s`} report
        </Link>
      </p>
    </>
  );
}
