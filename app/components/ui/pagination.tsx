import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { withParams } from "~/reports/url-params";

export interface PageLink {
  to: string;
  /** The link's words: "Previous", "Next month", "Older entries". */
  title: ReactNode;
  /** Under the title in the block style: which page or month it leads to. */
  label?: ReactNode;
}

/**
 * The GOV.UK pagination block, written once for every list that comes in
 * pages or months. `arrows` draws the Design System's arrows, with the hidden
 * colon that makes a link read "Previous month: October 2026" to a screen reader.
 */
export function Pagination({
  label,
  previous,
  next,
  between,
  block = false,
  arrows = false,
  noPrint = false,
}: {
  /** The navigation region's name, as a screen reader lists it. */
  label: string;
  previous?: PageLink | null;
  next?: PageLink | null;
  /** Said between the two links, such as "Page 2 of 5". */
  between?: ReactNode;
  block?: boolean;
  arrows?: boolean;
  /** Not printed: a printed page has no use for the links. */
  noPrint?: boolean;
}) {
  return (
    <nav className={`govuk-pagination${block ? " govuk-pagination--block" : ""}${noPrint ? " app-no-print" : ""}`} aria-label={label}>
      {previous ? <PaginationLink link={previous} rel="prev" arrows={arrows} /> : null}
      {between}
      {next ? <PaginationLink link={next} rel="next" arrows={arrows} /> : null}
    </nav>
  );
}

function PaginationLink({ link, rel, arrows }: { link: PageLink; rel: "prev" | "next"; arrows: boolean }) {
  return (
    <div className={`govuk-pagination__${rel}`}>
      <Link className="govuk-link govuk-pagination__link" to={link.to} rel={rel}>
        {arrows ? rel === "prev" ? <PreviousArrow /> : <NextArrow /> : null}
        <span className="govuk-pagination__link-title">{link.title}</span>
        {arrows && link.label !== undefined ? <span className="govuk-visually-hidden">:</span> : null}
        {link.label !== undefined ? <span className="govuk-pagination__link-label">{link.label}</span> : null}
      </Link>
    </div>
  );
}

function PreviousArrow() {
  return (
    <svg
      className="govuk-pagination__icon govuk-pagination__icon--prev"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
    </svg>
  );
}

function NextArrow() {
  return (
    <svg
      className="govuk-pagination__icon govuk-pagination__icon--next"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
    </svg>
  );
}

/** A list's numbered pages, by its address's `page` parameter: "Previous page", "Page 2 of 5", "Next page". */
export function ListPages({ page, pages, search }: { page: number; pages: number; search: string }) {
  if (pages <= 1) return null;
  const to = (n: number) => withParams(search, { page: String(n) });
  const hidden = <span className="govuk-visually-hidden"> page</span>;
  return (
    <Pagination
      label="Pages of the list"
      noPrint
      previous={page > 1 ? { to: to(page - 1), title: <>Previous{hidden}</> } : null}
      between={
        <p className="govuk-body govuk-!-margin-bottom-0">
          Page {page} of {pages}
        </p>
      }
      next={page < pages ? { to: to(page + 1), title: <>Next{hidden}</> } : null}
    />
  );
}
