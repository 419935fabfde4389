/*
 * People who sign in: created, changed and deactivated by administrators,
 * never deleted. Each change and its audit entry share one transaction; a
 * password or its hash never reaches the audit trail.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { teams, users, userTeams, workers } from "../../db/schema";
import { audit, type Actor } from "~/audit/audit.server";
import { hashPassword, UNUSABLE_HASH } from "~/people/passwords.server";
import { endSessionsOfUser } from "~/people/sessions.server";
import { normaliseEmail } from "~/people/users.server";
import { passwordField } from "./forms";
import { OWN_ADMIN_ROLE, userFieldProblems, type UserFields } from "./user-rules";
import type { FieldErrors } from "~/forms/form-kit";

export type { UserFields };

export type AdminResult<T = number> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Everyone who can sign in or once could, with their worker record's team and the teams they manage. */
export function listUsers(db: Db) {
  const managed = new Map<number, string[]>();
  const managedRows = db.select({ userId: userTeams.userId, team: teams.name }).from(userTeams).innerJoin(teams, eq(teams.id, userTeams.teamId)).orderBy(asc(teams.name)).all();
  for (const row of managedRows) managed.set(row.userId, [...(managed.get(row.userId) ?? []), row.team]);
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active, worker: workers.name, team: teams.name })
    .from(users)
    .leftJoin(workers, eq(workers.id, users.workerId))
    .leftJoin(teams, eq(teams.id, workers.teamId))
    .orderBy(asc(users.name))
    .all()
    .map((user) => ({ ...user, managedTeams: managed.get(user.id) ?? [] }));
}

export function getUser(db: Db, id: number) {
  const user = db.select().from(users).where(eq(users.id, id)).get();
  if (!user) return undefined;
  const teamIds = db
    .select({ teamId: userTeams.teamId })
    .from(userTeams)
    .where(eq(userTeams.userId, id))
    .all()
    .map((r) => r.teamId);
  // The provider's subject id stays on the server: the page only says whether there is one.
  const { passwordHash: _hidden, oidcSubject: _server, ...visible } = user;
  return { ...visible, teamIds };
}

/** Whether a council account has signed them in (users.oidc_subject is set; app/people/council-account.server.ts). */
export function councilAccountLinked(db: Db, id: number): boolean {
  return db.select({ oidcSubject: users.oidcSubject }).from(users).where(eq(users.id, id)).get()?.oidcSubject != null;
}

/** Whether a password signs them in: not for a person added from a CSV file (app/admin/bulk-users.server.ts) until one is set. */
export function hasPassword(db: Db, id: number): boolean {
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id)).get();
  return row !== undefined && row.passwordHash.startsWith("scrypt$") && row.passwordHash !== UNUSABLE_HASH;
}

/** The record as the audit trail keeps it: everything but the password hash. */
export function auditView(db: Db, id: number) {
  return getUser(db, id);
}

function checkFields(db: Db, fields: UserFields): FieldErrors {
  const known = new Set(
    db
      .select({ id: teams.id })
      .from(teams)
      .all()
      .map((t) => t.id),
  );
  return userFieldProblems(fields, {
    hasWorker: (workerId) => db.select({ id: workers.id }).from(workers).where(eq(workers.id, workerId)).get() !== undefined,
    hasTeam: (teamId) => known.has(teamId),
  });
}

/** The teams a user manages: only a team manager keeps any. */
export function saveTeams(db: Db, userId: number, fields: UserFields) {
  db.delete(userTeams).where(eq(userTeams.userId, userId)).run();
  const teamIds = fields.role === "team_manager" ? [...new Set(fields.teamIds)] : [];
  for (const teamId of teamIds) db.insert(userTeams).values({ userId, teamId }).run();
}

const EMAIL_TAKEN = "Someone already signs in with this email address";

function emailTaken(db: Db, email: string): boolean {
  return (
    db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`)
      .get() !== undefined
  );
}

function passwordError(password: string): string | undefined {
  return passwordField.safeParse(password).error?.issues[0]?.message;
}

/** The one failure a check beforehand cannot rule out: another request took the address while the password was hashed. */
function isDuplicateEmail(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE" && error.message.includes("users.email");
}

export async function createUser(db: Db, actor: Actor, input: UserFields & { email: string; password: string }): Promise<AdminResult> {
  const email = normaliseEmail(input.email);
  const errors = checkFields(db, input);
  if (emailTaken(db, email)) errors.email = EMAIL_TAKEN;
  const weakPassword = passwordError(input.password);
  if (weakPassword) errors.password = weakPassword;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const passwordHash = await hashPassword(input.password);
  try {
    const id = db.transaction((tx) => {
      const row = tx
        .insert(users)
        .values({ email, name: input.name, role: input.role, workerId: input.workerId ?? null, passwordHash, createdAt: new Date().toISOString() })
        .returning({ id: users.id })
        .get();
      saveTeams(tx as unknown as Db, row.id, input);
      audit(tx as unknown as Db, actor, { action: "create", entity: "user", entityId: row.id, after: auditView(tx as unknown as Db, row.id) });
      return row.id;
    });
    return { ok: true, value: id };
  } catch (error) {
    if (isDuplicateEmail(error)) return { ok: false, errors: { email: EMAIL_TAKEN } };
    throw error;
  }
}

/** Whether an address already signs someone in (the owner check of an action asks before making an account). */
export function emailInUse(db: Db, email: string): boolean {
  return emailTaken(db, normaliseEmail(email));
}

/**
 * An account for someone in a team who had none, made when their manager gives
 * them an action (app/actions/owners.server.ts): a practitioner, the least a
 * member of a team can see, linked to their worker record, with no password.
 * They sign in with the council's account; an administrator may change the
 * role or set a password later. Call it inside the action's transaction.
 */
export function createWorkerAccount(db: Db, actor: Actor, person: { workerId: number; name: string; email: string }, now = new Date()): number {
  const row = db
    .insert(users)
    .values({ email: normaliseEmail(person.email), name: person.name, role: "practitioner", workerId: person.workerId, passwordHash: UNUSABLE_HASH, createdAt: now.toISOString() })
    .returning({ id: users.id })
    .get();
  audit(db, actor, { action: "create", entity: "user", entityId: row.id, after: { ...auditView(db, row.id), madeFor: "an action's owner" } }, now);
  return row.id;
}

export function updateUser(db: Db, actor: Actor, id: number, fields: UserFields): AdminResult {
  const before = getUser(db, id);
  if (!before) return { ok: false, errors: { form: "There is no such user" } };
  const errors = checkFields(db, fields);
  if (actor.kind === "user" && actor.userId === id && before.role === "admin" && fields.role !== "admin") {
    errors.role = OWN_ADMIN_ROLE;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  db.transaction((tx) => {
    tx.update(users)
      .set({ name: fields.name, role: fields.role, workerId: fields.workerId ?? null })
      .where(eq(users.id, id))
      .run();
    saveTeams(tx as unknown as Db, id, fields);
    audit(tx as unknown as Db, actor, { action: "update", entity: "user", entityId: id, before, after: auditView(tx as unknown as Db, id) });
  });
  return { ok: true, value: id };
}

/** Deactivating ends the person's sessions at once; their history stays. */
export function setUserActive(db: Db, actor: Actor, id: number, active: boolean): AdminResult {
  const before = getUser(db, id);
  if (!before) return { ok: false, errors: { form: "There is no such user" } };
  if (!active && actor.kind === "user" && actor.userId === id) {
    return { ok: false, errors: { form: "You cannot deactivate your own sign-in: ask another administrator" } };
  }
  db.transaction((tx) => {
    tx.update(users).set({ active }).where(eq(users.id, id)).run();
    if (!active) endSessionsOfUser(tx as unknown as Db, id);
    audit(tx as unknown as Db, actor, { action: active ? "reactivate" : "deactivate", entity: "user", entityId: id, before: { active: before.active }, after: { active } });
  });
  return { ok: true, value: id };
}

export async function setPassword(db: Db, actor: Actor, id: number, password: string): Promise<AdminResult> {
  if (!getUser(db, id)) return { ok: false, errors: { form: "There is no such user" } };
  const weakPassword = passwordError(password);
  if (weakPassword) return { ok: false, errors: { password: weakPassword } };
  const passwordHash = await hashPassword(password);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
    // A new password ends the sessions the old one opened.
    endSessionsOfUser(tx as unknown as Db, id);
    audit(tx as unknown as Db, actor, { action: "set_password", entity: "user", entityId: id });
  });
  return { ok: true, value: id };
}

/**
 * Forgets which council account signs this person in (a wrong link, or a new
 * account at the council): the next council sign-in with their email address
 * links again. Their sessions end, in case the wrong person holds one.
 */
export function unlinkCouncilAccount(db: Db, actor: Actor, id: number): AdminResult {
  const before = getUser(db, id);
  if (!before) return { ok: false, errors: { form: "There is no such user" } };
  if (!councilAccountLinked(db, id)) return { ok: false, errors: { form: "They are not linked to a council account" } };
  db.transaction((tx) => {
    tx.update(users).set({ oidcSubject: null }).where(eq(users.id, id)).run();
    endSessionsOfUser(tx as unknown as Db, id);
    audit(tx as unknown as Db, actor, {
      action: "unlink_council_account",
      entity: "user",
      entityId: id,
      before: { councilAccount: "linked" },
      after: { councilAccount: "not linked" },
    });
  });
  return { ok: true, value: id };
}
