import { Link } from "@remix-run/react";
import { withParams } from "~/reports/url-params";

/**
 * A column heading that sorts the table by its column, kept in the address:
 * the first choice sorts in `firstDir`, choosing it again turns the order round.
 */
export function SortHeader({
  column,
  label,
  sort,
  dir,
  search,
  numeric,
  note,
  firstDir = "asc",
}: {
  column: string;
  label: string;
  sort: string;
  dir: "asc" | "desc";
  search: string;
  numeric?: boolean;
  /** Said to screen readers after the label: what else the column's cells hold. */
  note?: string;
  firstDir?: "asc" | "desc";
}) {
  const active = sort === column;
  const next = active ? (dir === "asc" ? "desc" : "asc") : firstDir;
  return (
    <th scope="col" className={`govuk-table__header${numeric ? " app-numeric" : ""}`} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link className="govuk-link app-sort-link" to={withParams(search, { sort: column, dir: next, page: null })}>
        {label}
        {note ? <span className="govuk-visually-hidden">{note}</span> : null}
        <span className="govuk-visually-hidden">, sort {next === "asc" ? "ascending" : "descending"}</span>
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}
