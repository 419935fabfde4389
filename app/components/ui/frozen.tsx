/*
 * A part of a page that costs much to render and is the same for everyone who
 * sees the same figures: the report tables, whose hundreds of cells each cost
 * React an element or three (profiled, issue 18: a team page's tables were 16
 * of its 38 ms of processor, the service overview's 60 of 110).
 *
 * On the server, the part is rendered once for each distinct `deps` (the data
 * it is drawn from: figures, the query its links carry, whether the viewer may
 * open the lists) and its HTML kept; the next page with the same deps, for
 * whoever asks, reuses that HTML. Because deps are the figures themselves, not
 * a version number, what is reused can never be older than the data or show
 * a viewer what their own deps would not (app/http/frozen-html.server.ts).
 * On the client nothing changes: the part renders as any other, hydrating the
 * same markup, so links, focus and client navigation work as before.
 *
 * `children` (the part, or a function drawing it) must be drawn only from `deps` (and constants), and use no context
 * or hooks that differ between pages; give each table an id (useId would
 * number a part rendered on its own differently from the page around it).
 */
import { createContext, useContext, type ReactElement } from "react";

/** A part, or a function that draws it: a kept part is then not even drawn as React elements (nor its charts' data worked out). */
export type FrozenPart = ReactElement | (() => ReactElement);

/** Set by the server's entry (app/entry.server.tsx): turns a part into its HTML, from memory when the same deps were seen. */
export type FrozenRenderer = (what: string, deps: unknown, part: FrozenPart) => string;

export const FrozenRendererContext = createContext<FrozenRenderer | null>(null);

/**
 * `what` names the part (one name per place it is used); `deps` is everything it is drawn from. The part sits in
 * a `<div>`, or in the `<tbody>` of a table whose heading row holds links that need the router (`as="tbody"`).
 */
export function Frozen({
  what,
  deps,
  as: Wrapper = "div",
  className = Wrapper === "tbody" ? "govuk-table__body" : "app-frozen",
  children,
}: {
  what: string;
  deps: unknown;
  as?: "div" | "tbody";
  className?: string;
  children: FrozenPart;
}) {
  const render = useContext(FrozenRendererContext);
  if (!render) return <Wrapper className={className}>{typeof children === "function" ? children() : children}</Wrapper>;
  return <Wrapper className={className} dangerouslySetInnerHTML={{ __html: render(what, deps, children) }} />;
}
