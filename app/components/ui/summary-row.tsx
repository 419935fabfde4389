import type { ReactNode } from "react";

/** One row of a GOV.UK summary list (inside `<dl className="govuk-summary-list">`); line breaks in text are kept. */
export function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value app-preserve-lines">{children}</dd>
    </div>
  );
}
