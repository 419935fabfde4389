import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/people/guard.server";
import { DefinitionList } from "~/components/reports/definition-list";
import { CareDefinitionList } from "~/components/reports/care-definition-list";
import { CountedMeasureList } from "~/components/primed-metrics/counted-measure-list";

export const meta: MetaFunction = () => [{ title: "How the figures are defined – Primed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Definitions() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">How the figures are defined</h1>
        <p className="govuk-body-l">Every report, chart and export in Primed counts work items by these definitions, so a figure means the same thing on every page.</p>
        <p className="govuk-body">
          Figures are worked out as of a date (normally today). For a past month, the work allocated, awaiting allocation and overdue is taken on the month's last day. For the
          current month it is taken on the as-of date, and received and completed count up to that date. A month still to come shows only the work due in it. Nothing that happened
          after the as-of date counts, so a report as of a past date shows what it showed on that date. Work counts for the team and worker it is with now.
        </p>
        <DefinitionList />
        <h2 className="govuk-heading-l" id="care">
          Care and support, and what it costs
        </h2>
        <p className="govuk-body">
          Care figures count the services in the care system's extract. People and money are taken on the month's last day (in the current month, the as-of date); services started
          and ended, admissions and reviews count over the month up to the as-of date. A service counts for the team and worker on its latest record; whether a person was already
          in residential or nursing care, their cost before and after a review, and their reviews are looked at in every team.
        </p>
        <CareDefinitionList />
        <h2 className="govuk-heading-l" id="counted-metrics">
          Primed Metrics counted from the data
        </h2>
        <p className="govuk-body">
          A counted Primed Metric counts one of these each month, for the whole service or the teams it names, from the baseline&apos;s first month to the last month that has
          ended. Care measures count the chosen teams&apos; services and reviews together, so a person placed by two of them is one person; work measures add up the teams&apos;
          figures, and a percentage is the added-up part over the added-up whole. People in care are put in an age group by their age when the placement began, the only age Primed
          keeps. A figure per 100,000 adults uses the adult population an administrator recorded for the month&apos;s year; without it, that month has no value.
        </p>
        <CountedMeasureList />
      </div>
    </div>
  );
}
