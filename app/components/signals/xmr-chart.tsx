import { ChartFrame } from "../charts/chart-frame";
import { XmrChart } from "./xmr-chart.client";
import { xmrRows, type XmrSpec } from "~/interpretation/xmr-spec";
import { ScrollTable } from "../ui/scroll-table";
import { ColumnHeads, type ColumnHead } from "~/components/ui/column-heads";

/** The columns of every XmR chart's table of figures (a Primed Metric's adds why each signal fired). */
export const XMR_COLUMNS: readonly ColumnHead[] = [
  "Month",
  { label: "Value", numeric: true },
  { label: "Mean", numeric: true },
  { label: "Lower limit", numeric: true },
  { label: "Upper limit", numeric: true },
  "Signal",
];

/** The XmR chart (drawn in the browser) and, always, a table of the same figures and signals. */
export function XmrChartWithTable({ spec, tableId }: { spec: XmrSpec; tableId: string }) {
  return (
    <>
      <ChartFrame summary={spec.summary} tableId={tableId}>
        {() => <XmrChart spec={spec} describedBy={tableId} />}
      </ChartFrame>
      <ScrollTable id={tableId} caption={`${spec.valueLabel}: each month's value, the mean and process limits, and the signal`}>
        <ColumnHeads columns={XMR_COLUMNS} />
        <tbody className="govuk-table__body">
          {xmrRows(spec).map((row) => (
            <tr className={`govuk-table__row${row.newSection ? " app-new-section" : ""}`} key={row.month} data-classification={row.classification}>
              <th scope="row" className="govuk-table__header">
                {row.label}
                {row.newSection && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Limits start again</span>}
              </th>
              <td className="govuk-table__cell app-numeric">{row.value}</td>
              <td className="govuk-table__cell app-numeric">{row.mean}</td>
              <td className="govuk-table__cell app-numeric">{row.lpl}</td>
              <td className="govuk-table__cell app-numeric">{row.upl}</td>
              <td className="govuk-table__cell">
                <span className={`app-signal app-signal--${row.classification}`}>{row.signal}</span>
                {row.why && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{row.why}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
