import { asc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions, teams, users, userTeams, workers, workTypes } from "../../db/schema";
import { AUDIT_PAGE_SIZE, readAuditTrail } from "~/admin/audit.server";
import { auditFilter, newUserForm, teamForm, userFields, workTypeForm } from "~/admin/forms";
import { fieldErrorsOf } from "~/forms/form-kit";
import { createTeam, updateTeam } from "~/admin/teams.server";
import { createUser, getUser, listUsers, setPassword, setUserActive, updateUser } from "~/admin/users.server";
import { updateTimescale } from "~/admin/work-types.server";
import { auditChanges, type AuditRecord } from "~/audit/audit-records";
import { audit, type Actor } from "~/audit/audit.server";
import { loadDemoCouncil } from "~/demo/load.server";
import { readEnv } from "~/platform/env.server";
import { startSession } from "~/people/sessions.server";
import { signIn } from "~/people/sign-in.server";
import { loadSignedInUser } from "~/people/users.server";
import { tempDatabase } from "../helpers/temp-db";

let database: ReturnType<typeof tempDatabase>;
let admin: Actor & { kind: "user" };
let northId: number;
let workerId: number;

beforeAll(async () => {
  database = tempDatabase();
  await loadDemoCouncil(database.db, 2026, "2026-11-22");
  const adminRow = database.db.select().from(users).where(eq(users.email, "admin@northbrook.example")).get()!;
  admin = { kind: "user", userId: adminRow.id, email: adminRow.email };
  northId = database.db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!.id;
  workerId = database.db.select().from(workers).where(eq(workers.teamId, northId)).all()[3]!.id;
});
afterAll(() => database.remove());

const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;

/** Makes a change and returns it with the audit rows it wrote. */
async function withAudit<T>(change: () => T | Promise<T>) {
  const since = lastAuditId();
  const result = await change();
  return { result, rows: database.db.select().from(auditLog).where(gt(auditLog.id, since)).orderBy(asc(auditLog.id)).all() };
}

const userCount = () => database.db.select().from(users).all().length;
const sessionsOf = (userId: number) => database.db.select().from(sessions).where(eq(sessions.userId, userId)).all();
const passwordHashOf = (userId: number) => database.db.select().from(users).where(eq(users.id, userId)).get()!.passwordHash;

/** Fails every audit write, to show a change cannot land without its record. */
function withAuditBroken(change: () => unknown) {
  database.sqlite.exec("CREATE TEMP TRIGGER audit_unavailable BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;");
  try {
    return change();
  } finally {
    database.sqlite.exec("DROP TRIGGER temp.audit_unavailable");
  }
}

describe("users", () => {
  let userId: number;

  it("are created with their worker and teams, in one audit row that leaves the password out", async () => {
    const { result, rows } = await withAudit(() =>
      createUser(database.db, admin, {
        email: " New.Manager@Northbrook.example ",
        name: "New Manager",
        role: "team_manager",
        workerId,
        teamIds: [northId],
        password: "a-long-first-password",
      }),
    );
    expect(result.ok).toBe(true);
    userId = (result as { value: number }).value;
    expect(getUser(database.db, userId)).toMatchObject({ email: "new.manager@northbrook.example", role: "team_manager", workerId, teamIds: [northId], active: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "create", entity: "user", entityId: String(userId), actor: "admin@northbrook.example", actorUserId: admin.userId, before: null });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ email: "new.manager@northbrook.example", role: "team_manager", teamIds: [northId] });
    expect(rows[0]!.after).not.toMatch(/passwordHash|scrypt|a-long-first-password/);
    await expect(signIn(database.db, readEnv({}), { email: "new.manager@northbrook.example", password: "a-long-first-password", address: "192.0.2.1" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("are listed with their role, worker, managed teams and status", () => {
    expect(listUsers(database.db).find((u) => u.id === userId)).toMatchObject({ role: "team_manager", managedTeams: ["North Locality"], active: true, team: "North Locality" });
  });

  it("refuse an email already in use, whatever its case, storing nothing", async () => {
    const usersBefore = userCount();
    const { result, rows } = await withAudit(() =>
      createUser(database.db, admin, { email: "NEW.MANAGER@northbrook.example", name: "Twin", role: "head_of_service", teamIds: [], password: "another-long-password" }),
    );
    expect(result).toEqual({ ok: false, errors: { email: "Someone already signs in with this email address" } });
    expect(rows).toEqual([]);
    expect(userCount()).toBe(usersBefore);
  });

  it("roll back when the email is taken while the password is hashed: no user, no teams, no audit row", async () => {
    const pending = createUser(database.db, admin, {
      email: "race@northbrook.example",
      name: "Racer",
      role: "team_manager",
      workerId,
      teamIds: [northId],
      password: "a-long-enough-password",
    });
    // Another request gets in between the check and the insert.
    database.db.insert(users).values({ email: "race@northbrook.example", name: "First", role: "head_of_service", passwordHash: "x", createdAt: new Date().toISOString() }).run();
    const usersBefore = userCount();
    const managers = database.db.select().from(userTeams).all().length;
    const since = lastAuditId();
    await expect(pending).resolves.toEqual({ ok: false, errors: { email: "Someone already signs in with this email address" } });
    expect(userCount()).toBe(usersBefore);
    expect(database.db.select().from(userTeams).all()).toHaveLength(managers);
    expect(lastAuditId()).toBe(since);
  });

  it("are not changed when the audit row cannot be written", () => {
    const before = getUser(database.db, userId);
    expect(() => withAuditBroken(() => updateUser(database.db, admin, userId, { name: "Renamed", role: "head_of_service", teamIds: [] }))).toThrow(/audit unavailable/);
    expect(getUser(database.db, userId)).toEqual(before);
  });

  it("change name, role and teams, in one audit row with before and after", async () => {
    const { result, rows } = await withAudit(() => updateUser(database.db, admin, userId, { name: "New Head", role: "head_of_service", workerId, teamIds: [northId] }));
    expect(result.ok).toBe(true);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "update", entity: "user", entityId: String(userId) });
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ name: "New Manager", role: "team_manager", teamIds: [northId] });
    // Only team managers manage teams: the ticked boxes of another role are dropped.
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ name: "New Head", role: "head_of_service", teamIds: [] });
    expect(`${rows[0]!.before}${rows[0]!.after}`).not.toMatch(/passwordHash|scrypt/);
  });

  it("refuse a practitioner without a worker, a manager without a team, and unknown workers or teams, storing nothing", async () => {
    const before = getUser(database.db, userId);
    const { result, rows } = await withAudit(() => [
      updateUser(database.db, admin, userId, { name: "X", role: "practitioner", teamIds: [] }),
      updateUser(database.db, admin, userId, { name: "X", role: "team_manager", teamIds: [] }),
      updateUser(database.db, admin, userId, { name: "X", role: "team_manager", teamIds: [999999] }),
      updateUser(database.db, admin, userId, { name: "X", role: "practitioner", workerId: 999999, teamIds: [] }),
    ]);
    expect(result).toEqual([
      { ok: false, errors: { workerId: expect.stringMatching(/linked to their worker record/) } },
      { ok: false, errors: { teamIds: "Choose the team or teams this manager manages" } },
      { ok: false, errors: { teamIds: "Choose teams from the list" } },
      { ok: false, errors: { workerId: "Choose a worker from the list" } },
    ]);
    expect(rows).toEqual([]);
    expect(getUser(database.db, userId)).toEqual(before);
    const created = await createUser(database.db, admin, {
      email: "ghost@northbrook.example",
      name: "Ghost",
      role: "practitioner",
      workerId: 999999,
      teamIds: [],
      password: "a-long-enough-password",
    });
    expect(created).toEqual({ ok: false, errors: { workerId: "Choose a worker from the list" } });
    expect(database.db.select().from(users).where(eq(users.email, "ghost@northbrook.example")).get()).toBeUndefined();
  });

  it("are deactivated, which ends their sessions at once, and reactivated, each in one audit row; never deleted", async () => {
    await startSession(database.db, readEnv({}), userId);
    expect(sessionsOf(userId).length).toBeGreaterThan(0);
    const off = await withAudit(() => setUserActive(database.db, admin, userId, false));
    expect(off.result.ok).toBe(true);
    expect(off.rows).toHaveLength(1);
    expect(off.rows[0]).toMatchObject({ action: "deactivate", before: JSON.stringify({ active: true }), after: JSON.stringify({ active: false }) });
    expect(sessionsOf(userId)).toEqual([]);
    await expect(signIn(database.db, readEnv({}), { email: "new.manager@northbrook.example", password: "a-long-first-password", address: "192.0.2.2" })).resolves.toMatchObject({
      ok: false,
    });
    expect(getUser(database.db, userId)?.active).toBe(false);

    const on = await withAudit(() => setUserActive(database.db, admin, userId, true));
    expect(on.rows).toHaveLength(1);
    expect(on.rows[0]).toMatchObject({ action: "reactivate", before: JSON.stringify({ active: false }), after: JSON.stringify({ active: true }) });
    expect(getUser(database.db, userId)?.active).toBe(true);
  });

  it("get a new password, which ends their sessions, in one audit row without the password", async () => {
    await startSession(database.db, readEnv({}), userId);
    const oldHash = passwordHashOf(userId);
    const { result, rows } = await withAudit(() => setPassword(database.db, admin, userId, "a-brand-new-password"));
    expect(result.ok).toBe(true);
    expect(passwordHashOf(userId)).not.toBe(oldHash);
    expect(sessionsOf(userId)).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "set_password", entity: "user", entityId: String(userId), before: null, after: null });
  });

  it("refuse a short password, changing nothing", async () => {
    const oldHash = passwordHashOf(userId);
    const { result, rows } = await withAudit(() => setPassword(database.db, admin, userId, "too-short"));
    expect(result).toEqual({ ok: false, errors: { password: "Password must be at least 12 characters" } });
    expect(rows).toEqual([]);
    expect(passwordHashOf(userId)).toBe(oldHash);
  });

  it("cannot be the administrator deactivating or demoting themself", async () => {
    const { result, rows } = await withAudit(() => [
      setUserActive(database.db, admin, admin.userId, false),
      updateUser(database.db, admin, admin.userId, { name: "Admin", role: "practitioner", workerId, teamIds: [] }),
    ]);
    expect(result[0]).toEqual({ ok: false, errors: { form: expect.stringMatching(/cannot deactivate your own sign-in/) } });
    expect(result[1]).toMatchObject({ ok: false, errors: { role: expect.stringMatching(/your own administrator role/) } });
    expect(rows).toEqual([]);
    expect(getUser(database.db, admin.userId)).toMatchObject({ role: "admin", active: true });
  });
});

describe("form rules", () => {
  const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrorsOf>[0] }) => fieldErrorsOf(result.error!);

  it("explain empty and oversized fields", () => {
    expect(errorsOf(newUserForm.safeParse({ email: "  ", name: "  ", role: "practitioner", password: "" }))).toMatchObject({
      email: "Enter an email address",
      name: "Enter a name",
      password: "Password must be at least 12 characters",
    });
    expect(errorsOf(newUserForm.safeParse({ email: `${"a".repeat(300)}@x.example`, name: "n".repeat(201), role: "practitioner", password: "p".repeat(201) }))).toMatchObject({
      email: expect.stringMatching(/254 characters/),
      name: expect.stringMatching(/200 characters/),
      password: expect.stringMatching(/200 characters/),
    });
    expect(errorsOf(teamForm.safeParse({ name: "", type: "locality" }))).toEqual({ name: "Enter a name" });
  });

  it("trim what is typed, and lower-case email addresses", () => {
    expect(newUserForm.parse({ email: " Robin@Northbrook.Example ", name: "  Robin  ", role: "admin", password: "p".repeat(12) })).toMatchObject({
      email: "robin@northbrook.example",
      name: "Robin",
      teamIds: [],
    });
  });

  it("turn forged and wrongly typed values into field errors, not crashes", () => {
    expect(errorsOf(newUserForm.safeParse({ email: "x@y.example", name: "X", role: "superuser", password: "p".repeat(12) }))).toEqual({ role: "Choose a role from the list" });
    expect(errorsOf(userFields.safeParse({ name: ["X", "Y"], role: "team_manager", workerId: "abc", teamIds: ["1", "north"] }))).toEqual({
      name: expect.any(String),
      workerId: "Choose a worker from the list",
      teamIds: "Choose teams from the list",
    });
    expect(errorsOf(newUserForm.safeParse({ email: "not-an-email", name: "X", role: "admin", password: "p".repeat(12) }))).toEqual({
      email: expect.stringMatching(/correct format/),
    });
    expect(errorsOf(teamForm.safeParse({ name: "T", type: "spaceship" }))).toEqual({ type: "Choose a team type from the list" });
  });

  it("accept a timescale only as a whole number of days from 1 to 365, in days or working days", () => {
    const timescale = (value: string, unit = "days") => workTypeForm.safeParse({ workTypeId: "1", timescale: value, timescaleUnit: unit });
    for (const bad of ["", "two weeks", "1.5", "0", "366"]) expect(errorsOf(timescale(bad)), bad).toEqual({ timescale: expect.any(String) });
    expect(errorsOf(timescale(""))).toEqual({ timescale: "Enter the timescale as a whole number of days, from 1 to 365" });
    expect(errorsOf(timescale("10", "fortnights"))).toEqual({ timescaleUnit: "Choose calendar days or working days" });
    expect(timescale("365", "working_days").data).toEqual({ workTypeId: 1, timescale: 365, timescaleUnit: "working_days" });
  });

  it("read the audit filter from the address, refusing what makes no sense", () => {
    expect(auditFilter.parse({ actor: "system", entity: "", from: "2026-01-01", to: "" })).toEqual({ actor: "system", from: "2026-01-01", page: 1 });
    expect(auditFilter.parse({ actor: "12", page: "3" })).toEqual({ actor: 12, page: 3 });
    const firstMessage = (query: Record<string, unknown>) => auditFilter.safeParse(query).error?.issues[0]?.message;
    expect(firstMessage({ from: "2026-02-30" })).toBe("The from date must be a real date");
    expect(firstMessage({ from: { day: "12", month: "", year: "2026" } })).toBe("The from date must include a month");
    expect(firstMessage({ from: "2026-03-02", to: "2026-03-01" })).toBe("The from date must be on or before the to date");
    expect(firstMessage({ page: "0" })).toMatch(/page in the address/);
    expect(firstMessage({ actor: "somebody" })).toBe("Choose a person from the list");
  });
});

describe("teams", () => {
  let teamId: number;

  it("are created with a slug from the name, in one audit row", async () => {
    const { result, rows } = await withAudit(() => createTeam(database.db, admin, { name: "West Locality", type: "locality" }));
    expect(result.ok).toBe(true);
    teamId = (result as { value: number }).value;
    expect(database.db.select().from(teams).where(eq(teams.id, teamId)).get()).toMatchObject({ name: "West Locality", slug: "west-locality", type: "locality" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "create", entity: "team", entityId: String(teamId), before: null });
  });

  it("get a slug of their own when another team's slug would clash", () => {
    const created = createTeam(database.db, admin, { name: "North-Locality", type: "reviewing" });
    expect(created.ok).toBe(true);
    expect(
      database.db
        .select()
        .from(teams)
        .where(eq(teams.id, (created as { value: number }).value))
        .get()!.slug,
    ).toBe("north-locality-2");
  });

  it("are renamed and retyped keeping their slug, in one audit row with before and after", async () => {
    const { result, rows } = await withAudit(() => updateTeam(database.db, admin, teamId, { name: "Western Reviews", type: "reviewing" }));
    expect(result.ok).toBe(true);
    expect(database.db.select().from(teams).where(eq(teams.id, teamId)).get()).toMatchObject({ name: "Western Reviews", slug: "west-locality", type: "reviewing" });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ name: "West Locality", type: "locality" });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ name: "Western Reviews", type: "reviewing" });
  });

  it("refuse a name another team has, whatever its case, storing nothing", async () => {
    const { result, rows } = await withAudit(() => [
      createTeam(database.db, admin, { name: "north locality", type: "locality" }),
      updateTeam(database.db, admin, teamId, { name: "NORTH LOCALITY", type: "locality" }),
    ]);
    expect(result).toEqual([
      { ok: false, errors: { name: "There is already a team with this name" } },
      { ok: false, errors: { name: "There is already a team with this name" } },
    ]);
    expect(rows).toEqual([]);
  });

  it("are not created when the audit row cannot be written", () => {
    expect(() => withAuditBroken(() => createTeam(database.db, admin, { name: "Phantom Team", type: "locality" }))).toThrow(/audit unavailable/);
    expect(database.db.select().from(teams).where(eq(teams.name, "Phantom Team")).get()).toBeUndefined();
  });
});

describe("work types", () => {
  it("have their timescale changed in one audit row with before and after", async () => {
    const before = database.db.select().from(workTypes).where(eq(workTypes.id, 1)).get()!;
    const { result, rows } = await withAudit(() => updateTimescale(database.db, admin, { workTypeId: 1, timescale: 10, timescaleUnit: "working_days" }));
    expect(result.ok).toBe(true);
    expect(database.db.select().from(workTypes).where(eq(workTypes.id, 1)).get()).toMatchObject({ timescale: 10, timescaleUnit: "working_days" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "update",
      entity: "work_type",
      entityId: "1",
      before: JSON.stringify({ timescale: before.timescale, timescaleUnit: before.timescaleUnit }),
      after: JSON.stringify({ timescale: 10, timescaleUnit: "working_days" }),
    });
  });

  it("refuse an unknown work type", async () => {
    const { result, rows } = await withAudit(() => updateTimescale(database.db, admin, { workTypeId: 999999, timescale: 10, timescaleUnit: "days" }));
    expect(result).toEqual({ ok: false, errors: { workTypeId: "Choose a work type from the list" } });
    expect(rows).toEqual([]);
  });
});

describe("the audit trail", () => {
  let reader: NonNullable<ReturnType<typeof loadSignedInUser>>;
  // Kinds of record no code writes: as an old entry's would be.
  const [datedThing, pagedThing] = ["dated_thing", "paged_thing"] as string[] as AuditRecord[];
  beforeAll(() => {
    reader = loadSignedInUser(database.db, admin.userId)!;
    // Entries at known times, on either side of the March 2030 boundaries.
    for (const at of ["2030-02-28T23:59:59.999Z", "2030-03-01T00:00:00.000Z", "2030-03-31T23:59:59.999Z", "2030-04-01T00:00:00.000Z"]) {
      audit(database.db, admin, { action: "update", entity: datedThing!, entityId: at, before: { n: 1 }, after: { n: 2 } }, new Date(at));
    }
    for (let n = 0; n < AUDIT_PAGE_SIZE + 10; n += 1) audit(database.db, { kind: "system" }, { action: "create", entity: pagedThing!, entityId: n });
    audit(database.db, { kind: "token", tokenId: 7, name: "Mosaic nightly" }, { action: "start_load", entity: "integration_token", entityId: 7 });
  });

  it("filters by person, including the system", () => {
    const byAdmin = readAuditTrail(database.db, { actor: admin.userId, page: 1 }, reader);
    expect(byAdmin.total).toBeGreaterThan(10);
    expect(byAdmin.entries.every((e) => e.actorUserId === admin.userId && e.who === reader.name)).toBe(true);
    const bySystem = readAuditTrail(database.db, { actor: "system", page: 1 }, reader);
    expect(bySystem.total).toBeGreaterThan(AUDIT_PAGE_SIZE);
    expect(bySystem.entries.every((e) => e.who === "Primed" && e.actorUserId === null)).toBe(true);
    // An integration token is named as itself, and is not Primed.
    const byToken = readAuditTrail(database.db, { entity: "integration_token", page: 1 }, reader).entries.filter((e) => e.action === "start_load");
    expect(byToken.map((e) => [e.who, e.actorUserId])).toEqual([["Integration token “Mosaic nightly”", null]]);
    expect(readAuditTrail(database.db, { actor: "system", entity: "integration_token", page: 1 }, reader).total).toBe(0);
  });

  it("filters by kind of record and by dates, both ends inclusive, newest first, with what changed", () => {
    const march = readAuditTrail(database.db, { entity: "dated_thing", from: "2030-03-01", to: "2030-03-31", page: 1 }, reader);
    expect(march.entries.map((e) => e.entityId)).toEqual(["2030-03-31T23:59:59.999Z", "2030-03-01T00:00:00.000Z"]);
    expect(march.entries[0]!.changes).toEqual([{ field: "n", from: "1", to: "2" }]);
    expect(readAuditTrail(database.db, { entity: "dated_thing", from: "2030-03-31", page: 1 }, reader).total).toBe(2);
    expect(readAuditTrail(database.db, { entity: "dated_thing", to: "2030-02-28", page: 1 }, reader).total).toBe(1);
    expect(readAuditTrail(database.db, { entity: "team", page: 1 }, reader).entries.every((e) => e.entity === "team")).toBe(true);
  });

  it("comes in pages of fifty", () => {
    const first = readAuditTrail(database.db, { entity: "paged_thing", page: 1 }, reader);
    const second = readAuditTrail(database.db, { entity: "paged_thing", page: 2 }, reader);
    expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 10, pages: 2 });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(second.entries).toHaveLength(10);
    expect(second.entries.at(-1)!.entityId).toBe("0");
  });

  it("shows what changed, field by field", () => {
    expect(auditChanges("user", { name: "A", role: "admin" }, { name: "B", role: "admin" }, reader)).toEqual([{ field: "name", from: '"A"', to: '"B"' }]);
    expect(auditChanges("user", null, { active: true }, reader)).toEqual([{ field: "active", from: "–", to: "true" }]);
    // A setting is one value.
    expect(auditChanges("setting", 14, 21, reader)).toEqual([{ field: "value", from: "14", to: "21" }]);
  });

  it("cannot be changed or deleted", () => {
    expect(() => database.sqlite.prepare("update audit_log set actor = 'someone else'").run()).toThrow(/the audit trail is append-only/);
    expect(() => database.sqlite.prepare("delete from audit_log").run()).toThrow(/the audit trail is append-only/);
  });
});
