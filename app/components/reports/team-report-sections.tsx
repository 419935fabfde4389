import { Link } from "@remix-run/react";
import { formatDate, formatMonthLong, type IsoDate } from "~/dates";
import type { FigureKey } from "~/work-figures/definitions";
import type { MonthFigures } from "~/work-figures/month-figures";
import type { FigureLinker } from "~/reports/figure-query";
import { isFiltered, type ReportQuery } from "~/reports/report-query";
import { timelinessOf } from "~/reports/team-report";
import type { SignalSummaryView } from "~/interpretation/signals-view.server";
import { signalsHref } from "~/interpretation/signals-href";
import type { WorkerLoadRow } from "~/reports/workers-load.server";
import { SignalsTable } from "~/components/signals/signals-table";
import { WorkersTable } from "~/components/reports/workers-table";
import { Frozen } from "~/components/ui/frozen";

/** The latest month's headline figures on a team's (or a worker's) report, each opening its work items where the reader may see them. */
export function HeadlineFigures({
  now,
  asOf,
  linkTo,
}: {
  now: Pick<MonthFigures, "month" | "kind" | "allocated" | "awaitingAllocation" | "overdue" | "due" | "completed" | "completedOnTime">;
  asOf: IsoDate;
  linkTo?: FigureLinker;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">
        {formatMonthLong(now.month)}
        {now.kind === "current" ? " so far" : ""}, as of {formatDate(asOf)}
      </h2>
      <ul className="app-figures" aria-label={`Headline figures, ${formatMonthLong(now.month)}`}>
        {(
          [
            ["allocated", "Allocated", now.allocated],
            ["awaitingAllocation", "Awaiting allocation", now.awaitingAllocation],
            ["overdue", "Overdue", now.overdue],
            ["due", now.kind === "current" ? "Due this month" : "Due", now.due],
            ["completed", "Completed", now.completed],
          ] as [FigureKey, string, number | null][]
        ).map(([figure, label, value]) => (
          <Headline
            key={figure}
            label={label}
            value={value}
            warning={figure === "overdue" && (value ?? 0) > 0}
            href={value && linkTo ? linkTo({ figure, month: now.month }) : undefined}
          />
        ))}
        <Headline label="On time" value={timelinessOf(now)} />
      </ul>
    </>
  );
}

/** A team's (or a worker's) signals: signal or noise for each figure, read as a series whatever the report's filters. */
export function TeamSignalsSection({
  slug,
  query,
  worker,
  signals,
  canViewPrompts,
}: {
  slug: string;
  query: ReportQuery;
  worker: { id: number; name: string } | null;
  signals: SignalSummaryView[];
  canViewPrompts: boolean;
}) {
  return (
    <section className="app-report-section" aria-labelledby="signals-heading">
      <h2 className="govuk-heading-l" id="signals-heading">
        Signal or noise
      </h2>
      <p className="govuk-body">
        Whether last month's figures are a real change or the usual ups and downs, read over the last two years (statistical process control, as in Making Data Count)
        {isFiltered(query) ? ", for the whole of " + (worker ? "this worker's" : "the team's") + " work whatever the filters" : ""}. Each figure opens its chart.
      </p>
      {/* Drawn only from these: rendered once for the same readings (components/ui/frozen.tsx). */}
      <Frozen what="team-signals-table" deps={[signals, slug, worker?.id ?? null, query.asOf]}>
        <SignalsTable
          id="signals-table"
          signals={signals.map((s) => ({ ...s, target: s.target?.value ?? null }))}
          chartHref={(key) => signalsHref(slug, key, worker, query.asOf)}
        />
      </Frozen>
      {signals.some((s) => s.prompt) && (
        <>
          <h3 className="govuk-heading-m">Questions for the meeting</h3>
          <ul className="govuk-list govuk-list--bullet">{signals.flatMap((s) => (s.prompt ? [<li key={s.key}>{s.prompt}</li>] : []))}</ul>
        </>
      )}
      {canViewPrompts && (
        <p className="govuk-body app-no-print">
          <Link className="govuk-link" to={`/teams/${slug}/prompts`}>
            Interpret this month: the prompt sheet
          </Link>
        </p>
      )}
    </section>
  );
}

/** The team's workers and their load, with the warning that these are raw counts. */
export function TeamWorkersSection({
  rows,
  month,
  workerHref,
  noteHref,
  linkTo,
}: {
  rows: WorkerLoadRow[];
  month: string;
  workerHref: (workerId: number) => string;
  noteHref?: (workerId: number) => string;
  linkTo?: Parameters<typeof WorkersTable>[0]["linkTo"];
}) {
  return (
    <section className="app-report-section" aria-labelledby="workers-heading">
      <h2 className="govuk-heading-l" id="workers-heading">
        The team's workers
      </h2>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          These are raw counts. They do not weigh how complex or risky each piece of work is, or the travel it takes: talk to the worker before reading a high or low number as too
          much or too little.
        </strong>
      </div>
      <p className="govuk-body">
        <strong>Reallocating work happens in the care system, not in Primed.</strong> Primed shows each item with the worker on its latest record in the monthly extract, so a
        change made in the care system shows here after the next load.
      </p>
      {rows.length === 0 ? (
        <p className="govuk-body">No workers are recorded in this team.</p>
      ) : (
        <WorkersTable id="workers-table" rows={rows} month={month} workerHref={workerHref} noteHref={noteHref} linkTo={linkTo} />
      )}
    </section>
  );
}

function Headline({ label, value, warning, href }: { label: string; value: number | string | null; warning?: boolean; href?: string }) {
  return (
    <li className={`app-figure${warning ? " app-figure--warning" : ""}`}>
      {href ? (
        <Link className="app-figure__value govuk-link" to={href} aria-label={`${value} ${label.toLowerCase()}: list the work items`}>
          {value}
        </Link>
      ) : (
        <span className="app-figure__value">{value ?? "–"}</span>
      )}
      <span className="app-figure__label">{label}</span>
    </li>
  );
}
