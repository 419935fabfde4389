import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ReportActions } from "~/components/reports/report-actions";
import { ReportFilters } from "~/components/reports/report-filters";
import { formatDate, formatShortDate, type IsoDate } from "~/dates";
import { ITEMS_PER_PAGE } from "~/reports/figure-items.server";
import type { ItemSortKey } from "~/reports/figure-query";
import { withParams } from "~/reports/url-params";
import { SortHeader } from "~/components/ui/sort-header";
import { itemList } from "~/reports/item-list.server";
import { reportParams } from "~/reports/report-query";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ListPages } from "~/components/ui/pagination";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – ${data.team.name} – Primed` : "Work items – Primed" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, worker, workers, workTypes, outcomeGroups, query, list, definition, title, rows } = await itemList(request, params.slug);
  const pages = Math.max(1, Math.ceil(rows.length / ITEMS_PER_PAGE));
  const page = Math.min(list.page, pages);
  const url = new URL(request.url);
  return {
    team: { name: team.name, slug: team.slug },
    worker,
    query,
    list: { ...list, page },
    choices: { workers, workTypes, outcomeGroups },
    title,
    definition: definition.definition,
    total: rows.length,
    pages,
    items: rows.slice((page - 1) * ITEMS_PER_PAGE, page * ITEMS_PER_PAGE),
    search: url.search,
    backHref: `/teams/${team.slug}${reportParams(query).size ? `?${reportParams(query)}` : ""}`,
  };
}

const columns: { key: ItemSortKey; label: string; numeric?: boolean }[] = [
  { key: "reference", label: "Reference" },
  { key: "person", label: "Person" },
  { key: "workType", label: "Work type" },
  { key: "worker", label: "Worker" },
  { key: "received", label: "Received" },
  { key: "allocated", label: "Allocated" },
  { key: "due", label: "Due" },
  { key: "completed", label: "Completed" },
  { key: "outcome", label: "Outcome" },
  { key: "daysOpen", label: "Days open", numeric: true },
  { key: "daysLate", label: "Days late", numeric: true },
];

function Day({ value }: { value: IsoDate | null }) {
  return <td className="govuk-table__cell app-nowrap">{value ? formatShortDate(value) : "–"}</td>;
}

export default function FigureItems() {
  const { team, worker, query, list, choices, title, definition, total, pages, items, search, backHref } = useLoaderData<typeof loader>();
  const keep: Record<string, string> = { figure: list.figure };
  if (list.month) keep.month = list.month;
  for (const key of ["outcome", "routeOfAccess", "ledTo", "sort", "dir"] as const) if (list[key]) keep[key] = String(list[key]);
  const csvHref = `/teams/${team.slug}/items.csv${withParams(search, { page: null })}`;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/teams" }, { label: team.name, to: backHref }, { label: "Work items" }]} />
      <span className="govuk-caption-l">{worker ? `${worker.name}, ${team.name}` : team.name}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        <strong>{total}</strong> work {total === 1 ? "item" : "items"}, as of {formatDate(query.asOf)}. {definition}
      </p>
      <ReportFilters choices={choices} values={{ ...query, worker: worker?.id }} clearHref={`/teams/${team.slug}/items${withParams("", keep)}`} extra={keep} />
      <Form method="get" className="app-search app-no-print" role="search" aria-label="Search the list">
        {[...new URLSearchParams(search).entries()]
          .filter(([key]) => key !== "q" && key !== "page")
          .map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="q">
            Search by reference, person, worker, work type or outcome
          </label>
          <input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={list.q ?? ""} maxLength={100} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search
        </button>
      </Form>
      <ReportActions
        csvHref={csvHref}
        csvLabel={`Download all ${total} as CSV`}
        printHeading={`${title}. ${worker ? `${worker.name}, ` : ""}${team.name}. Data as of ${formatDate(query.asOf)}.`}
      />
      {items.length === 0 ? (
        <p className="govuk-body">{list.q ? `No work items in this list match "${list.q}".` : "There are no work items behind this figure."}</p>
      ) : (
        <ScrollTable id="items-table" labelledBy="items-caption" className="govuk-table--small-text-until-tablet app-items-table">
          <caption className="govuk-table__caption govuk-table__caption--s" id="items-caption">
            The work items behind this figure{pages > 1 ? `, page ${list.page} of ${pages}` : ""}. Choose a column heading to sort.
          </caption>
          <ColumnHeads
            columns={columns.map((column) => (
              <SortHeader key={column.key} column={column.key} label={column.label} numeric={column.numeric} sort={list.sort} dir={list.dir} search={search} />
            ))}
          />
          <tbody className="govuk-table__body">
            {items.map((item) => (
              <tr className="govuk-table__row" key={item.id} data-ref={item.sourceRef}>
                <th scope="row" className="govuk-table__header app-nowrap">
                  {item.sourceRef}
                </th>
                <td className="govuk-table__cell">{item.personRef}</td>
                <td className="govuk-table__cell">{item.workType}</td>
                <td className="govuk-table__cell">{item.worker ?? "Not allocated"}</td>
                <Day value={item.receivedOn} />
                <Day value={item.allocatedOn} />
                <Day value={item.dueOn} />
                <Day value={item.completedOn} />
                <td className="govuk-table__cell">{item.outcome ?? "–"}</td>
                <td className="govuk-table__cell app-numeric">{item.daysOpen}</td>
                <td className="govuk-table__cell app-numeric">{item.daysLate || "–"}</td>
              </tr>
            ))}
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
