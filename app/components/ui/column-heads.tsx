import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

/**
 * A column of a table's head: its label, or the label and whether it holds
 * numbers (right-aligned, as GOV.UK tables align figures). A ready-made
 * heading cell (a `SortHeader`) goes in as it is; `false` or `null` leaves a
 * column out, so `showTeam && "Team"` reads as it should.
 */
export interface ColumnLabel {
  label: ReactNode;
  numeric?: boolean;
  className?: string;
  key?: string;
}
export type ColumnHead = string | ColumnLabel | ReactElement | false | null | undefined;

/** The one way a table's column headings are written: a GOV.UK head row of `<th scope="col">` cells. */
export function ColumnHeads({ columns }: { columns: readonly ColumnHead[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((column, index) => {
          if (column === false || column === null || column === undefined) return null;
          if (isValidElement(column)) return <Fragment key={column.key ?? index}>{column}</Fragment>;
          const { label, numeric, className, key }: ColumnLabel = typeof column === "string" ? { label: column, key: column } : (column as ColumnLabel);
          const classes = ["govuk-table__header", numeric ? "app-numeric" : "", className ?? ""].filter(Boolean).join(" ");
          return (
            <th scope="col" className={classes} key={key ?? (typeof label === "string" ? label : index)}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
