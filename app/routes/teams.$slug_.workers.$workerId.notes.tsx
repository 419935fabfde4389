import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { ErrorSummary, Field } from "~/components/ui/form-errors";
import { formatDate } from "~/dates";
import { getDb } from "~/db.server";
import { requireAllowed, requireUser } from "~/people/guard.server";
import { can } from "~/people/permissions";
import { addWorkerNote, WORKER_NOTE_MAX, workerNotes } from "~/reports/workers-load.server";
import { findTeamBySlug, listTeamWorkers } from "~/teams/teams.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Notes on ${data.worker.name}'s load – Primed` : "Notes on a worker's load – Primed" }];

/** The team and worker in the address, once the user may see the worker's load. */
async function workerOf(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const db = getDb();
  const team = findTeamBySlug(db, params.slug ?? "");
  if (!team) throw data(`There is no team at this address ("${params.slug}").`, { status: 404 });
  requireAllowed(user, "view", "worker-load", { teamId: team.id });
  const worker = /^\d{1,9}$/.test(params.workerId ?? "") ? listTeamWorkers(db, team.id).find((w) => w.id === Number(params.workerId)) : undefined;
  if (!worker) throw data(`${team.name} has no worker with that reference.`, { status: 404 });
  return { user, db, team, worker };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, team, worker } = await workerOf(request, params);
  return {
    team: { name: team.name, slug: team.slug },
    worker: { id: worker.id, name: worker.name },
    notes: workerNotes(db, worker.id),
    canWrite: can(user, "manage", "worker-load", { teamId: team.id }),
    noteMax: WORKER_NOTE_MAX,
  };
}

const noteSchema = z.object({
  note: z
    .string()
    .trim()
    .min(1, "Write the note: what the counts do not show about this worker's load")
    .max(WORKER_NOTE_MAX, `The note must be ${WORKER_NOTE_MAX} characters or fewer`),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, team, worker } = await workerOf(request, params);
  requireAllowed(user, "manage", "worker-load", { teamId: team.id });
  const parsed = noteSchema.safeParse({ note: (await request.formData()).get("note") ?? "" });
  if (!parsed.success) return data({ errors: { note: parsed.error.issues[0]!.message } }, { status: 400 });
  addWorkerNote(db, user, worker.id, parsed.data.note);
  return redirect(`/teams/${team.slug}#workers-heading`);
}

export default function WorkerNotes() {
  const { team, worker, notes, canWrite, noteMax } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Teams", to: "/teams" }, { label: team.name, to: `/teams/${team.slug}` }, { label: `Notes on ${worker.name}'s load` }]} />
      <ErrorSummary errors={result?.errors} />
      <span className="govuk-caption-l">{team.name}</span>
      <h1 className="govuk-heading-l">Notes on {worker.name}'s load</h1>
      <p className="govuk-body">
        The counts on the team page do not weigh how complex or risky each piece of work is, or the travel it takes. Note what they miss, so the next conversation about this
        worker's load starts from it. Reallocating work happens in the care system, not in Primed.
      </p>
      {canWrite && (
        <Form method="post" noValidate>
          <Field id="note" label="New note" hint={`For example: two complex safeguarding enquiries this month. Up to ${noteMax} characters.`} error={result?.errors.note}>
            {(describedBy, invalid) => (
              <textarea className={`govuk-textarea${invalid ? " govuk-textarea--error" : ""}`} id="note" name="note" rows={4} maxLength={noteMax} aria-describedby={describedBy} />
            )}
          </Field>
          <button type="submit" className="govuk-button">
            Save the note
          </button>
        </Form>
      )}
      <h2 className="govuk-heading-m">Earlier notes</h2>
      {notes.length === 0 ? (
        <p className="govuk-body">No notes yet.</p>
      ) : (
        <ul className="govuk-list app-notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="govuk-body govuk-!-margin-bottom-1">{n.note}</p>
              <p className="govuk-body-s app-secondary-text">
                {n.by}, {formatDate(n.at.slice(0, 10))}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/teams/${team.slug}`}>
          Back to {team.name}
        </Link>
      </p>
    </>
  );
}
