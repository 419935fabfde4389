/*
 * The action log. Every change to an action goes through `changeAction`, in
 * the transaction that makes it, so the audit trail holds its whole history:
 * who, when, what changed (before and after) and their comment.
 */
import { aliasedTable, and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { preparedOnce } from "../../db/prepared";
import type { Db } from "../../db/connection";
import { actions, appSettings, auditLog, objectives, primedMetrics, teams, users, userTeams, workers, type ActionStatus } from "../../db/schema";
import { actorLabel, audit, SYSTEM, type Actor } from "~/audit/audit.server";
import { addDays, formatDate, isIsoDate, type IsoDate } from "~/dates";
import type { FieldErrors } from "~/admin/forms";
import { reportSeriesOf } from "~/interpretation/report-series";
import { outcomeGroupMap } from "~/reference-data/outcomes.server";
import { can, type Principal } from "~/people/permissions";
import { objectivesAnActionMayServe } from "~/purpose/objectives.server";
import type { ActionFields, ActionShow } from "./action-forms";
import { actionStatusLabels, DEFAULT_ESCALATION_DAYS, escalationEnded, isOpen, needsAutomaticEscalation, newDeadlineEndsEscalation } from "./action-rules";

export type ActionUser = Principal & { id: number; email: string; name: string };

export const actorOf = (user: { id: number; email: string }): Actor => ({ kind: "user", userId: user.id, email: user.email });

export type ActionResult<T = number> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const owner = aliasedTable(users, "owner");
const escalator = aliasedTable(users, "escalator");

const actionColumns = {
  id: actions.id,
  teamId: actions.teamId,
  teamName: teams.name,
  teamSlug: teams.slug,
  title: actions.title,
  detail: actions.detail,
  ownerUserId: actions.ownerUserId,
  ownerName: owner.name,
  deadline: actions.deadline,
  status: actions.status,
  month: actions.month,
  meetingId: actions.meetingId,
  objectiveId: actions.objectiveId,
  objectiveStatement: objectives.statement,
  series: actions.series,
  primedMetricId: actions.primedMetricId,
  metricName: primedMetrics.name,
  completedOn: actions.completedOn,
  escalatedAt: actions.escalatedAt,
  escalatedBy: escalator.name,
  escalationReason: actions.escalationReason,
  createdAt: actions.createdAt,
  updatedAt: actions.updatedAt,
};

export type ActionRow = {
  id: number;
  teamId: number;
  teamName: string;
  teamSlug: string;
  title: string;
  detail: string;
  ownerUserId: number;
  ownerName: string;
  deadline: IsoDate;
  status: ActionStatus;
  month: string;
  meetingId: number | null;
  objectiveId: number | null;
  objectiveStatement: string | null;
  series: string | null;
  primedMetricId: number | null;
  metricName: string | null;
  completedOn: IsoDate | null;
  escalatedAt: string | null;
  /** Null with escalatedAt set: escalated automatically. */
  escalatedBy: string | null;
  escalationReason: string | null;
  createdAt: string;
  updatedAt: string;
};

function selectActions(db: Db) {
  return db
    .select(actionColumns)
    .from(actions)
    .innerJoin(teams, eq(teams.id, actions.teamId))
    .innerJoin(owner, eq(owner.id, actions.ownerUserId))
    .leftJoin(escalator, eq(escalator.id, actions.escalatedByUserId))
    .leftJoin(objectives, eq(objectives.id, actions.objectiveId))
    .leftJoin(primedMetrics, eq(primedMetrics.id, actions.primedMetricId));
}

export interface ActionFilter {
  /** Undefined: every team. */
  teamIds?: readonly number[];
  ownerUserId?: number;
  meetingId?: number;
  primedMetricId?: number;
  /** A team's series: with teamIds of that one team. */
  series?: string;
  show?: ActionShow;
}

const openStatus = inArray(actions.status, ["open", "in_progress"]);

function showCondition(show: ActionShow, today: Placeholder): SQL | undefined {
  switch (show) {
    case "open":
      return openStatus;
    case "overdue":
      return and(openStatus, lt(actions.deadline, today));
    case "escalated":
      return and(openStatus, isNotNull(actions.escalatedAt));
    case "done":
    case "dropped":
      return eq(actions.status, show);
    case "all":
      return undefined;
  }
}

const singleFilters = ["ownerUserId", "meetingId", "primedMetricId", "series"] as const;

/**
 * The actions that match, soonest deadline first (the most overdue at the
 * top), closed ones after. Prepared once for each shape of filter: building
 * and planning this six-table query on every call was about 0.7 ms, a
 * twentieth of a team report.
 */
export function listActions(db: Db, filter: ActionFilter, today: IsoDate): ActionRow[] {
  const show = filter.show ?? "all";
  const given = singleFilters.filter((key) => filter[key] !== undefined);
  const statement = preparedOnce(db, `actions|${filter.teamIds?.length ?? "every team"}|${given.join(",")}|${show}`, () => {
    const conditions = [
      filter.teamIds ? inArray(actions.teamId, filter.teamIds.map((_, i) => sql.placeholder(`team${i}`))) : undefined,
      ...given.map((key) => eq(actions[key], sql.placeholder(key))),
      showCondition(show, sql.placeholder("today")),
    ];
    return selectActions(db)
      .where(and(...conditions))
      .orderBy(sql`case when ${actions.status} in ('open', 'in_progress') then 0 else 1 end`, asc(actions.deadline), asc(actions.id))
      .prepare();
  });
  const teamValues = Object.fromEntries((filter.teamIds ?? []).map((id, i) => [`team${i}`, id]));
  return statement.all({ ...teamValues, ...Object.fromEntries(given.map((key) => [key, filter[key]])), today });
}

export function actionById(db: Db, id: number): ActionRow | undefined {
  return selectActions(db).where(eq(actions.id, id)).get();
}

/* ------------------------------------------------------------------ owners and links */

export interface OwnerChoice {
  id: number;
  name: string;
  role: string;
}

/**
 * Who may own a team's action: an active person who can see the team's log,
 * that is its members who sign in, its managers and the heads of service.
 */
export function ownerChoices(db: Db, teamId: number): OwnerChoice[] {
  const members = db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .leftJoin(workers, eq(workers.id, users.workerId))
    .leftJoin(userTeams, and(eq(userTeams.userId, users.id), eq(userTeams.teamId, teamId)))
    .where(and(eq(users.active, true), or(eq(workers.teamId, teamId), isNotNull(userTeams.teamId), eq(users.role, "head_of_service"))))
    .orderBy(asc(users.name))
    .all();
  // A manager who is also a member of the team appears once.
  return [...new Map(members.map((m) => [m.id, m])).values()].filter((m) => m.role !== "admin");
}

export interface MeasureChoice {
  /** "series:overdue" or "metric:3", as the form posts it. */
  value: string;
  label: string;
}

/** The measures an action of the team may be linked to: the team's report series, then the Primed Metrics. */
export function measureChoices(db: Db): MeasureChoice[] {
  const groups = [...new Set(Object.values(outcomeGroupMap(db)))];
  const series = ["received", "completed", "onTimeRate", "overdue", "awaitingAllocation", ...groups.map((g) => `outcomeShare:${g}`)]
    .map((key) => reportSeriesOf(key, groups))
    .filter((s) => s !== undefined)
    .map((s) => ({ value: `series:${s.key}`, label: s.label }));
  const metrics = db.select({ id: primedMetrics.id, name: primedMetrics.name }).from(primedMetrics).orderBy(asc(primedMetrics.name)).all();
  return [...series, ...metrics.map((m) => ({ value: `metric:${m.id}`, label: `${m.name} (Primed Metric)` }))];
}

/* ------------------------------------------------------------------ changes */

/** The columns a person can change, as the history names them. */
const fieldLabels = {
  title: "Title",
  detail: "Detail",
  ownerUserId: "Owner",
  deadline: "Deadline",
  status: "Status",
  objectiveId: "Objective",
  series: "Measure",
  primedMetricId: "Measure",
  completedOn: "Done on",
  escalatedAt: "Escalated",
  escalationReason: "Reason for escalating",
} as const;
type ChangeableField = keyof typeof fieldLabels;
type Changes = Partial<Pick<typeof actions.$inferInsert, ChangeableField | "escalatedByUserId">>;

/**
 * Applies changes to one action with its audit entry: only the fields that
 * really change are written and recorded; a comment alone is recorded too.
 * Call it inside a transaction.
 */
export function changeAction(db: Db, actor: Actor, id: number, changes: Changes, comment: string, auditAction: string, now: Date) {
  const current = db.select().from(actions).where(eq(actions.id, id)).get();
  if (!current) throw new Error(`No action ${id}`);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes) as [keyof Changes, unknown][]) {
    if (value === undefined || current[field] === value) continue;
    before[field] = current[field];
    after[field] = value;
  }
  if (Object.keys(after).length === 0 && comment === "") return false;
  if (Object.keys(after).length > 0) {
    db.update(actions)
      .set({ ...(after as Changes), updatedAt: now.toISOString() })
      .where(eq(actions.id, id))
      .run();
  }
  audit(db, actor, { action: auditAction, entity: "action", entityId: id, before, after: comment === "" ? after : { ...after, comment } }, now);
  return true;
}

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

/** The owner, objective and measure checked against the team (an action's own objective, `keepObjective`, stays allowed after it ends); errors keyed by field. */
function checkFields(db: Db, teamId: number, fields: ActionFields, today: IsoDate, keepObjective: number | null = null): { ok: true; links: CheckedLinks } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!ownerChoices(db, teamId).some((o) => o.id === fields.owner)) errors.owner = "Choose an owner from the list: someone in the team, its manager or a head of service";
  if (fields.objective !== undefined && !objectivesAnActionMayServe(db, teamId, today, keepObjective).some((o) => o.id === fields.objective)) errors.objective = "Choose an objective from the list";
  if (fields.measure !== undefined && !measureChoices(db).some((m) => m.value === fields.measure)) errors.measure = "Choose a measure from the list";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const [kind, ...rest] = (fields.measure ?? "").split(":");
  const key = rest.join(":");
  return {
    ok: true,
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

/** A new open action, audited. A deadline must not already have passed. */
export function createAction(db: Db, author: ActionUser, context: NewActionContext, fields: ActionFields, today: IsoDate, now = new Date()): ActionResult {
  if (fields.deadline < today) return { ok: false, errors: { deadline: "The deadline has already passed: choose today or a later date" } };
  const checked = checkFields(db, context.teamId, fields, today);
  if (!checked.ok) return checked;
  const at = now.toISOString();
  const id = db.transaction((tx) => {
    const row = tx
      .insert(actions)
      .values({
        teamId: context.teamId,
        title: fields.title,
        detail: fields.detail,
        ownerUserId: fields.owner,
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
    audit(tx as unknown as Db, actorOf(author), { action: "create", entity: "action", entityId: row.id, after: { ...fields, ...checked.links } }, now);
    return row.id;
  });
  return { ok: true, value: id };
}

/**
 * A manager's edit of everything but the status: title, detail, owner, deadline, links.
 * An overdue action keeps its deadline through an edit, but a deadline cannot be moved to a day already passed.
 * A new deadline ends an escalation, as carrying the action forward does (newDeadlineEndsEscalation).
 */
export function editAction(db: Db, author: ActionUser, id: number, fields: ActionFields, today: IsoDate, now = new Date()): ActionResult {
  const current = actionById(db, id);
  if (!current) return { ok: false, errors: { form: "That action no longer exists" } };
  if (fields.deadline !== current.deadline && fields.deadline < today) return { ok: false, errors: { deadline: "The deadline has already passed: choose today or a later date" } };
  const checked = checkFields(db, current.teamId, fields, today, current.objectiveId);
  if (!checked.ok) return checked;
  db.transaction((tx) => {
    changeAction(
      tx as unknown as Db,
      actorOf(author),
      id,
      {
        title: fields.title,
        detail: fields.detail,
        ownerUserId: fields.owner,
        deadline: fields.deadline,
        ...checked.links,
        ...(newDeadlineEndsEscalation(current, fields.deadline, today) ? escalationEnded : {}),
      },
      "",
      "update",
      now,
    );
  });
  return { ok: true, value: id };
}

/** The owner's (or a manager's) update: a status and a comment. */
export function recordProgress(
  db: Db,
  author: ActionUser,
  id: number,
  update: { status: ActionStatus; comment: string },
  today: IsoDate,
  now = new Date(),
): ActionResult {
  const current = actionById(db, id);
  if (!current) return { ok: false, errors: { form: "That action no longer exists" } };
  if (update.status === current.status && update.comment === "") return { ok: false, errors: { comment: "Change the status or write a comment" } };
  db.transaction((tx) => {
    changeAction(tx as unknown as Db, actorOf(author), id, statusChanges(update.status, current, today), update.comment, "progress", now);
  });
  return { ok: true, value: id };
}

/** A manager raises an open action with the head of service, saying why. */
export function escalateAction(db: Db, author: ActionUser, id: number, reason: string, now = new Date()): ActionResult {
  const current = actionById(db, id);
  if (!current) return { ok: false, errors: { form: "That action no longer exists" } };
  if (!isOpen(current)) return { ok: false, errors: { reason: "Only an open action can be escalated: this one is closed" } };
  if (current.escalatedAt !== null) return { ok: false, errors: { reason: "This action is already escalated" } };
  db.transaction((tx) => {
    changeAction(tx as unknown as Db, actorOf(author), id, { escalatedAt: now.toISOString(), escalatedByUserId: author.id, escalationReason: reason }, "", "escalate", now);
  });
  return { ok: true, value: id };
}

/** Whether the user may edit the action (a manager of its team, or a head of service) or only move it on (its owner). */
export function actionRights(user: ActionUser, action: Pick<ActionRow, "teamId" | "ownerUserId">) {
  const manage = can(user, "manage", "actions", { teamId: action.teamId });
  return {
    edit: manage,
    escalate: manage,
    progress: manage || can(user, "manage", "action-progress", { teamId: action.teamId, ownerUserId: action.ownerUserId }),
  };
}

/* ------------------------------------------------------------------ automatic escalation */

const ESCALATION_DAYS_KEY = "action_escalation_days";

/** How many days an action may be overdue before it is escalated automatically. */
export function escalationDays(db: Db): number {
  const row = db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, ESCALATION_DAYS_KEY)).get();
  return row ? Number(row.value) : DEFAULT_ESCALATION_DAYS;
}

/** Sets the days, audited, and escalates at once what is now past them. */
export function setEscalationDays(db: Db, author: ActionUser, days: number, today: IsoDate, now = new Date()): number {
  return db.transaction((tx) => {
    const before = escalationDays(tx as unknown as Db);
    // Saving the same number again changes nothing, so the trail records nothing.
    if (before !== days) {
      tx.insert(appSettings)
        .values({ key: ESCALATION_DAYS_KEY, value: String(days) })
        .onConflictDoUpdate({ target: appSettings.key, set: { value: String(days) } })
        .run();
      audit(tx as unknown as Db, actorOf(author), { action: "update", entity: "setting", entityId: ESCALATION_DAYS_KEY, before, after: days }, now);
    }
    return escalateOverdueActions(tx as unknown as Db, today, now);
  });
}

/**
 * Escalates every open action overdue by more than the allowed days that is
 * not escalated yet, each with its audit entry by the system. Safe to run at
 * any time: an escalated action is not escalated twice. Returns how many.
 */
export function escalateOverdueActions(db: Db, today: IsoDate, now = new Date()): number {
  const days = escalationDays(db);
  // Overdue by more than `days`: the deadline is before today minus days.
  const candidates = db
    .select({ id: actions.id, status: actions.status, deadline: actions.deadline, escalatedAt: actions.escalatedAt })
    .from(actions)
    .where(and(openStatus, isNull(actions.escalatedAt), lt(actions.deadline, addDays(today, -days))))
    .all()
    .filter((a) => needsAutomaticEscalation(a, today, days));
  if (candidates.length === 0) return 0;
  db.transaction((tx) => {
    for (const action of candidates) {
      const reason = `Overdue by more than ${days} days (deadline ${formatDate(action.deadline)})`;
      changeAction(tx as unknown as Db, SYSTEM, action.id, { escalatedAt: now.toISOString(), escalatedByUserId: null, escalationReason: reason }, "", "escalate_automatically", now);
    }
  });
  return candidates.length;
}

/* ------------------------------------------------------------------ history */

export interface HistoryEntry {
  at: string;
  who: string;
  what: string;
  changes: { field: string; before: string; after: string }[];
  comment: string | null;
}

const historyWords: Record<string, string> = {
  create: "Created the action",
  update: "Edited the action",
  progress: "Updated the action",
  escalate: "Escalated to the head of service",
  escalate_automatically: "Escalated automatically",
  follow_up: "Followed up in the team meeting",
};

/** The action's changes from the audit trail, newest first, in words. */
export function actionHistory(db: Db, id: number): HistoryEntry[] {
  const rows = db
    .select({ at: auditLog.at, actor: auditLog.actor, name: users.name, action: auditLog.action, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, "action"), eq(auditLog.entityId, String(id))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .all();
  const names = new Map<number, string>();
  const nameOf = (userId: unknown) => {
    if (typeof userId !== "number") return "";
    if (!names.has(userId)) names.set(userId, db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? `user ${userId}`);
    return names.get(userId)!;
  };
  const objectiveOf = (objectiveId: number) => db.select({ statement: objectives.statement }).from(objectives).where(eq(objectives.id, objectiveId)).get()?.statement;
  const metricOf = (metricId: number) => db.select({ name: primedMetrics.name }).from(primedMetrics).where(eq(primedMetrics.id, metricId)).get()?.name;
  const groups = [...new Set(Object.values(outcomeGroupMap(db)))];
  // In the words the pages use: names, dates as people write them, the measure's label.
  const shown = (field: string, value: unknown): string => {
    if (field === "escalatedAt") return value ? "yes" : "no";
    if (value === null || value === undefined || value === "") return "none";
    if (field === "status") return actionStatusLabels[value as ActionStatus] ?? String(value);
    if (field === "ownerUserId") return nameOf(value);
    if ((field === "deadline" || field === "completedOn") && typeof value === "string" && isIsoDate(value)) return formatDate(value);
    if (field === "objectiveId" && typeof value === "number") return objectiveOf(value) ?? `objective ${value}`;
    if (field === "primedMetricId" && typeof value === "number") return metricOf(value) ?? `Primed Metric ${value}`;
    if (field === "series" && typeof value === "string") return reportSeriesOf(value, groups)?.label ?? value;
    return String(value);
  };
  return rows.map((row) => {
    const before = (row.before ? JSON.parse(row.before) : {}) as Record<string, unknown>;
    const after = (row.after ? JSON.parse(row.after) : {}) as Record<string, unknown>;
    const { comment, ...changed } = after;
    const changes =
      row.action === "create"
        ? []
        : Object.keys(changed)
            // An escalation's own entry says so in its words, with its reason; any other change to it (its end) is shown as a change.
            .filter((field): field is ChangeableField => field in fieldLabels && !(field === "escalatedAt" && row.action.startsWith("escalate")))
            .map((field) => ({ field: fieldLabels[field], before: shown(field, before[field]), after: shown(field, changed[field]) }));
    return {
      at: row.at,
      who: actorLabel(row.name, row.actor),
      what: historyWords[row.action] ?? row.action,
      changes,
      comment: typeof comment === "string" && comment !== "" ? comment : null,
    };
  });
}

/** The lists an action form chooses from, for one team; `action`'s own objective stays on its edit form's list. */
export function actionChoices(db: Db, teamId: number, today: IsoDate, action?: Pick<ActionRow, "objectiveId">) {
  return {
    owners: ownerChoices(db, teamId).map(({ id, name }) => ({ id, name })),
    objectives: objectivesAnActionMayServe(db, teamId, today, action?.objectiveId ?? null),
    measures: measureChoices(db),
  };
}

/** An action's fields as its edit form shows them. */
export function formValuesOf(action: ActionRow) {
  return {
    title: action.title,
    detail: action.detail,
    owner: String(action.ownerUserId),
    deadline: action.deadline,
    objective: action.objectiveId === null ? "" : String(action.objectiveId),
    measure: action.series !== null ? `series:${action.series}` : action.primedMetricId !== null ? `metric:${action.primedMetricId}` : "",
  };
}
