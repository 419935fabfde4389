import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { formatDate } from "~/dates";

/** An objective as the lists show it (see Objective in app/purpose/objectives.server.ts). */
export interface ObjectiveItem {
  id: number;
  statement: string;
  ownerName: string;
  workerName: string | null;
  period: string;
  measure: { label: string; href: string; target: string | null } | null;
  retiredOn: string | null;
}

/**
 * Objectives, each with its owner, period and the measure it is judged by with
 * the target in force. `controls` adds what the viewer may do with each one.
 */
export function ObjectiveList({ id, objectives, controls }: { id: string; objectives: ObjectiveItem[]; controls?: (objective: ObjectiveItem) => ReactNode }) {
  return (
    <ul className="govuk-list govuk-list--spaced" id={id}>
      {objectives.map((o) => (
        <li key={o.id} data-objective={o.id} id={`objective-${o.id}`}>
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{o.statement}</p>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            {o.workerName ? `${o.workerName}'s objective. ` : ""}Owner: {o.ownerName}. {o.period}.{o.retiredOn ? ` Withdrawn on ${formatDate(o.retiredOn)}.` : ""}
          </p>
          {o.measure && (
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              Measured by{" "}
              <Link className="govuk-link" to={o.measure.href}>
                {o.measure.label}
              </Link>
              : {o.measure.target ? `target ${o.measure.target}` : "no target set"}.
            </p>
          )}
          {controls?.(o)}
        </li>
      ))}
    </ul>
  );
}

/** Objectives ended or withdrawn, kept on record under the current ones. */
export function EndedObjectives({ objectives }: { objectives: ObjectiveItem[] }) {
  if (objectives.length === 0) return null;
  return (
    <section className="app-report-section" aria-labelledby="ended-heading">
      <h2 className="govuk-heading-l" id="ended-heading">
        Ended and withdrawn
      </h2>
      <p className="govuk-body">Kept on record for the months they were part of.</p>
      <ObjectiveList id="ended-objectives" objectives={objectives} />
    </section>
  );
}
