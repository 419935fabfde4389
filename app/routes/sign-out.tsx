import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/platform/env-cache.server";
import { optionalUser } from "~/people/guard.server";
import { endSession } from "~/people/sessions.server";

/** Signing out is a form post: a link (a GET) could be triggered by another site. */
export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const user = await optionalUser(request);
  const setCookie = await endSession(db, getEnv(), request);
  if (user) audit(db, { kind: "user", userId: user.id, email: user.email }, { action: "sign_out", entity: "session", entityId: user.id });
  return redirect("/sign-in", { headers: { "Set-Cookie": setCookie } });
}

export async function loader(_args: LoaderFunctionArgs) {
  return redirect("/");
}
