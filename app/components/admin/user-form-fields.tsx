import { userRoles } from "../../../db/schema";
import { roleLabels } from "~/people/permissions";
import { Field } from "../ui/form-errors";
import { TeamCheckboxes } from "../ui/team-checkboxes";

interface Choices {
  workers: { id: number; name: string; team: string | null; active: boolean }[];
  teams: { id: number; name: string }[];
}

export interface UserFormValues {
  name?: string;
  role?: string;
  workerId?: string | number | null;
  teamIds?: (string | number)[];
}

/** The fields a user has whether new or being changed: name, role, worker, managed teams. */
export function UserFormFields({ values, errors, choices }: { values: UserFormValues; errors: Record<string, string>; choices: Choices }) {
  const managed = new Set((values.teamIds ?? []).map(String));
  return (
    <>
      <Field id="name" label="Full name" error={errors.name}>
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
      <Field
        id="role"
        label="Role"
        error={errors.role}
        hint="What they may see and change: practitioners their own work, managers their teams, heads of service every team, administrators the set-up."
      >
        {(describedBy, invalid) => (
          <select
            className={`govuk-select${invalid ? " govuk-select--error" : ""}`}
            id="role"
            name="role"
            defaultValue={values.role ?? "practitioner"}
            aria-describedby={describedBy}
          >
            {userRoles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="workerId" label="Their worker record" error={errors.workerId} hint="Links the sign-in to the work in the care system's extract. Practitioners need one.">
        {(describedBy, invalid) => (
          <select
            className={`govuk-select${invalid ? " govuk-select--error" : ""}`}
            id="workerId"
            name="workerId"
            defaultValue={values.workerId ? String(values.workerId) : ""}
            aria-describedby={describedBy}
          >
            <option value="">None</option>
            {choices.workers.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
                {w.team ? `, ${w.team}` : ""}
                {w.active ? "" : " (left)"}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TeamCheckboxes legend="Teams they manage" hint="For team managers only." error={errors.teamIds} teams={choices.teams} checked={managed} />
    </>
  );
}

/** A new password for someone else: never shown back, never remembered by the browser as the admin's own. */
export function NewPasswordField({ label, hint, error }: { label: string; hint: string; error?: string }) {
  return (
    <Field id="password" label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <input
          className={`govuk-input${invalid ? " govuk-input--error" : ""}`}
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}
