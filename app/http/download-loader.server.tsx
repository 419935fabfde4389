/*
 * Loaders of downloads (CSV, PDF): routes with no page of their own. Remix
 * answers a `data("sentence", { status })` thrown from such a route with
 * {"message":"Unexpected Server Error"}, so a bad month or an unknown team
 * that the page explains came out as nonsense from its download. Wrapped
 * here, once for every download, it is the same sentence and status as on
 * the page.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { errorHeading } from "~/http/error-heading";
import { standalonePage } from "~/http/standalone-page.server";

/** What `data()` makes (Remix does not export its class or its test). */
interface ThrownData {
  type: "DataWithResponseInit";
  data: unknown;
  init: ResponseInit | null;
}

function isThrownData(error: unknown): error is ThrownData {
  return typeof error === "object" && error !== null && (error as { type?: unknown }).type === "DataWithResponseInit";
}

/** The answer to a refused download, as a page. */
export function refusedDownload(status: number, message: string, headers?: HeadersInit): Response {
  const page = standalonePage(
    errorHeading(status),
    <>
      <p className="govuk-body">{message}</p>
      <p className="govuk-body">
        <a className="govuk-link" href="/">
          Go to your start page
        </a>
      </p>
    </>,
  );
  const answer = new Headers(headers);
  answer.set("Content-Type", "text/html; charset=utf-8");
  answer.set("Cache-Control", "no-store");
  return new Response(page, { status, headers: answer });
}

export function downloadLoader(load: (args: LoaderFunctionArgs) => Promise<Response>) {
  return async (args: LoaderFunctionArgs): Promise<Response> => {
    try {
      return await load(args);
    } catch (error) {
      // Redirects (to sign in) and other Responses pass as they are.
      if (isThrownData(error) && typeof error.data === "string") {
        return refusedDownload(error.init?.status ?? 400, error.data, error.init?.headers);
      }
      throw error;
    }
  };
}
