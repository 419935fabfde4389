import { useId, type ReactNode } from "react";

/**
 * A table that can be wider than the screen: it scrolls sideways inside its
 * own region, never the page (WCAG 1.4.10), and the region takes focus so it
 * can be scrolled with the keyboard too (2.1.1), with the table's caption (or
 * the heading above it) as its name. Every table that can be wide goes in one.
 *
 * Give `caption` for a plain caption (its id is `${id}-caption`, or a generated one without `id`), or
 * `labelledBy` with the id of a caption among the children or a heading.
 */
export function ScrollTable({
  id,
  caption,
  captionSize = "s",
  labelledBy,
  className,
  children,
}: {
  id?: string;
  caption?: string;
  captionSize?: "s" | "m";
  labelledBy?: string;
  className?: string;
  children: ReactNode;
}) {
  const ownId = useId();
  const captionId = caption !== undefined ? `${id ?? ownId}-caption` : labelledBy;
  return (
    // A table wider than the screen scrolls inside this region; keyboard users can scroll it only if it takes focus
    // (WCAG 2.1.1, axe's scrollable-region-focusable), so the labelled region has tabIndex 0.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="app-table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className={`govuk-table${className ? ` ${className}` : ""}`} id={id}>
        {caption !== undefined && (
          <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`} id={captionId}>
            {caption}
          </caption>
        )}
        {children}
      </table>
    </div>
  );
}
