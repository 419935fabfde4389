import { teamTypes } from "../../../db/schema";
import { teamTypeLabels } from "~/reference-data/reference-data";
import { Field } from "../ui/form-errors";

export function TeamFormFields({ values, errors }: { values: { name?: string; type?: string }; errors: Record<string, string> }) {
  return (
    <>
      <Field id="name" label="Team name" error={errors.name}>
        {(describedBy, invalid) => (
          <input
            className={`govuk-input${invalid ? " govuk-input--error" : ""}`}
            id="name"
            name="name"
            defaultValue={values.name ?? ""}
            aria-describedby={describedBy}
            autoComplete="off"
          />
        )}
      </Field>
      <Field id="type" label="Type of team" error={errors.type} hint="It decides which report fits the team's work and which prompt sheet it starts from.">
        {(describedBy, invalid) => (
          <select className={`govuk-select${invalid ? " govuk-select--error" : ""}`} id="type" name="type" defaultValue={values.type ?? "locality"} aria-describedby={describedBy}>
            {teamTypes.map((type) => (
              <option key={type} value={type}>
                {teamTypeLabels[type]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
