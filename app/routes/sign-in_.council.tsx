import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { CouncilSignInButton, CouncilSignInProblem, problemStatus } from "~/components/people/council-sign-in-problem";
import { getDb } from "~/db.server";
import { startCouncilSignIn } from "~/people/council-sign-in.server";
import { getEnv } from "~/platform/env-cache.server";

export const meta: MetaFunction = () => [{ title: "Sign in with your council account – Primed" }];

/** Only a POST (the button) starts a sign-in: a link could be followed by another site. A GET shows the button. */
export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

const startForm = z.object({ redirectTo: z.string().max(2048).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = startForm.safeParse(Object.fromEntries(await request.formData()));
  const result = await startCouncilSignIn(getDb(), getEnv(), parsed.success ? parsed.data.redirectTo : undefined);
  if (!result.ok) return data({ problem: result.problem }, { status: problemStatus(result.problem), headers: { "Cache-Control": "no-store" } });
  return redirect(result.location, { headers: { "Set-Cookie": result.setCookie, "Cache-Control": "no-store" } });
}

export default function StartCouncilSignIn() {
  const result = useActionData<typeof action>();
  return result ? <CouncilSignInProblem problem={result.problem} /> : <CouncilSignInButton />;
}
