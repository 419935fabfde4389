import { directions, metricMeasures } from "../../../db/schema";
import { roleLabels } from "~/people/permissions";
import { directionLabels, kindLabels, measureLabels } from "~/primed-metrics/forms";
import { metricKinds } from "../../../db/schema";
import type { UserRole } from "../../../db/schema";
import { Field } from "../ui/form-errors";
import { TeamCheckboxes } from "../ui/team-checkboxes";

export interface MetricFormValues {
  kind?: string;
  countedMeasure?: string | null;
  scope?: string;
  teamIds?: (string | number)[];
  name?: string;
  description?: string;
  unit?: string;
  measure?: string;
  direction?: string;
  ownerUserId?: string | number;
  baselineFrom?: string;
  baselineTo?: string;
}

type Owner = { id: number; name: string; role: UserRole };

/** What a counted metric may count, grouped as the list shows them. */
export type MeasureChoices = { group: string; measures: { key: string; label: string }[] }[];

export interface MetricFormChoices {
  owners: Owner[];
  measures: MeasureChoices;
  teams: { id: number; name: string }[];
}

function Radios({ name, legend, hint, options, value, error }: { name: string; legend: string; hint?: string; options: [string, string][]; value?: string; error?: string }) {
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={`${name}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${name}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-radios govuk-radios--small">
          {options.map(([option, label], index) => (
            <div className="govuk-radios__item" key={option}>
              {/* The first choice carries the field's id, so the error summary's link lands on it. */}
              <input className="govuk-radios__input" id={index === 0 ? name : `${name}-${option}`} name={name} type="radio" value={option} defaultChecked={value === option} />
              <label className="govuk-label govuk-radios__label" htmlFor={index === 0 ? name : `${name}-${option}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** A Primed Metric's fields, new or being changed. */
export function MetricFormFields({ values, errors, choices }: { values: MetricFormValues; errors: Record<string, string>; choices: MetricFormChoices }) {
  const { owners } = choices;
  const chosenTeams = new Set((values.teamIds ?? []).map(String));
  const input =
    (name: keyof MetricFormValues, width = "") =>
    (describedBy: string | undefined, invalid: boolean) => (
      <input
        className={`govuk-input${width}${invalid ? " govuk-input--error" : ""}`}
        id={name}
        name={name}
        defaultValue={values[name] === undefined ? "" : String(values[name])}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
      />
    );
  return (
    <>
      <Field id="name" label="Name" error={errors.name} hint="What the measure is, in plain words, like People in residential and nursing care.">
        {input("name")}
      </Field>
      <Field id="description" label="Description (optional)" error={errors.description} hint="What is counted and when, so everyone reads it the same way.">
        {(describedBy, invalid) => (
          <textarea
            className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
            id="description"
            name="description"
            rows={3}
            defaultValue={values.description ?? ""}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      {/* Which fields apply follows the choice of kind, in CSS alone (app.scss, .app-metric-kind), so it works without JavaScript. */}
      <div className="app-metric-kind">
        <Radios name="kind" legend="Where its values come from" options={metricKinds.map((k) => [k, kindLabels[k]])} value={values.kind ?? "entered"} error={errors.kind} />
        <div className="app-counted-only">
          <Field id="countedMeasure" label="What Primed counts" error={errors.countedMeasure} hint="Every monthly figure of the team reports and the care report.">
            {(describedBy, invalid) => (
              <select
                className={`govuk-select${invalid ? " govuk-select--error" : ""}`}
                id="countedMeasure"
                name="countedMeasure"
                defaultValue={values.countedMeasure ?? ""}
                aria-describedby={describedBy}
              >
                <option value="">Choose what to count</option>
                {choices.measures.map((group) => (
                  <optgroup key={group.group} label={group.group}>
                    {group.measures.map((m) => (
                      <option key={m.key} value={m.key}>
                        {m.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Radios
            name="scope"
            legend="Whose figures it counts"
            options={[
              ["service", "The whole service"],
              ["teams", "Some teams (choose them below)"],
            ]}
            value={values.scope ?? "service"}
            error={errors.scope}
          />
          <TeamCheckboxes
            className="app-scope-teams"
            legend="Teams"
            hint="Each person is counted once across the teams chosen."
            error={errors.teamIds}
            teams={choices.teams}
            checked={chosenTeams}
          />
        </div>
        <Field
          id="unit"
          label="Unit"
          error={errors.unit}
          hint={
            'What a value counts: "people", "£ a day", "%" or "points". Sentences use it, like "21 fewer people than the baseline projects". A counted metric takes its measure\'s unit if this is left blank.'
          }
        >
          {input("unit", " govuk-input--width-20")}
        </Field>
        <div className="app-entered-only">
          <Radios name="measure" legend="How it is counted" options={metricMeasures.map((m) => [m, measureLabels[m]])} value={values.measure} error={errors.measure} />
        </div>
      </div>
      <Radios name="direction" legend="Which way is better" options={directions.map((d) => [d, directionLabels[d]])} value={values.direction} error={errors.direction} />
      <Field id="ownerUserId" label="Owner" error={errors.ownerUserId} hint="The person who answers for it, and enters its values each month if people enter them.">
        {(describedBy, invalid) => (
          <select
            className={`govuk-select${invalid ? " govuk-select--error" : ""}`}
            id="ownerUserId"
            name="ownerUserId"
            defaultValue={values.ownerUserId ? String(values.ownerUserId) : ""}
            aria-describedby={describedBy}
          >
            <option value="">Choose the owner</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({roleLabels[o.role]})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="baselineFrom"
        label="Baseline: first month"
        error={errors.baselineFrom}
        hint="The months before the change, from which the projection is drawn. Write the month as YYYY-MM, like 2024-02."
      >
        {input("baselineFrom", " govuk-input--width-10")}
      </Field>
      <Field
        id="baselineTo"
        label="Baseline: last month"
        error={errors.baselineTo}
        hint="The last month before the change. At least 3 months after the first, for example 2026-01."
      >
        {input("baselineTo", " govuk-input--width-10")}
      </Field>
    </>
  );
}
