import { Form } from "@remix-run/react";
import type { MailKind } from "../../../db/schema";

export interface ReminderChoice {
  kind: MailKind;
  label: string;
  hint: string;
  on: boolean;
}

/** The person's reminders by email, a checkbox each, saved together. */
export function ReminderChoices({ choices, mailOn }: { choices: readonly ReminderChoice[]; mailOn: boolean }) {
  return (
    <>
      {mailOn ? null : <div className="govuk-inset-text">Primed is not sending email yet: your administrator has not set it up. Your choices are kept for when it does.</div>}
      <Form method="post">
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset" aria-describedby="kind-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">Email me when</h2>
            </legend>
            <div id="kind-hint" className="govuk-hint">
              Untick what you do not want. Mail says only an action's title, its team and its deadline, or a team's counts, with a link to Primed.
            </div>
            <div className="govuk-checkboxes" data-module="govuk-checkboxes">
              {choices.map((choice) => (
                <div className="govuk-checkboxes__item" key={choice.kind}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`kind-${choice.kind}`}
                    name="kind"
                    type="checkbox"
                    value={choice.kind}
                    defaultChecked={choice.on}
                    aria-describedby={`kind-${choice.kind}-hint`}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`kind-${choice.kind}`}>
                    {choice.label}
                  </label>
                  <div id={`kind-${choice.kind}-hint`} className="govuk-hint govuk-checkboxes__hint">
                    {choice.hint}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="govuk-button">
          Save my choices
        </button>
      </Form>
    </>
  );
}
