import { datePartsOf, type DateParts } from "~/forms/date-field";

/** GOV.UK's example under every date's legend: day, month and year in the order typed. */
export const DATE_EXAMPLE = "For example, 27 3 2027";

/**
 * GOV.UK's date input: Day, Month and Year boxes in a fieldset, for every
 * date people type (app/forms/date-field.ts reads them). The day box has the
 * field's own id, so an error summary's link lands on it. `id` differs from
 * `name` when a page has several forms with the same field (a prefix or suffix
 * keeps the ids unique while the posted names stay the same).
 */
export function DateInput({
  name,
  id = name,
  legend,
  hint,
  error,
  value,
}: {
  name: string;
  id?: string;
  legend: string;
  /** Said before the example, such as what the date is used for. */
  hint?: string;
  error?: string;
  /** A stored date (YYYY-MM-DD), or the parts typed before an error. */
  value?: string | DateParts | null;
}) {
  const parts = datePartsOf(value ?? undefined);
  const describedBy = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  const box = (part: keyof DateParts, label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={part === "day" ? id : `${id}-${part}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`}
          id={part === "day" ? id : `${id}-${part}`}
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
        <div id={`${id}-hint`} className="govuk-hint">
          {hint ? `${hint} ${DATE_EXAMPLE}` : DATE_EXAMPLE}
        </div>
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
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
