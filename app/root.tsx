import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Primed" }];

export function Layout({ children }: { children: ReactNode }) {
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
            <nav aria-label="Main">
              <ul className="app-header__nav">
                <li>
                  <Link to="/" className="app-header__link">
                    Teams
                  </Link>
                </li>
                <li>
                  <Link to="/definitions" className="app-header__link">
                    Definitions
                  </Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <p className="govuk-body-s">
              Primed: one version of the truth for adult social care teams. Person references are
              pseudonymous.
            </p>
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return (
      <>
        <h1 className="govuk-heading-l">
          {error.status === 404 ? "Page not found" : "There is a problem with this request"}
        </h1>
        <p className="govuk-body">{typeof error.data === "string" ? error.data : error.statusText}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the list of teams
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with Primed</h1>
      <p className="govuk-body">
        Something went wrong on our side. Try again in a moment; if it keeps happening, tell your
        Primed administrator the time it happened.
      </p>
    </>
  );
}
