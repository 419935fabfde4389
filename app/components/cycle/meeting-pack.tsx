/*
 * The meeting pack as one document, in the order the meeting works through
 * it: purpose and targets, the reports (work, and care and cost) with their signals, the prompt
 * sheet's answers, the actions due and overdue, and the meeting's minutes
 * (attendance, each follow-up's outcome, key messages, decisions). The page,
 * the printout and the PDF all render this, from a draft or an issued
 * snapshot alike, so what was issued is exactly what people saw.
 */
import type { ReactNode } from "react";
import type { PackContents, PackMinutes } from "~/cycle/pack-contents";
import { formatDate, formatMoment, formatMonthLong, formatMonthShort } from "~/dates";
import { figures } from "~/work-figures/definitions";
import { timeliness } from "~/work-figures/month-figures";
import { formatPercent } from "~/reports/team-report";
import { colours } from "~/reports/chart-spec";
import type { ActionListItem } from "~/actions/action-view";
import { ActionsTable } from "../actions/actions-table";
import { Headers, Num, OutcomeTotalsTable } from "../reports/figure-tables";
import { ScrollTable } from "../ui/scroll-table";
import { PackBars, PackLineChart, PackStackedBars } from "./pack-charts";
import { PackCareReport } from "./pack-care-report";
import { SignalsTable } from "../signals/signals-table";
import { SummaryRow } from "../ui/summary-row";
import { ColumnHeads } from "~/components/ui/column-heads";

type Objective = PackContents["purpose"]["team"][number];

/** Who issued the pack and when, or null for a draft. */
export interface PackIssue {
  by: string;
  at: string;
}

/** What every printed page and every page of the PDF says at its top. */
export function packRunningHead(pack: Pick<PackContents, "team" | "month" | "asOf">, draft: boolean): string {
  return `${pack.team.name}: meeting pack for ${formatMonthLong(pack.month)}. Data as of ${formatDate(pack.asOf)}.${draft ? " Draft: not issued." : ""}`;
}

export function MeetingPack({ pack, issue, minutes, liveReportHref }: { pack: PackContents; issue: PackIssue | null; minutes: PackMinutes | null; liveReportHref: string }) {
  const monthLabel = formatMonthLong(pack.month);
  const now = pack.months.at(-1);
  return (
    <article className="app-pack" aria-labelledby="pack-title">
      <span className="govuk-caption-l">{pack.team.typeLabel}</span>
      <h1 className="govuk-heading-xl" id="pack-title">
        {pack.team.name}: meeting pack for {monthLabel}
      </h1>
      {issue ? (
        <p className="govuk-body" id="pack-issued">
          Issued by {issue.by} on {formatMoment(issue.at)}. These are the figures as they were then;{" "}
          <a className="govuk-link" href={liveReportHref}>
            the live report
          </a>{" "}
          has today's.
        </p>
      ) : (
        <div className="govuk-warning-text app-pack__draft" id="pack-draft">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning: </span>Draft: not issued. The figures and actions here change until the pack is issued.
          </strong>
        </div>
      )}
      <p className="govuk-body">
        The figures are as they stood at the end of {monthLabel} (data as of {formatDate(pack.asOf)}
        {pack.dataLoadedOn ? `, from data loaded on ${formatDate(pack.dataLoadedOn)}` : ""}). The actions are as they stood on {formatDate(pack.preparedOn)}.
      </p>
      {!pack.figuresComplete && <div className="govuk-inset-text">No data has been loaded since {monthLabel} ended, so its figures may not be whole yet.</div>}

      <PackSection id="pack-purpose" title="1. Purpose and targets">
        <ObjectivesTable id="service-objectives" caption="The service's objectives" objectives={pack.purpose.service} none="The service has no objectives in force this month." />
        <ObjectivesTable id="team-objectives" caption="The team's objectives" objectives={pack.purpose.team} none="The team has no objectives in force this month." />
        <h3 className="govuk-heading-m">Ground rules</h3>
        {pack.purpose.groundRules.length === 0 ? (
          <p className="govuk-body">The team has not written its ground rules yet.</p>
        ) : (
          <ol className="govuk-list govuk-list--number" id="ground-rules">
            {pack.purpose.groundRules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ol>
        )}
        <p className="govuk-body-s app-secondary-text">Individual objectives are not in the pack: each person sees their own in My work.</p>
      </PackSection>

      <PackSection id="pack-reports" title={`2. The reports for ${monthLabel}`}>
        {now && <Headlines month={now} />}
        <WorkloadReport pack={pack} />
        <CompletedReport pack={pack} />
        <OutcomesReport pack={pack} />
        <PackCareReport pack={pack} />
        <SignalsReport pack={pack} />
      </PackSection>

      <PackSection id="pack-prompts" title="3. The prompt sheet">
        {pack.promptSheet ? (
          <>
            <p className="govuk-body-s app-secondary-text">
              Answered by {pack.promptSheet.by} on {formatMoment(pack.promptSheet.at)}.
            </p>
            <dl className="govuk-summary-list" id="prompt-answers">
              {pack.promptSheet.entries.map((entry, index) => (
                <div className="govuk-summary-list__row" key={index}>
                  <dt className="govuk-summary-list__key">{entry.question}</dt>
                  <dd className="govuk-summary-list__value app-preserve-lines">{entry.answer || "Not answered."}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <p className="govuk-body">The prompt sheet for {monthLabel} has not been answered yet.</p>
        )}
      </PackSection>

      <PackSection id="pack-actions" title="4. Actions due and overdue">
        <ActionList id="actions-overdue" caption={`Overdue on ${formatDate(pack.preparedOn)}`} actions={pack.actions.overdue} none="No action is overdue." />
        <ActionList
          id="actions-due"
          caption={`Due from ${formatDate(pack.preparedOn)} to ${formatDate(pack.actions.dueBy)}`}
          actions={pack.actions.due}
          none="No open action falls due in the next month."
        />
      </PackSection>

      <PackSection id="pack-minutes" title="5. The meeting: minutes">
        <Minutes minutes={minutes} monthLabel={monthLabel} issued={issue !== null} />
      </PackSection>
    </article>
  );
}

const names = (list: string[], none: string) => (list.length === 0 ? none : list.join(", "));

/** The minutes, read from the meeting's record as it stands (not frozen with the pack: the meeting usually comes after the pack is issued). */
function Minutes({ minutes, monthLabel, issued }: { minutes: PackMinutes | null; monthLabel: string; issued: boolean }) {
  if (minutes === null) return <p className="govuk-body">The team meeting for {monthLabel} has not been set up yet.</p>;
  return (
    <>
      <p className="govuk-body-s app-secondary-text">
        The team meeting {minutes.held ? "held" : "planned"} on {formatDate(minutes.heldOn)}.
        {issued ? " The minutes are the meeting's record as it stands now: they are not frozen with the pack." : ""}
      </p>
      <h3 className="govuk-heading-m">Attendance</h3>
      <dl className="govuk-summary-list" id="minutes-attendance">
        <SummaryRow label="Chair">{minutes.chair || "Not recorded"}</SummaryRow>
        <SummaryRow label="Present">{names(minutes.present, "Not recorded")}</SummaryRow>
        <SummaryRow label="Apologies">{names(minutes.apologies, "None")}</SummaryRow>
        <SummaryRow label="Guests">{names(minutes.guests, "None")}</SummaryRow>
      </dl>
      <h3 className="govuk-heading-m">Follow-up of the actions from earlier months</h3>
      {minutes.followUps.length === 0 ? (
        <p className="govuk-body" id="minutes-follow-ups">
          No actions were open from earlier months.
        </p>
      ) : (
        <table className="govuk-table" id="minutes-follow-ups">
          <caption className="govuk-table__caption govuk-table__caption--s">What the meeting decided about each action</caption>
          <ColumnHeads columns={["Action", "Owner", "Outcome"]} />
          <tbody className="govuk-table__body">
            {minutes.followUps.map((f) => (
              <tr className="govuk-table__row" key={f.id} data-outcome={f.outcome ?? "none"}>
                <td className="govuk-table__cell">{f.title}</td>
                <td className="govuk-table__cell">{f.ownerName}</td>
                <td className="govuk-table__cell">{f.outcomeText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="govuk-heading-m">Key messages and decisions</h3>
      <dl className="govuk-summary-list" id="key-messages">
        <SummaryRow label="Key messages">{minutes.keyMessages || "Not written yet."}</SummaryRow>
        <SummaryRow label="Decisions">{minutes.decisions || "None recorded yet."}</SummaryRow>
      </dl>
      <h3 className="govuk-heading-m">Actions agreed</h3>
      {minutes.agreed.length === 0 ? (
        <p className="govuk-body" id="minutes-agreed">
          No actions agreed yet.
        </p>
      ) : (
        <ul className="govuk-list govuk-list--bullet" id="minutes-agreed">
          {minutes.agreed.map((a) => (
            <li key={a.id}>
              {a.title} ({a.ownerName}, by {formatDate(a.deadline)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PackSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="app-pack__section" id={id} aria-labelledby={`${id}-heading`}>
      <h2 className="govuk-heading-l" id={`${id}-heading`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function ObjectivesTable({ id, caption, objectives, none }: { id: string; caption: string; objectives: Objective[]; none: string }) {
  if (objectives.length === 0) return <p className="govuk-body">{none}</p>;
  return (
    <ScrollTable id={id} caption={caption} captionSize="m">
      <ColumnHeads columns={["Objective", "Owner", "Measure and target", "Period"]} />
      <tbody className="govuk-table__body">
        {objectives.map((o, index) => (
          <tr className="govuk-table__row" key={index}>
            <td className="govuk-table__cell">{o.statement}</td>
            <td className="govuk-table__cell">{o.ownerName}</td>
            <td className="govuk-table__cell">{o.measure ? `${o.measure.label}: ${o.measure.target ? `target ${o.measure.target}` : "no target set"}` : "No measure"}</td>
            <td className="govuk-table__cell">{o.period}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Headlines({ month }: { month: PackContents["months"][number] }) {
  const items: [string, string | number, boolean][] = [
    [figures.allocated.label, month.allocated, false],
    [figures.awaitingAllocation.label, month.awaitingAllocation, false],
    [figures.overdue.label, month.overdue, month.overdue > 0],
    [figures.due.label, month.due, false],
    [figures.completed.label, month.completed, false],
    ["On time", formatPercent(timeliness(month)), false],
  ];
  return (
    <ul className="app-figures" aria-label={`Headline figures, ${formatMonthLong(month.month)}`} id="pack-headlines">
      {items.map(([label, value, warning]) => (
        <li key={label} className={`app-figure${warning ? " app-figure--warning" : ""}`}>
          <span className="app-figure__value">{value}</span>
          <span className="app-figure__label">{label}</span>
        </li>
      ))}
    </ul>
  );
}

const MonthCell = ({ month, note }: { month: string; note?: string }) => (
  <th scope="row" className="govuk-table__header">
    {formatMonthShort(month)}
    {note}
  </th>
);

function WorkloadReport({ pack }: { pack: PackContents }) {
  const past = pack.months;
  const months = [...past.map((m) => m.month), ...pack.comingUp.map((m) => m.month)];
  const pad = pack.comingUp.map(() => null);
  const last = past.at(-1);
  return (
    <section aria-labelledby="pack-workload-heading" className="app-pack__report">
      <h3 className="govuk-heading-m" id="pack-workload-heading">
        Allocated, due and overdue work by month
      </h3>
      <PackLineChart
        id="pack-workload-chart"
        summary={`Allocated, awaiting allocation and overdue work at each month's end, and work due in each month, ${formatMonthShort(months[0]!)} to ${formatMonthShort(months.at(-1)!)}${
          last ? `; at the end of ${formatMonthLong(last.month)} ${last.allocated} allocated, ${last.awaitingAllocation} awaiting allocation and ${last.overdue} overdue` : ""
        }. The table below has every figure.`}
        months={months}
        splitAt={past.length}
        series={[
          { label: figures.allocated.label, values: [...past.map((m) => m.allocated), ...pad], colour: colours.blue, marker: "circle" },
          { label: figures.awaitingAllocation.label, values: [...past.map((m) => m.awaitingAllocation), ...pad], colour: colours.purple, dash: "8 4", marker: "square" },
          { label: figures.overdue.label, values: [...past.map((m) => m.overdue), ...pad], colour: colours.red, dash: "2 3", marker: "triangle" },
          { label: figures.due.label, values: [...past.map((m) => m.due), ...pack.comingUp.map((m) => m.due)], colour: colours.black, dash: "12 4 3 4", marker: "diamond" },
        ]}
      />
      <ScrollTable id="pack-workload-table" caption="Allocated, awaiting allocation and overdue at each month's end, and work due and received in each month">
        <Headers labels={[figures.allocated.label, figures.awaitingAllocation.label, figures.overdue.label, figures.due.label, figures.received.label]} />
        <tbody className="govuk-table__body">
          {past.map((m) => (
            <tr className="govuk-table__row" key={m.month} data-month={m.month}>
              <MonthCell month={m.month} />
              <Num value={m.allocated} />
              <Num value={m.awaitingAllocation} />
              <Num value={m.overdue} />
              <Num value={m.due} />
              <Num value={m.received} />
            </tr>
          ))}
          {pack.comingUp.map((m) => (
            <tr className="govuk-table__row app-future" key={m.month} data-month={m.month}>
              <MonthCell month={m.month} note=" (coming up)" />
              <Num value={null} />
              <Num value={null} />
              <Num value={null} />
              <Num value={m.due} />
              <Num value={null} />
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

function CompletedReport({ pack }: { pack: PackContents }) {
  const months = pack.months;
  const total = months.reduce((n, m) => n + m.completed, 0);
  const onTime = months.reduce((n, m) => n + m.completedOnTime, 0);
  return (
    <section aria-labelledby="pack-completed-heading" className="app-pack__report">
      <h3 className="govuk-heading-m" id="pack-completed-heading">
        Work completed each month
      </h3>
      <PackStackedBars
        id="pack-completed-chart"
        summary={`Work completed each month, on time and late: ${total} in ${months.length} months, ${formatPercent(total ? onTime / total : null)} on time. The table below has every figure.`}
        months={months.map((m) => m.month)}
        parts={[
          { label: "On time", values: months.map((m) => m.completedOnTime), colour: colours.green },
          { label: "Late", values: months.map((m) => m.completedLate), colour: colours.orange, hatched: true },
        ]}
      />
      <ScrollTable id="pack-completed-table" caption="Work completed each month, on time and late">
        <Headers labels={[figures.completed.label, "On time", "Late", "On time rate", "Median days to complete"]} />
        <tbody className="govuk-table__body">
          {months.map((m) => (
            <tr className="govuk-table__row" key={m.month} data-month={m.month}>
              <MonthCell month={m.month} />
              <Num value={m.completed} />
              <Num value={m.completedOnTime} />
              <Num value={m.completedLate} />
              <td className="govuk-table__cell app-numeric">{formatPercent(timeliness(m))}</td>
              <Num value={m.medianDaysToComplete} />
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

function OutcomesReport({ pack }: { pack: PackContents }) {
  const monthLabel = formatMonthLong(pack.month);
  const total = pack.outcomes.groups.reduce((n, g) => n + g.count, 0);
  return (
    <section aria-labelledby="pack-outcomes-heading" className="app-pack__report">
      <h3 className="govuk-heading-m" id="pack-outcomes-heading">
        Outcomes of the assessments completed in {monthLabel}
      </h3>
      {total === 0 ? (
        <p className="govuk-body">No assessment was completed in {monthLabel}.</p>
      ) : (
        <>
          <PackBars
            id="pack-outcomes-chart"
            summary={`What the ${total} assessments completed in ${monthLabel} led to, by outcome group: ${pack.outcomes.groups.map((g) => `${g.group} ${g.count}`).join(", ")}.`}
            bars={pack.outcomes.groups.map((g) => ({ label: g.group, value: g.count }))}
            colour={colours.darkBlue}
          />
          <OutcomeTotalsTable id="pack-outcomes-table" totals={pack.outcomes.outcomes} caption={`Every outcome of the ${total} assessments completed in ${monthLabel}`} />
        </>
      )}
    </section>
  );
}

function SignalsReport({ pack }: { pack: PackContents }) {
  const prompts = pack.signals.filter((s) => s.prompt);
  return (
    <section aria-labelledby="pack-signals-heading" className="app-pack__report">
      <h3 className="govuk-heading-m" id="pack-signals-heading">
        Signal or noise
      </h3>
      <p className="govuk-body">
        Whether {formatMonthLong(pack.month)}'s figures are a real change or the usual ups and downs, read over the two years to it (statistical process control, as in Making Data
        Count). Each icon's letter says what it shows: H higher, L lower, P the target will be met, F it will not, ? met or missed by chance.
      </p>
      <SignalsTable id="pack-signals-table" signals={pack.signals} />
      <h4 className="govuk-heading-s">Questions the figures raise</h4>
      {prompts.length === 0 ? (
        <p className="govuk-body">None: every figure's latest month is within the usual ups and downs.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet" id="pack-signal-prompts">
          {prompts.map((s) => (
            <li key={s.key}>{s.prompt}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ActionList({ id, caption, actions, none }: { id: string; caption: string; actions: ActionListItem[]; none: string }) {
  if (actions.length === 0) {
    return (
      <p className="govuk-body" id={id}>
        <strong>{caption}:</strong> {none}
      </p>
    );
  }
  return <ActionsTable id={id} caption={caption} actions={actions} />;
}
