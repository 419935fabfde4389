import { Form, Link } from "@remix-run/react";
import { DateInput } from "~/components/ui/date-input";

export interface ReportFilterChoices {
  workers: { id: number; name: string; active: boolean }[];
  workTypes: { id: number; name: string }[];
  outcomeGroups: string[];
}

export interface ReportFilterValues {
  asOf: string;
  worker?: number | null;
  workType?: number;
  outcomeGroup?: string;
  from: string;
  to: string;
}

/**
 * The filters that apply to a whole report, sent as a GET form so the view
 * lives in the address and can be bookmarked or shared.
 */
export function ReportFilters({
  choices,
  values,
  clearHref,
  extra,
}: {
  choices: ReportFilterChoices;
  values: ReportFilterValues;
  /** The report with no filters, for "Clear filters". */
  clearHref: string;
  /** Hidden fields the view keeps, such as which figure a list shows. */
  extra?: Record<string, string>;
}) {
  return (
    <Form method="get" className="app-filters" aria-label="Filter the report">
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {choices.workers.length > 0 && (
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="worker">
            Worker
          </label>
          <select className="govuk-select" id="worker" name="worker" defaultValue={values.worker ?? ""}>
            <option value="">Whole team</option>
            {choices.workers.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
                {w.active ? "" : " (left)"}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="workType">
          Work type
        </label>
        <select className="govuk-select" id="workType" name="workType" defaultValue={values.workType ?? ""}>
          <option value="">All work types</option>
          {choices.workTypes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="outcomeGroup">
          Outcome group
        </label>
        <select className="govuk-select" id="outcomeGroup" name="outcomeGroup" defaultValue={values.outcomeGroup ?? ""}>
          <option value="">All outcomes</option>
          {choices.outcomeGroups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="from">
          From month
        </label>
        <input className="govuk-input govuk-input--width-10" type="month" id="from" name="from" defaultValue={values.from} placeholder="YYYY-MM" />
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="to">
          To month
        </label>
        <input className="govuk-input govuk-input--width-10" type="month" id="to" name="to" defaultValue={values.to} placeholder="YYYY-MM" />
      </div>
      <DateInput name="asOf" legend="Figures as of" value={values.asOf} />
      <div className="app-filters__actions">
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show figures
        </button>
        <Link className="govuk-link" to={clearHref}>
          Clear filters
        </Link>
      </div>
    </Form>
  );
}
