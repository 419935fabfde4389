import { Link } from "@remix-run/react";
import { formatMoment } from "~/dates";
import { ColumnHeads } from "~/components/ui/column-heads";
import { ScrollTable } from "~/components/ui/scroll-table";

export interface TeamDataChanged {
  name: string;
  slug: string;
  /** The ISO time of the last load that changed the team's data; null when none has been recorded. */
  at: string | null;
}

/** When each team's data last changed, newest first: a team whose figures stand still while the others move stands out. */
export function TeamDataChangedTable({ teams }: { teams: TeamDataChanged[] }) {
  if (teams.length === 0) return null;
  return (
    <details className="govuk-details app-no-print" id="team-data-changed">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">When each team&apos;s data last changed</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">The last load that added or changed one of the team&apos;s work items or services, or moved one away from it.</p>
        <ScrollTable id="team-data-changed-table" caption="When each team's data last changed, newest first">
          <ColumnHeads columns={["Team", "Data last changed"]} />
          <tbody className="govuk-table__body">
            {teams.map((team) => (
              <tr className="govuk-table__row" key={team.slug}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/teams/${team.slug}`}>
                    {team.name}
                  </Link>
                </th>
                <td className="govuk-table__cell">{team.at ? formatMoment(team.at) : "Not recorded: no load has changed it since Primed began keeping this"}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </div>
    </details>
  );
}
