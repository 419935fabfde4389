/*
 * A whole page for an answer from a route with no page of its own (a CSV or
 * PDF download), so a person who followed the link reads a sentence, not
 * JSON. Rendered on the server only (react-dom/server stays out of the browser's bundle).
 */
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";

export function standalonePage(title: string, body: ReactNode): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Primed`}</title>
        <link rel="stylesheet" href="/styles/app.css" />
      </head>
      <body className="govuk-template__body">
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            <h1 className="govuk-heading-l">{title}</h1>
            {body}
          </main>
        </div>
      </body>
    </html>,
  )}`;
}
