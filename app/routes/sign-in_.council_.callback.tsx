import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CouncilSignInProblem, problemStatus } from "~/components/people/council-sign-in-problem";
import { getDb } from "~/db.server";
import { finishCouncilSignIn } from "~/people/council-sign-in.server";
import { landingPath } from "~/people/landing.server";
import { loadSignedInUser } from "~/people/users.server";
import { getEnv } from "~/platform/env-cache.server";

export const meta: MetaFunction = () => [{ title: "Signing in with your council account – Primed" }];

/** Where the council's identity provider sends the person back (PRIMED_OIDC_REDIRECT_URL). */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const result = await finishCouncilSignIn(db, getEnv(), request);
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const cookie of result.setCookies) headers.append("Set-Cookie", cookie);
  if (!result.ok) return data({ problem: result.problem }, { status: problemStatus(result.problem), headers });
  const user = loadSignedInUser(db, result.userId)!;
  return redirect(result.redirectTo || landingPath(db, user), { headers });
}

export default function CouncilSignInCallback() {
  const { problem } = useLoaderData<typeof loader>();
  return <CouncilSignInProblem problem={problem} />;
}
