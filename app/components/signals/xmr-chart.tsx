import { ChartFrame } from "../charts/chart-frame";
import { XmrChart } from "./xmr-chart.client";
import { xmrRows, type XmrSpec } from "~/interpretation/xmr-spec";
import { ScrollTable } from "../ui/scroll-table";

/** The XmR chart (drawn in the browser) and, always, a table of the same figures and signals. */
export function XmrChartWithTable({ spec, tableId }: { spec: XmrSpec; tableId: string }) {
  return (
    <>
      <ChartFrame summary={spec.summary} tableId={tableId}>
        {() => <XmrChart spec={spec} describedBy={tableId} />}
      </ChartFrame>
      <ScrollTable id={tableId} caption={`${spec.valueLabel}: each month's value, the mean and process limits, and the signal`}>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Month
            </th>
            <th scope="col" className="govuk-table__header app-numeric">
              Value
            </th>
            <th scope="col" className="govuk-table__header app-numeric">
              Mean
            </th>
            <th scope="col" className="govuk-table__header app-numeric">
              Lower limit
            </th>
            <th scope="col" className="govuk-table__header app-numeric">
              Upper limit
            </th>
            <th scope="col" className="govuk-table__header">
              Signal
            </th>
          </tr>
        </thead>
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
