/**
 * Teams to tick, as GOV.UK checkboxes in a fieldset with its hint and error: posted as `teamIds`, one value a team.
 * The group's id is "teamIds", so the error summary's link lands on it.
 */
export function TeamCheckboxes({
  legend,
  hint,
  error,
  teams,
  checked,
  className,
}: {
  legend: string;
  hint: string;
  error?: string;
  teams: readonly { id: number; name: string }[];
  /** The ids ticked, as strings (as a form posts them back). */
  checked: ReadonlySet<string>;
  className?: string;
}) {
  return (
    <div className={`${className ? `${className} ` : ""}govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? "teamIds-error" : "teamIds-hint"}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div id="teamIds-hint" className="govuk-hint">
          {hint}
        </div>
        {error ? (
          <p id="teamIds-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-checkboxes govuk-checkboxes--small" id="teamIds">
          {teams.map((team) => (
            <div className="govuk-checkboxes__item" key={team.id}>
              <input className="govuk-checkboxes__input" id={`team-${team.id}`} name="teamIds" type="checkbox" value={team.id} defaultChecked={checked.has(String(team.id))} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`team-${team.id}`}>
                {team.name}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
