import { Link } from "@remix-run/react";
import { ObjectiveList, type ObjectiveItem } from "./objective-list";

/** The opening of a team's page: what the team is working towards this month, and the way to its whole purpose. */
export function PurposeSummary({ slug, monthLabel, objectives }: { slug: string; monthLabel: string; objectives: ObjectiveItem[] }) {
  return (
    <section className="app-report-section" aria-labelledby="purpose-heading">
      <h2 className="govuk-heading-l" id="purpose-heading">
        Purpose
      </h2>
      {objectives.length === 0 ? <p className="govuk-body">The team has no objectives set for {monthLabel}.</p> : <ObjectiveList id="team-objectives" objectives={objectives} />}
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to={`/teams/${slug}/purpose`}>
          The team's purpose: the service's objectives, each person's, and the ground rules
        </Link>
      </p>
    </section>
  );
}
