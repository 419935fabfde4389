import { DETAIL_MAX, TITLE_MAX } from "~/actions/action-forms";
import type { DateParts } from "~/forms/date-field";
import { DateInput } from "~/components/ui/date-input";
import { Field } from "~/components/ui/form-errors";
import { SelectField } from "~/components/ui/select-field";

export interface ActionChoices {
  /** `value` is what the form posts: an account's id, or "worker:34" for someone with no account yet. */
  owners: { value: string; name: string; hasAccount: boolean }[];
  objectives: { id: number; statement: string }[];
  measures: { value: string; label: string }[];
}

export interface ActionValues {
  title?: string;
  detail?: string;
  owner?: string;
  ownerEmail?: string;
  /** A stored date, or the Day, Month and Year typed before an error. */
  deadline?: string | DateParts;
  objective?: string;
  measure?: string;
}

/**
 * The fields of a new or edited action. Title, owner and deadline come first
 * so an action can be added in a meeting in a few keystrokes; the rest may wait.
 * `prefix` keeps ids unique when a page has more than one action form.
 */
export function ActionFormFields({
  choices,
  values = {},
  errors = {},
  prefix = "",
}: {
  choices: ActionChoices;
  values?: ActionValues;
  errors?: Record<string, string>;
  prefix?: string;
}) {
  const id = (field: string) => `${prefix}${field}`;
  const someHaveNoAccount = choices.owners.some((o) => !o.hasAccount);
  return (
    <>
      <Field id={id("title")} label="What is to be done" error={errors.title}>
        {(describedBy, invalid) => (
          <input
            className={`govuk-input${invalid ? " govuk-input--error" : ""}`}
            id={id("title")}
            name="title"
            maxLength={TITLE_MAX}
            defaultValue={values.title}
            aria-describedby={describedBy}
            required
          />
        )}
      </Field>
      {/* The email box shows only when the owner chosen has no account yet (CSS :has, so without JavaScript too), or when it has an error. */}
      <div className={`app-owner${errors.ownerEmail ? " app-owner--email-error" : ""}`}>
        <div className="app-field-row">
          <SelectField
            id={id("owner")}
            name="owner"
            label="Owner"
            error={errors.owner}
            value={values.owner}
            blank="Choose one person"
            options={choices.owners.map((o) => ({ value: o.value, label: o.hasAccount ? o.name : `${o.name} (no Primed account yet)` }))}
          />
          <DateInput name="deadline" id={id("deadline")} legend="Deadline" error={errors.deadline} value={values.deadline} />
        </div>
        {someHaveNoAccount && (
          <div className="app-owner__email">
            <Field
              id={id("ownerEmail")}
              label="Their council email address"
              hint="Only for someone with no Primed account yet. Primed makes their account with it; they sign in with their council account and see the action on My work."
              error={errors.ownerEmail}
            >
              {(describedBy, invalid) => (
                <input
                  className={`govuk-input govuk-!-width-two-thirds${invalid ? " govuk-input--error" : ""}`}
                  id={id("ownerEmail")}
                  name="ownerEmail"
                  type="email"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={254}
                  defaultValue={values.ownerEmail}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
          </div>
        )}
      </div>
      <details className="govuk-details" open={Boolean(values.detail || values.objective || values.measure || errors.detail || errors.objective || errors.measure)}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Detail, objective and measure (optional)</span>
        </summary>
        <div className="govuk-details__text">
          <Field id={id("detail")} label="Detail" error={errors.detail}>
            {(describedBy, invalid) => (
              <textarea
                className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                id={id("detail")}
                name="detail"
                rows={3}
                maxLength={DETAIL_MAX}
                defaultValue={values.detail}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <SelectField
            id={id("objective")}
            name="objective"
            label="Objective it serves"
            error={errors.objective}
            value={values.objective}
            blank="None"
            options={choices.objectives.map((o) => ({ value: o.id, label: o.statement }))}
          />
          <SelectField
            id={id("measure")}
            name="measure"
            label="Measure it should move"
            hint="Its chart will mark the day the action is done."
            error={errors.measure}
            value={values.measure}
            blank="None"
            options={choices.measures}
          />
        </div>
      </details>
    </>
  );
}
