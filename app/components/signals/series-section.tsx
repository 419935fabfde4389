import type { SignalView } from "~/interpretation/signals-view.server";
import { directionWords } from "~/interpretation/signal-words";
import { formatSeriesValue } from "~/interpretation/report-series";
import { formatDate, formatMonthLong, formatMonthShort } from "~/dates";
import { SignalIcons } from "~/components/signals/spc-icons";
import { XmrChartWithTable } from "~/components/signals/xmr-chart";

/** One series' chart; `ownHeading` when several share the page (a focused series has the page's heading). */
export function SeriesSection({ signal, ownHeading }: { signal: SignalView; ownHeading: boolean }) {
  const id = `series-${signal.key.replace(/[^a-zA-Z0-9]+/g, "-")}`;
  return (
    <section className="app-report-section" aria-labelledby={ownHeading ? `${id}-heading` : "page-heading"}>
      {ownHeading && (
        <h2 className="govuk-heading-l" id={`${id}-heading`}>
          {signal.label}
        </h2>
      )}
      <p className="govuk-body">
        Each point: {signal.measures}. {directionWords[signal.direction].replace(/^./, (c) => c.toUpperCase())}
        {signal.direction === signal.defaultDirection ? "" : " (set for this team or service)"}.
        {signal.target
          ? ` Target ${formatSeriesValue(signal.target.value, signal.unit)} (${signal.target.level}, from ${formatMonthShort(signal.target.startMonth)}).`
          : " No target set."}
      </p>
      <SignalIcons variation={signal.variationIcon} assurance={signal.assuranceIcon} whyNone={signal.whyNoLimits} />
      {signal.prompt && <p className="govuk-inset-text">{signal.prompt}</p>}
      {signal.recalculations.length > 0 && (
        <ul className="govuk-list">
          {signal.recalculations.map((r) => (
            <li key={r.id}>
              Limits start again from {formatMonthLong(r.month)}: {r.reason} ({r.by}, {formatDate(r.at.slice(0, 10))})
            </li>
          ))}
        </ul>
      )}
      {signal.recalculationNotes.map((note) => (
        <p className="govuk-body-s" key={note}>
          {note}
        </p>
      ))}
      {signal.spec ? <XmrChartWithTable spec={signal.spec} tableId={`${id}-table`} /> : <p className="govuk-body">{signal.problem}</p>}
    </section>
  );
}
