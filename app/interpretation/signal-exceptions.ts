/*
 * The statistics' part of the service overview's exceptions: a team needs
 * attention when the latest finished month of a series is a special-cause
 * concern, or when its target will not be met without a change. Ordinary
 * variation, however red it would look against a target, is not an exception.
 */
import { formatMonthShort, type IsoMonth } from "~/dates";
import type { FiredException } from "~/reports/exceptions";
import { formatSeriesValue, type SeriesUnit } from "./report-series";
import { rulesInWords } from "./signal-words";
import type { SpcChart } from "./spc";

export interface ReadingForExceptions {
  series: { key: string; label: string; unit: SeriesUnit };
  months: IsoMonth[];
  chart: SpcChart | null;
  target: { value: number } | null;
}

export function signalExceptions(readings: readonly ReadingForExceptions[]): FiredException[] {
  return readings.flatMap((reading) => {
    const { chart, series } = reading;
    const last = chart?.points.at(-1);
    if (!chart?.limitsShown || !last) return [];
    const month = formatMonthShort(reading.months.at(-1)!);
    const fired: FiredException[] = [];
    if (last.classification === "concern") {
      fired.push({
        key: `special-cause-concern:${series.key}`,
        label: "Special-cause concern",
        reason: `${series.label}: ${formatSeriesValue(last.value, series.unit)} in ${month} is a concern, not noise (${rulesInWords(last)}).`,
      });
    }
    if (chart.assuranceIcon === "fail" && reading.target && last.lpl !== null && last.upl !== null) {
      fired.push({
        key: `assurance-fail:${series.key}`,
        label: "Target will not be met",
        reason: `${series.label}: the target of ${formatSeriesValue(reading.target.value, series.unit)} lies outside the process limits (${formatSeriesValue(last.lpl, series.unit)} to ${formatSeriesValue(last.upl, series.unit)}), so it will not be met without a change.`,
      });
    }
    return fired;
  });
}
