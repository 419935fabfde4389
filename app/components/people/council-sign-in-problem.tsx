import { Form, Link } from "@remix-run/react";
import type { CouncilProblem } from "~/people/council-sign-in.server";

/** Each way the council sign-in can stop, in the person's words, with what to do next. */
function wordsFor(problem: CouncilProblem): { title: string; body: string[] } {
  switch (problem.kind) {
    case "cancelled":
      return { title: "You did not sign in", body: ["The sign-in with your council account was cancelled."] };
    case "unknown":
      return {
        title: "Primed has no account for you",
        body: [
          problem.email
            ? `Primed has no account for ${problem.email}: ask your administrator.`
            : "Your council account gave no email address Primed knows: ask your administrator.",
        ],
      };
    case "deactivated":
      return { title: "Your Primed account is switched off", body: [`The account for ${problem.email} has been deactivated: ask your administrator if you still need it.`] };
    case "linked_to_another_account":
      return {
        title: "This Primed account belongs to another council account",
        body: [`The Primed account for ${problem.email} is already linked to a different council account: ask your administrator to unlink it.`],
      };
    case "attempt_not_valid":
      return { title: "The sign-in took too long or was not finished", body: [`Sign-ins must be finished within 10 minutes, in the same browser. Start again.`] };
    case "provider_unreachable":
      return { title: "The council's sign-in service cannot be reached", body: ["Try again in a few minutes. If it keeps happening, tell your IT service desk."] };
    case "provider_error":
      return { title: "The council's sign-in service refused the sign-in", body: [`It said: ${problem.error}. Try again; if it keeps happening, tell your IT service desk.`] };
    case "not_set_up":
      return { title: "Signing in with a council account is not set up", body: ["Sign in with your email address and password instead."] };
  }
}

export function CouncilSignInProblem({ problem }: { problem: CouncilProblem }) {
  const { title, body } = wordsFor(problem);
  return (
    <div className="govuk-grid-row app-sign-in-problem">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        {body.map((line) => (
          <p className="govuk-body" key={line}>
            {line}
          </p>
        ))}
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Back to sign in
          </Link>
        </p>
      </div>
    </div>
  );
}

export const problemStatus = (problem: CouncilProblem): number =>
  problem.kind === "not_set_up"
    ? 404
    : problem.kind === "provider_unreachable" || problem.kind === "provider_error"
      ? 502
      : problem.kind === "cancelled" || problem.kind === "attempt_not_valid"
        ? 400
        : 403;

/** The page at /sign-in/council itself (reached by typing it): the button that starts the sign-in. */
export function CouncilSignInButton() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sign in with your council account</h1>
        <Form method="post" action="/sign-in/council">
          <button type="submit" className="govuk-button">
            Sign in with your council account
          </button>
        </Form>
      </div>
    </div>
  );
}
