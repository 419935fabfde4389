import { STATEMENT_MAX } from "~/purpose/objective-forms";
import { Field } from "../ui/form-errors";
import { SelectField } from "../ui/select-field";

export interface ObjectiveChoices {
  owners: { id: number; name: string }[];
  measures: { value: string; label: string }[];
  /** The team's workers, when the objective may be one person's (a new objective on a team's page). */
  workers?: { id: number; name: string }[];
}

export interface ObjectiveValues {
  statement?: string;
  owner?: string;
  worker?: string;
  measure?: string;
  periodFrom?: string;
  periodTo?: string;
}

/** The fields of a new or edited objective; the page adds the intent and the button. */
export function ObjectiveFormFields({ choices, values = {}, errors = {} }: { choices: ObjectiveChoices; values?: ObjectiveValues; errors?: Record<string, string> }) {
  return (
    <>
      <Field id="statement" label="Objective" hint={`What is to be achieved, in a sentence people will remember. Up to ${STATEMENT_MAX} characters.`} error={errors.statement}>
        {(describedBy, invalid) => (
          <textarea
            className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
            id="statement"
            name="statement"
            rows={2}
            maxLength={STATEMENT_MAX}
            defaultValue={values.statement}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      {choices.workers && (
        <SelectField
          id="worker"
          label="Whose objective"
          hint="The whole team's, or one person's: only they, their manager and the head of service see one person's."
          error={errors.worker}
          value={values.worker}
          blank="The whole team"
          options={choices.workers.map((w) => ({ value: w.id, label: w.name }))}
        />
      )}
      <SelectField
        id="owner"
        label="Owner"
        hint="The one person who answers for it."
        error={errors.owner}
        value={values.owner}
        blank="Choose one person"
        options={choices.owners.map((o) => ({ value: o.id, label: o.name }))}
      />
      <SelectField
        id="measure"
        label="Measure (optional)"
        hint="The figure it is judged by: its target is shown with the objective."
        error={errors.measure}
        value={values.measure}
        blank="None"
        options={choices.measures}
      />
      <div className="app-field-row">
        <Field id="periodFrom" label="From (month)" hint="For example, 2026-04" error={errors.periodFrom}>
          {(describedBy, invalid) => (
            <input
              className={`govuk-input govuk-input--width-10${invalid ? " govuk-input--error" : ""}`}
              type="month"
              id="periodFrom"
              name="periodFrom"
              defaultValue={values.periodFrom}
              placeholder="YYYY-MM"
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id="periodTo" label="To (month)" hint="For example, 2027-03" error={errors.periodTo}>
          {(describedBy, invalid) => (
            <input
              className={`govuk-input govuk-input--width-10${invalid ? " govuk-input--error" : ""}`}
              type="month"
              id="periodTo"
              name="periodTo"
              defaultValue={values.periodTo}
              placeholder="YYYY-MM"
              aria-describedby={describedBy}
            />
          )}
        </Field>
      </div>
    </>
  );
}
