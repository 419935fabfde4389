/** Where a counted Primed Metric's values come from: the measure's definition, its teams, and the lists behind the latest month. */
export interface CountedSourceView {
  measure: string;
  source: string;
  scope: string;
  through: string | null;
  latest?: string | null;
  gaps: string[];
  lists: { team: string; links: { label: string; href: string }[] }[];
  months: { value: string; label: string }[];
  listMonth: string | null;
  listMonthNote: string | null;
}

export function CountedSource({ counted }: { counted: CountedSourceView }) {
  return (
    <section className="app-report-section" aria-labelledby="source-heading">
      <h2 className="govuk-heading-l" id="source-heading">
        Where the values come from
      </h2>
      <p className="govuk-body">
        Primed counts every month&apos;s value from the loaded data each time this page is shown, so the values follow every load and cannot be typed over. It counts{" "}
        <strong>{counted.measure.charAt(0).toLowerCase() + counted.measure.slice(1)}</strong> for {counted.scope}: {counted.source}
      </p>
      {counted.through && <p className="govuk-body">Months are counted up to the end of {counted.through}; the month under way is shown once it has ended.</p>}
      <p className="govuk-body">
        <a className="govuk-link" href="/definitions#counted-metrics">
          How Primed counts each measure
        </a>
      </p>
      {counted.gaps.map((gap) => (
        <div className="govuk-warning-text" key={gap}>
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {gap}
          </strong>
        </div>
      ))}
      {counted.latest && counted.lists.length > 0 && (
        <>
          <h3 className="govuk-heading-m" id="lists-heading" tabIndex={-1}>
            The lists behind {counted.latest}
          </h3>
          {counted.listMonthNote && <p className="govuk-inset-text">{counted.listMonthNote}</p>}
          {/* A plain GET form: the page loads again at this heading, so focus and scroll land where the reader was. */}
          <form method="get" action="#lists-heading" className="app-no-print">
            <div className="govuk-form-group govuk-!-margin-bottom-3">
              <label className="govuk-label" htmlFor="listMonth">
                Month
              </label>
              <select className="govuk-select" id="listMonth" name="listMonth" defaultValue={counted.listMonth ?? ""}>
                {counted.months.map((month) => (
                  <option key={month.value} value={month.value}>
                    {month.label}
                  </option>
                ))}
              </select>{" "}
              <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                Show the lists
              </button>
            </div>
          </form>
          <p className="govuk-body">
            Each team&apos;s list for the month, as its report shows it{counted.lists.length > 1 ? "; a person in more than one team's list is counted once" : ""}.
          </p>
          <ul className="govuk-list" id="counted-lists">
            {counted.lists.map((team) => (
              <li key={team.team}>
                {team.team}:{" "}
                {team.links.map((link, i) => (
                  <span key={link.href}>
                    {i > 0 ? ", " : ""}
                    <a className="govuk-link" href={link.href}>
                      {link.label}
                      <span className="govuk-visually-hidden"> in {team.team}</span>
                    </a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
