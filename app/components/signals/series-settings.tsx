import { Form } from "@remix-run/react";
import type { SignalView } from "~/interpretation/signals-view.server";
import { directionWords } from "~/interpretation/signal-words";
import { RECALCULATION_REASON_MAX } from "~/interpretation/series-forms";
import { formatMonthLong, formatMonthShort } from "~/dates";
import { Field } from "~/components/ui/form-errors";

/** A series' settings for those who may change them: starting the limits again, which way is better, and the target. */
export function SeriesSettings({
  signal,
  worker,
  canManageService,
  errors,
}: {
  signal: SignalView;
  worker: { id: number; name: string } | null;
  canManageService: boolean;
  errors?: Record<string, string>;
}) {
  const months = signal.months.slice(1);
  return (
    <section className="app-report-section" aria-labelledby="settings-heading">
      <h2 className="govuk-heading-l" id="settings-heading">
        Target, direction and recalculation
      </h2>

      <h3 className="govuk-heading-m">Start the limits again</h3>
      <p className="govuk-body">
        Only after a sustained change you understand, such as a new way of working that began in a known month. Never to make a bad month look better: it is on the record, with
        your name and reason.
      </p>
      {months.length > 0 && (
        // Keyed by the recalculations, so the form empties once one is recorded.
        <Form method="post" noValidate key={signal.recalculations.map((r) => r.id).join(",")}>
          <input type="hidden" name="intent" value="recalculate" />
          <Field id="month" label="The limits start again from" error={errors?.month}>
            {(describedBy, invalid) => (
              <select className={`govuk-select${invalid ? " govuk-select--error" : ""}`} id="month" name="month" aria-describedby={describedBy} defaultValue={months.at(-1)}>
                {months.map((m) => (
                  <option key={m} value={m}>
                    {formatMonthLong(m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="reason" label="Why" hint={`What changed, and when. Up to ${RECALCULATION_REASON_MAX} characters.`} error={errors?.reason}>
            {(describedBy, invalid) => (
              <textarea
                className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`}
                id="reason"
                name="reason"
                rows={3}
                maxLength={RECALCULATION_REASON_MAX}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <button type="submit" className="govuk-button">
            Record the recalculation
          </button>
        </Form>
      )}
      {signal.recalculations.map((r) => (
        <Form method="post" key={r.id} className="app-inline-form">
          <input type="hidden" name="intent" value="remove-recalculation" />
          <input type="hidden" name="id" value={r.id} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Remove the recalculation from {formatMonthShort(r.month)}
          </button>
        </Form>
      ))}

      <h3 className="govuk-heading-m">Which way is better</h3>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="direction" />
        <div className={`govuk-form-group${errors?.direction ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">For {signal.label.toLowerCase()}</legend>
            {errors?.direction && (
              <p className="govuk-error-message" id="direction">
                {errors.direction}
              </p>
            )}
            <div className="govuk-radios govuk-radios--small">
              {(["up", "down", "neither"] as const).map((d) => (
                <div className="govuk-radios__item" key={d}>
                  <input className="govuk-radios__input" id={`direction-${d}`} name="direction" type="radio" value={d} defaultChecked={signal.direction === d} />
                  <label className="govuk-label govuk-radios__label" htmlFor={`direction-${d}`}>
                    {directionWords[d].replace(/^./, (c) => c.toUpperCase())}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <LevelChoice name="level-direction" worker={null} canManageService={canManageService} error={errors?.level} />
        <button type="submit" className="govuk-button">
          Save the direction
        </button>
      </Form>

      <h3 className="govuk-heading-m">Target</h3>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="target" />
        <Field id="value" label={signal.unit === "percent" ? "Target (%)" : "Target"} error={errors?.value}>
          {(describedBy, invalid) => (
            <input
              className={`govuk-input govuk-input--width-5${invalid ? " govuk-input--error" : ""}`}
              id="value"
              name="value"
              inputMode="decimal"
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field id="startMonth" label="In force from" hint="Year and month, for example 2026-04" error={errors?.startMonth}>
          {(describedBy, invalid) => (
            <input
              className={`govuk-input govuk-input--width-10${invalid ? " govuk-input--error" : ""}`}
              id="startMonth"
              name="startMonth"
              defaultValue={signal.months.at(-1) ?? ""}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <LevelChoice name="level-target" worker={worker} canManageService={canManageService} error={errors?.level} />
        <button type="submit" className="govuk-button">
          Save the target
        </button>
      </Form>
    </section>
  );
}

function LevelChoice({ name, worker, canManageService, error }: { name: string; worker: { name: string } | null; canManageService: boolean; error?: string }) {
  const choices = [
    ...(worker ? [{ value: "worker", label: `${worker.name} only` }] : []),
    { value: "team", label: "This team" },
    ...(canManageService ? [{ value: "service", label: "Every team in the service (where a team has not set its own)" }] : []),
  ];
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who this is for</legend>
        {error && (
          <p className="govuk-error-message" id="level">
            {error}
          </p>
        )}
        <div className="govuk-radios govuk-radios--small">
          {choices.map((choice, index) => (
            <div className="govuk-radios__item" key={choice.value}>
              <input className="govuk-radios__input" id={`${name}-${choice.value}`} name="level" type="radio" value={choice.value} defaultChecked={index === 0} />
              <label className="govuk-label govuk-radios__label" htmlFor={`${name}-${choice.value}`}>
                {choice.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
