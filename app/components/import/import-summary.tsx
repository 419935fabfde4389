import { servicesInWords } from "~/import/services-in-words";
import type { ImportReportView } from "~/import/upload-view.server";

const headings = {
  loaded: "Loaded: every report now shows this file's work",
  dry_run: "Dry run: nothing was changed",
  refused: "Refused: nothing was changed",
} as const;

const n = (value: number) => value.toLocaleString("en-GB");

/** What a load did (or, for a dry run, would do), in a GOV.UK summary list. */
export function ImportSummary({ report }: { report: ImportReportView }) {
  const would = report.status === "dry_run" ? "Would be " : "";
  const rows: [string, string][] =
    report.status === "refused"
      ? [
          ["Rows read", n(report.rowsRead)],
          ["Problems", n(report.problemCount + report.fileProblems.length)],
        ]
      : [
          ["Rows read", n(report.rowsRead)],
          [`${would}Added`, n(report.added)],
          [`${would}Updated`, n(report.updated)],
          ["Unchanged", n(report.unchanged)],
          ["Set aside with problems", n(report.rejected)],
          ["Services", servicesInWords(report, report.status === "dry_run")],
        ];
  rows.push(["Read as", report.encoding === "utf-8" ? "UTF-8" : "Windows-1252 (Excel's plain CSV)"], ["Time taken", `${(report.durationMs / 1000).toFixed(1)} s`]);
  if (report.created.teams.length > 0) rows.push(["Teams created", report.created.teams.join(", ")]);
  if (report.created.workers.length > 0) rows.push(["Workers created", report.created.workers.join(", ")]);
  if (report.ignoredColumns.length > 0) rows.push(["Columns not used", report.ignoredColumns.join(", ")]);
  return (
    <>
      <h2 className={`govuk-heading-l app-import-result app-import-result--${report.status}`} id="result">
        {headings[report.status]}
      </h2>
      {report.fileProblems.length > 0 ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The file itself has {report.fileProblems.length === 1 ? "a problem" : "problems"}:
            <ul className="govuk-list govuk-list--bullet govuk-!-margin-top-2">
              {report.fileProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <dl className="govuk-summary-list govuk-!-width-two-thirds">
        {rows.map(([key, value]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
