import { Link } from "@remix-run/react";

/**
 * Download and print, under a report's title. The print header carries what
 * a printed page must say on its own: whose figures, which months, as of when.
 */
export function ReportActions({ csvHref, csvLabel, printHeading }: { csvHref: string; csvLabel: string; printHeading: string }) {
  return (
    <>
      <p className="app-print-only app-print-heading">{printHeading}</p>
      <div className="app-report-actions app-no-print">
        <Link className="govuk-link" to={csvHref} reloadDocument download>
          {csvLabel}
        </Link>
        <button type="button" className="govuk-button govuk-button--secondary app-report-actions__print" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </div>
    </>
  );
}
