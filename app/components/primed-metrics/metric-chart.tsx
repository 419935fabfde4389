import { ClientOnly } from "../ui/client-only";
import { MetricLineChart } from "./metric-line-chart.client";
import { formatMonthShort } from "~/dates";
import { formatValue } from "~/primed-metrics/numbers";
import type { LineChartSpec, MetricRow } from "~/primed-metrics/view";
import { ScrollTable } from "../ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

/**
 * The metric's chart (drawn in the browser only: chart.js needs a canvas) and
 * beneath it a table of the same figures, which the server and a browser
 * without JavaScript show as well.
 */
export function MetricChartWithTable({
  spec,
  rows,
  unit,
  decimals,
  projectionDecimals,
  tableId,
}: {
  spec: LineChartSpec;
  rows: MetricRow[];
  unit: string;
  decimals: number;
  projectionDecimals: number;
  tableId: string;
}) {
  const show = (value: number | null, places = decimals) => (value === null ? "–" : formatValue(value, unit, places));
  return (
    <>
      <div className="app-chart">
        <ClientOnly
          fallback={
            <p className="app-chart-fallback">
              {spec.summary} The chart appears once the page has loaded; the{" "}
              <a className="govuk-link" href={`#${tableId}`}>
                table below
              </a>{" "}
              has the same figures.
            </p>
          }
        >
          {() => <MetricLineChart spec={spec} describedBy={`${tableId}-caption`} />}
        </ClientOnly>
      </div>
      <ScrollTable id={tableId} caption={`The chart's figures, month by month (${unit})`}>
        <ColumnHeads
          columns={[
            "Month",
            { label: "Actual", numeric: true },
            { label: "Trajectory (plan)", numeric: true },
            { label: "Baseline projection", numeric: true },
            { label: "Actual minus projection", numeric: true },
          ]}
        />
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.month} data-month={row.month}>
              <th scope="row" className="govuk-table__header app-nowrap">
                {formatMonthShort(row.month)}
              </th>
              <td className="govuk-table__cell app-numeric">{show(row.actual)}</td>
              <td className="govuk-table__cell app-numeric">{show(row.trajectory)}</td>
              <td className="govuk-table__cell app-numeric">{show(row.projection, projectionDecimals)}</td>
              <td className="govuk-table__cell app-numeric">
                {row.actual === null || row.projection === null ? "–" : signed(row.actual - row.projection, unit, projectionDecimals)}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

/** "+12", "−£3.20", "0": the sign written out, as a difference reads. */
function signed(difference: number, unit: string, decimals: number): string {
  const text = formatValue(Math.abs(difference), unit, decimals);
  if (Number(Math.abs(difference).toFixed(decimals)) === 0) return text;
  return `${difference > 0 ? "+" : "−"}${text}`;
}
