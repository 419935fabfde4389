import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import { requireUser } from "~/people/guard.server";
import { landingPath } from "~/people/landing.server";

/** The front door: each role goes to its own start page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return redirect(landingPath(getDb(), user));
}
