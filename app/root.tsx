import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useLayoutEffect, useRef, type ReactNode } from "react";
import { errorHeading } from "./http/error-heading";
import { dataFreshness } from "./import/data-freshness.server";
import { formatDate } from "./dates";
import { getDb } from "./db.server";
import { getEnv } from "./platform/env-cache.server";
import { useNonce } from "./http/nonce";
import { optionalUser } from "./people/guard.server";
import { navigationFor } from "./people/navigation";
import { roleLabels } from "./people/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await optionalUser(request);
  return {
    user: user && { name: user.name, roleLabel: roleLabels[user.role] },
    navigation: user ? navigationFor(user) : [],
    freshness: user ? dataFreshness(getDb(), getEnv().PRIMED_STALE_DATA_DAYS) : null,
  };
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Primed" }];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Absent when the root loader itself failed: the error page then has no menu.
  const root = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link">
          Skip to main content
        </a>
        <header className="app-header">
          <div className="govuk-width-container app-header__inner">
            <Link to="/" className="app-header__name">
              Primed
            </Link>
            <span className="app-header__service">Team performance cycle</span>
            {root?.user ? (
              <nav aria-label="Main" className="app-header__menu">
                <ul className="app-header__nav">
                  {root.navigation.map((item) => (
                    <li key={item.to}>
                      <Link to={item.to} className="app-header__link">
                        {item.label}
                      </Link>
                    </li>
                  ))}
                  <li>
                    <Form method="post" action="/sign-out">
                      <button type="submit" className="app-header__sign-out">
                        Sign out<span className="govuk-visually-hidden"> {root.user.name}</span>
                      </button>
                    </Form>
                  </li>
                </ul>
                <p className="app-header__user">
                  {root.user.name}, {root.user.roleLabel}
                </p>
              </nav>
            ) : null}
          </div>
        </header>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            {/* Inside the main landmark: every page's figures depend on it, and content outside a landmark is missed by landmark navigation. */}
            {root?.freshness ? (
              <p className={`app-freshness${root.freshness.stale ? " app-freshness--stale" : ""}`} data-testid="data-as-of">
                {root.freshness.stale ? <strong>The data is {root.freshness.ageDays} days old. </strong> : null}
                Data as of {formatDate(root.freshness.loadedOn)}, from {root.freshness.source}.
                {root.freshness.everyDays !== null ? ` It usually arrives ${root.freshness.everyDays === 1 ? "every day" : `every ${root.freshness.everyDays} days`}.` : ""}
                {root.freshness.stale
                  ? root.freshness.everyDays !== null
                    ? " Check that the feed is still running before relying on these figures."
                    : " Load the latest extract before relying on these figures."
                  : ""}
              </p>
            ) : null}
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <p className="govuk-body-s">Primed: one version of the truth for adult social care teams. Person references are pseudonymous.</p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useFocusOnNewPage();
  return <Outlet />;
}

// React warns of a layout effect in a page drawn on the server, where it would do nothing anyway.
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/**
 * After a client-side move to another page, focus goes to the new page's
 * heading (or the element its address's #fragment names), as a full page
 * load would start a screen reader there, not on <body> or on a link that now
 * says something else. Not on the first load, not when only the query or
 * fragment changes (a filter, or a form's answer on the same page, which
 * leaves focus where the person is or to the page), and not when the new
 * page has moved focus itself (its error summary, say): the page's effects
 * run before this one.
 */
function useFocusOnNewPage() {
  const { pathname, hash } = useLocation();
  const firstRender = useRef(true);
  const focusedBefore = useRef<Element | null>(null);
  // Layout effects run before any page's ordinary effects: what is focused now is what the move left.
  useBrowserLayoutEffect(() => {
    focusedBefore.current = document.activeElement;
  }, [pathname]);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = document.getElementById("main-content");
    const active = document.activeElement;
    if (main && active && active !== focusedBefore.current && main.contains(active)) return;
    const target = (hash.length > 1 ? document.getElementById(hash.slice(1)) : null) ?? main?.querySelector("h1");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    // The scroll is ScrollRestoration's business: top of the page, or the fragment.
    (target as HTMLElement).focus({ preventScroll: true });
    // The hash is read only when the pathname changes: a hash-only change is not a new page.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- leaving hash out is the point (above)
  }, [pathname]);
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return (
      <>
        <h1 className="govuk-heading-l">{errorHeading(error.status)}</h1>
        <p className="govuk-body">{typeof error.data === "string" ? error.data : error.statusText}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to your start page
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with Primed</h1>
      <p className="govuk-body">Something went wrong on our side. Try again in a moment; if it keeps happening, tell your Primed administrator the time it happened.</p>
    </>
  );
}
