import { datePartsOf, type DateParts } from "~/forms/date-field";

/**
 * GOV.UK's date input: Day, Month and Year boxes in a fieldset, for every
 * date people type (app/forms/date-field.ts reads them). The day box has the
 * field's own id, so an error summary's link lands on it.
 */
export function DateInput({
  name,
  legend,
  hint,
  error,
  value,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  /** A stored date (YYYY-MM-DD), or the parts typed before an error. */
  value?: string | DateParts | null;
}) {
  const parts = datePartsOf(value ?? undefined);
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(" ") || undefined;
  const box = (part: keyof DateParts, label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={part === "day" ? name : `${name}-${part}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`}
          id={part === "day" ? name : `${name}-${part}`}
          name={`${name}-${part}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={parts[part]}
        />
      </div>
    </div>
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div id={`${name}-hint`} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && (
          <p id={`${name}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input">
          {box("day", "Day", 2)}
          {box("month", "Month", 2)}
          {box("year", "Year", 4)}
        </div>
      </fieldset>
    </div>
  );
}
