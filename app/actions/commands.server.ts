/*
 * The changes people make to the action log: a new action, a manager's edit,
 * the owner's progress and a manager's escalation, each checked first and
 * written with its audit entry in one transaction.
 */
import type { Db } from "../../db/connection";
import type { SignedInUser } from "~/people/users.server";
import { actions, type ActionStatus } from "../../db/schema";
import { audit, actorOf } from "~/audit/audit.server";
import type { IsoDate } from "~/dates";
import type { FieldErrors } from "~/forms/form-kit";
import { objectivesAnActionMayServe } from "~/purpose/objectives.server";
import type { ActionFields } from "./action-forms";
import { escalationEnded, isOpen, newDeadlineEndsEscalation } from "./action-rules";
import { changeAction, type Changes } from "./change.server";
import { measureChoices } from "./choices.server";
import { checkOwner, ownerAccount, type CheckedOwner } from "./owners.server";
import { actionById } from "./queries.server";
import { mailActionGiven } from "~/reminders/events.server";

export type ActionResult<T = number> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The fields' values that follow from a status: the day it was done, kept only while it is done. */
function statusChanges(status: ActionStatus, current: { status: ActionStatus; completedOn: string | null }, today: IsoDate): Changes {
  if (status === current.status) return {};
  return { status, completedOn: status === "done" ? today : null };
}

interface CheckedLinks {
  objectiveId: number | null;
  series: string | null;
  primedMetricId: number | null;
}

/** What the audit trail keeps of the fields: the owner as the account given the action, never the form's "worker:34". */
function auditedFields({ owner: _posted, ownerEmail: _email, ...fields }: ActionFields, ownerUserId: number, links: CheckedLinks) {
  return { ...fields, owner: ownerUserId, ...links };
}

/** The owner, objective and measure checked against the team (an action's own objective, `keepObjective`, stays allowed after it ends); errors keyed by field. */
function checkFields(
  db: Db,
  teamId: number,
  fields: ActionFields,
  today: IsoDate,
  keepObjective: number | null = null,
): { ok: true; links: CheckedLinks; owner: CheckedOwner } | { ok: false; errors: FieldErrors } {
  const owner = checkOwner(db, teamId, fields);
  const errors: FieldErrors = owner.ok ? {} : { ...owner.errors };
  if (fields.objective !== undefined && !objectivesAnActionMayServe(db, teamId, today, keepObjective).some((o) => o.id === fields.objective))
    errors.objective = "Choose an objective from the list";
  if (fields.measure !== undefined && !measureChoices(db).some((m) => m.value === fields.measure)) errors.measure = "Choose a measure from the list";
  if (!owner.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const [kind, ...rest] = (fields.measure ?? "").split(":");
  const key = rest.join(":");
  return {
    ok: true,
    owner: owner.owner,
    links: {
      objectiveId: fields.objective ?? null,
      series: kind === "series" ? key : null,
      primedMetricId: kind === "metric" ? Number(key) : null,
    },
  };
}

export interface NewActionContext {
  teamId: number;
  month: string;
  meetingId?: number | null;
}

/**
 * A new open action, audited. A deadline must not already have passed. The
 * checks run inside the transaction, so an owner's new account cannot be made twice.
 */
export function createAction(db: Db, author: SignedInUser, context: NewActionContext, fields: ActionFields, today: IsoDate, now = new Date()): ActionResult {
  if (fields.deadline < today) return { ok: false, errors: { deadline: "The deadline has already passed: choose today or a later date" } };
  const at = now.toISOString();
  return db.transaction((tx): ActionResult => {
    const txDb = tx as unknown as Db;
    const checked = checkFields(txDb, context.teamId, fields, today);
    if (!checked.ok) return checked;
    const ownerUserId = ownerAccount(txDb, actorOf(author), checked.owner, now);
    const row = tx
      .insert(actions)
      .values({
        teamId: context.teamId,
        title: fields.title,
        detail: fields.detail,
        ownerUserId,
        deadline: fields.deadline,
        month: context.month,
        meetingId: context.meetingId ?? null,
        ...checked.links,
        createdByUserId: author.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: actions.id })
      .get();
    audit(txDb, actorOf(author), { action: "create", entity: "action", entityId: row.id, after: auditedFields(fields, ownerUserId, checked.links) }, now);
    mailActionGiven(txDb, row.id, author.id, now);
    return { ok: true, value: row.id };
  });
}

/**
 * A manager's edit of everything but the status: title, detail, owner, deadline, links.
 * An overdue action keeps its deadline through an edit, but a deadline cannot be moved to a day already passed.
 * A new deadline ends an escalation, as carrying the action forward does (newDeadlineEndsEscalation).
 */
export function editAction(db: Db, author: SignedInUser, id: number, fields: ActionFields, today: IsoDate, now = new Date()): ActionResult {
  const current = actionById(db, id);
  if (!current) return { ok: false, errors: { form: "That action no longer exists" } };
  if (fields.deadline !== current.deadline && fields.deadline < today) return { ok: false, errors: { deadline: "The deadline has already passed: choose today or a later date" } };
  return db.transaction((tx): ActionResult => {
    const txDb = tx as unknown as Db;
    const checked = checkFields(txDb, current.teamId, fields, today, current.objectiveId);
    if (!checked.ok) return checked;
    changeAction(
      txDb,
      actorOf(author),
      id,
      {
        title: fields.title,
        detail: fields.detail,
        ownerUserId: ownerAccount(txDb, actorOf(author), checked.owner, now),
        deadline: fields.deadline,
        ...checked.links,
        ...(newDeadlineEndsEscalation(current, fields.deadline, today) ? escalationEnded : {}),
      },
      "",
      "update",
      now,
    );
    return { ok: true, value: id };
  });
}

/** The owner's (or a manager's) update: a status and a comment. */
export function recordProgress(db: Db, author: SignedInUser, id: number, update: { status: ActionStatus; comment: string }, today: IsoDate, now = new Date()): ActionResult {
  const current = actionById(db, id);
  if (!current) return { ok: false, errors: { form: "That action no longer exists" } };
  if (update.status === current.status && update.comment === "") return { ok: false, errors: { comment: "Change the status or write a comment" } };
  db.transaction((tx) => {
    changeAction(tx as unknown as Db, actorOf(author), id, statusChanges(update.status, current, today), update.comment, "progress", now);
  });
  return { ok: true, value: id };
}

/** A manager raises an open action with the head of service, saying why. */
export function escalateAction(db: Db, author: SignedInUser, id: number, reason: string, now = new Date()): ActionResult {
  const current = actionById(db, id);
  if (!current) return { ok: false, errors: { form: "That action no longer exists" } };
  if (!isOpen(current)) return { ok: false, errors: { reason: "Only an open action can be escalated: this one is closed" } };
  if (current.escalatedAt !== null) return { ok: false, errors: { reason: "This action is already escalated" } };
  db.transaction((tx) => {
    changeAction(tx as unknown as Db, actorOf(author), id, { escalatedAt: now.toISOString(), escalatedByUserId: author.id, escalationReason: reason }, "", "escalate", now);
  });
  return { ok: true, value: id };
}
