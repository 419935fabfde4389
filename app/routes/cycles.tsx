import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { StageTag } from "~/components/cycle/stage-tag";
import { clockToday } from "~/platform/clock.server";
import { cycleHref } from "~/cycle/cycle-href";
import { stageLabels, stages } from "~/cycle/cycle-status";
import { cyclesOfMonth } from "~/cycle/cycles.server";
import { addMonths, formatMonthLong } from "~/dates";
import { getDb } from "~/db.server";
import { lastFinishedMonth, sheetMonthOf } from "~/interpretation/prompt-sheets.server";
import { requireUser } from "~/people/guard.server";
import { can, hasAny } from "~/people/permissions";
import { listTeams } from "~/teams/teams.server";
import { ScrollTable } from "~/components/ui/scroll-table";
import { ColumnHeads } from "~/components/ui/column-heads";

export const meta: MetaFunction = () => [{ title: "Monthly cycles – Primed" }];

/** A manager looks back this many months, to see a cycle left behind. */
const MANAGER_MONTHS = 3;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!hasAny(user, "view", "cycles")) throw data("Your role does not give you access to the teams' cycles.", { status: 403 });
  const db = getDb();
  const today = clockToday();
  const chosen = sheetMonthOf(new URL(request.url).searchParams.get("month")?.slice(0, 20), today);
  if (!chosen.ok) throw data(chosen.error, { status: 400 });
  const teamIds = listTeams(db)
    .filter((t) => can(user, "view", "cycles", { teamId: t.id }))
    .map((t) => t.id);
  const wholeService = can(user, "view", "cycles", {});
  // A head of service compares every team in one month; a manager sees their own teams' recent months.
  const months = wholeService ? [chosen.month] : Array.from({ length: MANAGER_MONTHS }, (_, i) => addMonths(chosen.month, -i));
  const rows = months.flatMap((month) =>
    cyclesOfMonth(db, month, today, teamIds).map((c) => ({
      team: { name: c.team.name, slug: c.team.slug },
      month,
      monthLabel: formatMonthLong(month),
      stages: stages.map((stage) => ({ stage, status: c.stages[stage], late: c.late.includes(stage) })),
      behind: c.late.length > 0,
    })),
  );
  return {
    wholeService,
    month: chosen.month,
    monthLabel: formatMonthLong(chosen.month),
    latest: lastFinishedMonth(today),
    rows,
    behind: rows.filter((r) => r.behind).length,
  };
}

export default function Cycles() {
  const { wholeService, month, monthLabel, latest, rows, behind } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Monthly cycles</h1>
      <p className="govuk-body">
        {wholeService ? `Every team's cycle for ${monthLabel}.` : `Your teams' cycles for the last ${MANAGER_MONTHS} months, to ${monthLabel}.`} A stage is late when it is not done
        by its day in the month after: purpose by the 7th, data by the 10th, interpretation by the 14th, the meeting by the 21st, and its actions by the month's end.
      </p>
      <p className="govuk-body-l" id="behind-count">
        {behind === 0 ? "No cycle is behind." : `${behind} ${behind === 1 ? "cycle is" : "cycles are"} behind.`}
      </p>
      <Form method="get" className="app-filters app-no-print">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="month">
            Month
          </label>
          <input className="govuk-input govuk-input--width-10" type="month" id="month" name="month" defaultValue={month} max={latest} />
        </div>
        <div className="app-filters__actions">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Show
          </button>
        </div>
      </Form>
      <ScrollTable id="cycles" labelledBy="cycles-caption">
        <caption className="govuk-table__caption govuk-table__caption--m" id="cycles-caption">
          Cycles, those behind first
        </caption>
        <ColumnHeads columns={["Team", !wholeService && "Month", ...stages.map((stage) => stageLabels[stage])]} />
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr key={`${row.team.slug}-${row.month}`} className="govuk-table__row" data-team={row.team.slug} data-behind={row.behind}>
              <th scope="row" className="govuk-table__header">
                <a className="govuk-link" href={cycleHref(row.team.slug, row.month)}>
                  {row.team.name}
                  {wholeService ? "" : <span className="govuk-visually-hidden">, {row.monthLabel}</span>}
                </a>
              </th>
              {!wholeService && <td className="govuk-table__cell app-nowrap">{row.monthLabel}</td>}
              {row.stages.map((s) => (
                <td className="govuk-table__cell" key={s.stage}>
                  <StageTag status={s.status} late={s.late} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
