/*
 * What a purpose page shows someone who may change its objectives: Edit and
 * Withdraw beside each one, and below the lists either the form editing one
 * objective or the form adding a new one. The service's page and a team's
 * page differ only in their address, their headings and their choices.
 */
import { Form, Link } from "@remix-run/react";
import { ObjectiveFormFields, type ObjectiveChoices, type ObjectiveValues } from "./objective-form-fields";

/** Edit and Withdraw for one objective; `page` is the purpose page's address, which takes the form. */
export function ObjectiveControls({ page, objective }: { page: string; objective: { id: number; statement: string } }) {
  return (
    <div className="govuk-button-group govuk-!-margin-bottom-0">
      <Link className="govuk-link" to={`?edit=${objective.id}#edit-heading`}>
        Edit<span className="govuk-visually-hidden"> objective: {objective.statement}</span>
      </Link>
      <Form method="post" action={page}>
        <input type="hidden" name="intent" value="retire" />
        <input type="hidden" name="id" value={objective.id} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
          Withdraw<span className="govuk-visually-hidden"> objective: {objective.statement}</span>
        </button>
      </Form>
    </div>
  );
}

interface ObjectiveEditorProps {
  page: string;
  /** The objective being edited (from `?edit=`), or null to show the form that adds one. */
  editing: { id: number; values: ObjectiveValues; heading: string } | null;
  addHeading: string;
  choices: ObjectiveChoices;
  newValues: ObjectiveValues;
  /** What was sent and refused, with the form it came from, so the fields keep what was typed. */
  refused: { intent: string | null; values: ObjectiveValues; errors?: Record<string, string> } | undefined;
  /** Changes after each saved change, which empties the add form. */
  formKey: string;
}

export function ObjectiveEditor({ page, editing, addHeading, choices, newValues, refused, formKey }: ObjectiveEditorProps) {
  if (editing) {
    return (
      <section className="app-report-section" aria-labelledby="edit-heading">
        <h2 className="govuk-heading-l" id="edit-heading">
          {editing.heading}
        </h2>
        <Form method="post" action={`${page}?edit=${editing.id}`} noValidate key={`edit-${editing.id}`}>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="id" value={editing.id} />
          {/* Whose objective it is cannot change once set. */}
          <ObjectiveFormFields
            choices={{ owners: choices.owners, measures: choices.measures }}
            values={refused?.intent === "edit" ? refused.values : editing.values}
            errors={refused?.errors}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              Save the objective
            </button>
            <Link className="govuk-link" to={`${page}#objective-${editing.id}`}>
              Cancel
            </Link>
          </div>
        </Form>
      </section>
    );
  }
  return (
    <section className="app-report-section" aria-labelledby="add-heading">
      <h2 className="govuk-heading-l" id="add-heading">
        {addHeading}
      </h2>
      <Form method="post" action={page} noValidate key={formKey}>
        <input type="hidden" name="intent" value="add" />
        <ObjectiveFormFields choices={choices} values={refused?.intent === "add" ? refused.values : newValues} errors={refused?.errors} />
        <button type="submit" className="govuk-button">
          Add the objective
        </button>
      </Form>
    </section>
  );
}
