import { formatMonthShort } from "~/dates";
import { formatValue } from "~/primed-metrics/numbers";
import type { MetricSignals } from "~/primed-metrics/signals";
import { SignalIcons } from "../signals/spc-icons";
import { ScrollTable } from "../ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";
import { XMR_COLUMNS } from "~/components/signals/xmr-chart";

/** The metric's signals in words: the latest month's result, and every month's value, mean, limits and rules. */
export function MetricSignalsSection({ signals, unit, decimals }: { signals: MetricSignals; unit: string; decimals: number }) {
  if (!signals.ok) {
    return (
      <p className="govuk-body" id="signals-result">
        {signals.message}
      </p>
    );
  }
  const show = (value: number | null, extra = 0) => (value === null ? "–" : formatValue(value, unit, Math.min(decimals + extra, 2)));
  return (
    <>
      <p className="govuk-body-l" id="signals-result">
        {signals.latest}
      </p>
      {signals.variation && <SignalIcons variation={signals.variation} assurance={null} />}
      <p className="govuk-body">
        {signals.limitsFrom} A point beyond a limit, a run of points on one side of the mean or a run of rises or falls is a special cause: something changed. The rest is common
        cause: the month-to-month variation to expect.
      </p>
      <ScrollTable id="signals-table" labelledBy="signals-caption">
        <caption className="govuk-table__caption govuk-table__caption--s" id="signals-caption">
          Signal or noise, month by month
        </caption>
        <ColumnHeads columns={[...XMR_COLUMNS, "Why"]} />
        <tbody className="govuk-table__body">
          {signals.rows.map((row) => (
            <tr className="govuk-table__row" key={row.month}>
              <th scope="row" className="govuk-table__header app-nowrap">
                {formatMonthShort(row.month)}
              </th>
              <td className="govuk-table__cell app-numeric">{show(row.value)}</td>
              <td className="govuk-table__cell app-numeric">{show(row.mean, 1)}</td>
              <td className="govuk-table__cell app-numeric">{show(row.lowerLimit, 1)}</td>
              <td className="govuk-table__cell app-numeric">{show(row.upperLimit, 1)}</td>
              <td className="govuk-table__cell">{row.classification}</td>
              <td className="govuk-table__cell">{row.rules || "–"}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
