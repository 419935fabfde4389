import { Field } from "./form-errors";

/** A labelled drop-down of choices, the first one meaning "none chosen" (blank). */
export function SelectField({
  id,
  name = id,
  label,
  hint,
  error,
  value,
  blank,
  options,
}: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  /** The words of the blank choice: "None", "Choose one person". */
  blank: string;
  options: { value: string | number; label: string }[];
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <select className={`govuk-select${invalid ? " govuk-select--error" : ""}`} id={id} name={name} defaultValue={value ?? ""} aria-describedby={describedBy}>
          <option value="">{blank}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
