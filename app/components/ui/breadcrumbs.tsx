import { Link } from "@remix-run/react";

/** GOV.UK breadcrumbs: every step but the last is a link. */
export function Breadcrumbs({ trail }: { trail: { label: string; to?: string }[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {trail.map((step) => (
          <li className="govuk-breadcrumbs__list-item" key={step.label}>
            {step.to ? (
              <Link className="govuk-breadcrumbs__link" to={step.to}>
                {step.label}
              </Link>
            ) : (
              step.label
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
