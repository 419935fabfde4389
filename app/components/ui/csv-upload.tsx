import { ColumnHeads } from "./column-heads";
import { Field } from "./form-errors";
import { ScrollTable } from "./scroll-table";

/** An example of a CSV file to load, as a spreadsheet shows it: its header row, then rows. */
export function ExampleCsv({ columns, rows }: { columns: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <ScrollTable id="example-table" caption="An example file, as a spreadsheet shows it">
      <ColumnHeads columns={columns} />
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.join(",")}>
            {row.map((cell, i) => (
              <td className="govuk-table__cell" key={i}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The box to choose a CSV file in, posted as `file`. */
export function CsvFileField({ error, hint, accept = ".csv,text/csv" }: { error?: string; hint?: string; accept?: string }) {
  return (
    <Field id="file" label="The CSV file" hint={hint} error={error}>
      {(describedBy, invalid) => (
        <input className={`govuk-file-upload${invalid ? " govuk-file-upload--error" : ""}`} id="file" name="file" type="file" accept={accept} aria-describedby={describedBy} />
      )}
    </Field>
  );
}
