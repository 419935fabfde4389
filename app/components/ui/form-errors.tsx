import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

/** The key of a message about the whole form rather than one field (see FieldErrors): shown without a link. */
const FORM_ERROR = "form";

/**
 * GOV.UK error summary: each message links to its field. It takes focus when
 * it appears, as GOV.UK advises, so keyboard and screen reader users start there.
 * `prefix` is the form's id prefix when a page has more than one form with the
 * same fields (the action forms), so a link lands on the field of the form sent.
 */
/**
 * A message's link moves focus to its field without changing the address: a
 * new "#field" would be a navigation to Remix's router, which forgets the
 * answer the messages came with, so they would vanish as the person reached
 * the field. As GOV.UK Frontend's error summary does, the field's label (or its
 * group's legend) is scrolled into view with it. Without JavaScript the plain
 * link does the job.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  const caption = field.closest("fieldset")?.querySelector("legend") ?? document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (caption ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

export function ErrorSummary({ errors, prefix = "" }: { errors?: Record<string, string>; prefix?: string }) {
  const summary = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  useEffect(() => {
    summary.current?.focus();
  }, [errors]);
  if (entries.length === 0) return null;
  return (
    <div className="govuk-error-summary" role="alert" tabIndex={-1} ref={summary}>
      <h2 className="govuk-error-summary__title">There is a problem</h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {entries.map(([field, message]) => (
            <li key={field}>
              {field === FORM_ERROR ? (
                message
              ) : (
                <a href={`#${prefix}${field}`} onClick={(event) => focusField(event, `${prefix}${field}`)}>
                  {message}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** A labelled form group with its error message, for any control. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children(describedBy, Boolean(error))}
    </div>
  );
}

export function SavedBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="saved-title">
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}
