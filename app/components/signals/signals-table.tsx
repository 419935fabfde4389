import { formatMonthShort } from "~/dates";
import { formatSeriesValue, type SeriesUnit } from "~/interpretation/report-series";
import type { AssuranceIcon, VariationIcon } from "~/interpretation/spc";
import { ScrollTable } from "../ui/scroll-table";
import { SignalIcons } from "./spc-icons";
import { ColumnHeads } from "~/components/ui/column-heads";

/** What a row needs: the team report's readings and the meeting pack's frozen ones both have it. */
export interface SignalRow {
  key: string;
  label: string;
  unit: SeriesUnit;
  latest: { month: string; value: number; mean: number } | null;
  target: number | null;
  variationIcon: VariationIcon | null;
  assuranceIcon: AssuranceIcon | null;
  whyNoLimits: string | null;
}

/** Every series' latest signal on one table, each opening its XmR chart when there is a page to open it on. */
export function SignalsTable({ id, signals, chartHref }: { id: string; signals: SignalRow[]; chartHref?: (key: string) => string }) {
  return (
    <ScrollTable id={id} caption="The latest finished month of each figure: signal or noise, and whether the target will be met">
      <ColumnHeads columns={["Figure", { label: "Latest", numeric: true }, { label: "Mean", numeric: true }, { label: "Target", numeric: true }, "Variation and assurance"]} />
      <tbody className="govuk-table__body">
        {signals.map((s) => (
          <tr className="govuk-table__row" key={s.key} data-series={s.key} data-variation={s.variationIcon ?? ""} data-assurance={s.assuranceIcon ?? ""}>
            <th scope="row" className="govuk-table__header">
              {chartHref ? (
                <a className="govuk-link" href={chartHref(s.key)}>
                  {s.label}
                </a>
              ) : (
                s.label
              )}
            </th>
            <td className="govuk-table__cell app-numeric">{s.latest ? `${formatSeriesValue(s.latest.value, s.unit)} (${formatMonthShort(s.latest.month)})` : "–"}</td>
            <td className="govuk-table__cell app-numeric">{s.latest ? formatSeriesValue(s.latest.mean, s.unit) : "–"}</td>
            <td className="govuk-table__cell app-numeric">{s.target === null ? "None" : formatSeriesValue(s.target, s.unit)}</td>
            <td className="govuk-table__cell">
              <SignalIcons variation={s.variationIcon} assurance={s.assuranceIcon} whyNone={s.whyNoLimits} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
