/*
 * What the two purpose pages (the service's and a team's) share: the
 * objective being edited, named in the address, and the handling of the
 * objective forms. The pages decide who may see them; these functions stop
 * with a 400, 403 or 404 page when the address or the form asks for
 * something that is not there or not the user's to change.
 */
import { data } from "@remix-run/node";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { fieldErrorsOf, type FieldErrors } from "~/forms/form-kit";
import { monthOf, type IsoDate } from "~/dates";
import type { SignedInUser } from "~/people/users.server";
import { createObjective, isCurrent, mayManageObjective, measureValueOf, objectiveById, retireObjective, updateObjective, type Objective } from "./objectives.server";
import { objectiveForm, objectiveIdForm, type PurposeIntent } from "./objective-forms";

const address = z.object({
  edit: z
    .string()
    .regex(/^\d{1,9}$/, "The objective to edit is named by its number in the address, like ?edit=12")
    .transform(Number)
    .nullable(),
});

/** The number of the objective the address opens for editing, or null; a 400 page when it is not a number. */
export function editedObjectiveId(request: Request): number | null {
  const parsed = address.safeParse({ edit: new URL(request.url).searchParams.get("edit") });
  if (!parsed.success) throw data(parsed.error.issues[0]!.message, { status: 400 });
  return parsed.data.edit;
}

/** A current objective of the team (or of the service: teamId null) that the user may change; else a 404 or 403 page. */
export function changeableObjective(db: Db, user: SignedInUser, teamId: number | null, id: number, today: IsoDate): Objective {
  const objective = objectiveById(db, id, today);
  if (!objective || objective.teamId !== teamId || !isCurrent(objective, monthOf(today))) {
    throw data(`There is no current objective numbered ${id} ${teamId === null ? "among the service's" : "in this team"}: it may have ended or been withdrawn.`, { status: 404 });
  }
  if (!mayManageObjective(user, objective)) {
    throw data("Your role does not let you change this objective. Ask the team's manager or the head of service.", { status: 403 });
  }
  return objective;
}

/** An objective's stored values as its edit form shows them. */
export const formValuesOf = (o: Objective) => ({
  statement: o.statement,
  owner: String(o.ownerUserId),
  measure: measureValueOf(o),
  periodFrom: o.periodFrom,
  periodTo: o.periodTo,
});

export type ObjectiveChange = "added" | "updated" | "retired";

export const changeMessages: Record<ObjectiveChange, string> = {
  added: "Objective added.",
  updated: "Objective saved.",
  retired: "Objective withdrawn: it is kept on record under Ended and withdrawn.",
};

/**
 * Adds, edits or withdraws an objective of the team (or of the service) from
 * a posted form, once the page has checked that the user may manage its
 * objectives. Field errors come back keyed by field.
 */
export function changeObjectiveFromForm(
  db: Db,
  user: SignedInUser,
  teamId: number | null,
  intent: Exclude<PurposeIntent, "ground-rules">,
  form: Record<string, unknown>,
  today: IsoDate,
): { ok: true; change: ObjectiveChange; id: number } | { ok: false; errors: FieldErrors } {
  if (intent === "add") {
    const fields = objectiveForm.safeParse(form);
    if (!fields.success) return { ok: false, errors: fieldErrorsOf(fields.error) };
    if (fields.data.worker !== undefined && !mayManageObjective(user, { teamId, workerId: fields.data.worker })) {
      throw data("Your role does not let you set this person's objectives.", { status: 403 });
    }
    const result = createObjective(db, user, teamId, fields.data);
    return result.ok ? { ok: true, change: "added", id: result.value } : result;
  }
  const named = objectiveIdForm.safeParse(form);
  if (!named.success) return { ok: false, errors: { form: named.error.issues[0]!.message } };
  const objective = changeableObjective(db, user, teamId, named.data.id, today);
  if (intent === "retire") {
    const result = retireObjective(db, user, objective.id);
    return result.ok ? { ok: true, change: "retired", id: objective.id } : result;
  }
  // An edit keeps the objective's level: a worker in the form is not read.
  const fields = objectiveForm.safeParse({ ...form, worker: undefined });
  if (!fields.success) return { ok: false, errors: fieldErrorsOf(fields.error) };
  const result = updateObjective(db, user, objective.id, fields.data);
  return result.ok ? { ok: true, change: "updated", id: objective.id } : result;
}
