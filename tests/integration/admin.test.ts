import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions, teams, users, workers } from "../../db/schema";
import { readAuditTrail } from "~/admin/audit.server";
import { fieldErrorsOf, newUserForm, teamForm, workTypeForm } from "~/admin/forms";
import { createTeam, updateTeam } from "~/admin/teams.server";
import { createUser, getUser, setPassword, setUserActive, updateUser } from "~/admin/users.server";
import { updateTimescale } from "~/admin/work-types.server";
import type { Actor } from "~/audit.server";
import { loadDemoCouncil } from "~/demo/load.server";
import { readEnv } from "~/env.server";
import { startSession } from "~/people/sessions.server";
import { signIn } from "~/people/sign-in.server";
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

const auditCount = () => database.db.select().from(auditLog).all().length;
const lastAudit = () => database.db.select().from(auditLog).all().at(-1)!;

describe("users", () => {
  let userId: number;

  it("are created with their worker and teams, and the creation is audited without the password", async () => {
    const before = auditCount();
    const result = await createUser(database.db, admin, { email: "new.manager@northbrook.example", name: "New Manager", role: "team_manager", workerId, teamIds: [northId], password: "a-long-first-password" });
    expect(result.ok).toBe(true);
    userId = (result as { value: number }).value;
    expect(getUser(database.db, userId)).toMatchObject({ role: "team_manager", workerId, teamIds: [northId], active: true });
    expect(auditCount()).toBe(before + 1);
    const entry = lastAudit();
    expect(entry).toMatchObject({ action: "create", entity: "user", entityId: String(userId), actor: "admin@northbrook.example" });
    expect(entry.after).not.toMatch(/password|scrypt/i);
    await expect(signIn(database.db, readEnv({}), { email: "new.manager@northbrook.example", password: "a-long-first-password", address: "192.0.2.1" })).resolves.toMatchObject({ ok: true });
  });

  it("refuse a second user with the same email, changing nothing", async () => {
    const before = auditCount();
    const result = await createUser(database.db, admin, { email: "new.manager@northbrook.example", name: "Twin", role: "head_of_service", teamIds: [], password: "another-long-password" });
    expect(result).toEqual({ ok: false, errors: { email: "Someone already signs in with this email address" } });
    expect(auditCount()).toBe(before);
  });

  it("change role and teams, audited with before and after", () => {
    const result = updateUser(database.db, admin, userId, { name: "New Manager", role: "head_of_service", workerId, teamIds: [] });
    expect(result.ok).toBe(true);
    const entry = lastAudit();
    expect(JSON.parse(entry.before!)).toMatchObject({ role: "team_manager", teamIds: [northId] });
    expect(JSON.parse(entry.after!)).toMatchObject({ role: "head_of_service", teamIds: [] });
  });

  it("must be linked to a worker as practitioners, and manage a team as managers", () => {
    expect(updateUser(database.db, admin, userId, { name: "X", role: "practitioner", teamIds: [] })).toMatchObject({ ok: false, errors: { workerId: expect.stringMatching(/linked to their worker/) } });
    expect(updateUser(database.db, admin, userId, { name: "X", role: "team_manager", teamIds: [] })).toMatchObject({ ok: false, errors: { teamIds: expect.any(String) } });
    expect(updateUser(database.db, admin, userId, { name: "X", role: "team_manager", teamIds: [999999] })).toMatchObject({ ok: false, errors: { teamIds: "Choose teams from the list" } });
  });

  it("are deactivated (their sessions end at once) and reactivated, never deleted", async () => {
    await startSession(database.db, readEnv({}), userId);
    expect(database.db.select().from(sessions).where(eq(sessions.userId, userId)).all().length).toBeGreaterThan(0);
    expect(setUserActive(database.db, admin, userId, false).ok).toBe(true);
    expect(database.db.select().from(sessions).where(eq(sessions.userId, userId)).all()).toEqual([]);
    await expect(signIn(database.db, readEnv({}), { email: "new.manager@northbrook.example", password: "a-long-first-password", address: "192.0.2.2" })).resolves.toMatchObject({ ok: false });
    expect(setUserActive(database.db, admin, userId, true).ok).toBe(true);
    expect(getUser(database.db, userId)?.active).toBe(true);
  });

  it("get a new password, which ends their sessions and is audited without the password", async () => {
    await startSession(database.db, readEnv({}), userId);
    expect((await setPassword(database.db, admin, userId, "a-brand-new-password")).ok).toBe(true);
    expect(database.db.select().from(sessions).where(eq(sessions.userId, userId)).all()).toEqual([]);
    expect(lastAudit()).toMatchObject({ action: "set_password", before: null, after: null });
  });

  it("cannot be the administrator deactivating or demoting themself", () => {
    expect(setUserActive(database.db, admin, admin.userId, false)).toMatchObject({ ok: false });
    expect(updateUser(database.db, admin, admin.userId, { name: "Admin", role: "practitioner", workerId, teamIds: [] })).toMatchObject({ ok: false, errors: { role: expect.stringMatching(/your own administrator role/) } });
  });
});

describe("form rules", () => {
  it("explain empty, oversized, malformed and forged fields", () => {
    const empty = newUserForm.safeParse({ email: "", name: "", role: "practitioner", password: "" });
    expect(empty.success).toBe(false);
    expect(fieldErrorsOf(empty.error!)).toMatchObject({ email: "Enter an email address", name: "Enter a name", password: "Password must be at least 12 characters" });
    const huge = newUserForm.safeParse({ email: `${"a".repeat(300)}@x.example`, name: "n".repeat(201), role: "practitioner", password: "p".repeat(12) });
    expect(fieldErrorsOf(huge.error!)).toMatchObject({ email: expect.stringMatching(/254 characters/), name: expect.stringMatching(/200 characters/) });
    const forged = newUserForm.safeParse({ email: "x@y.example", name: "X", role: "superuser", password: "p".repeat(12) });
    expect(fieldErrorsOf(forged.error!)).toEqual({ role: "Choose a role from the list" });
    expect(fieldErrorsOf(teamForm.safeParse({ name: "T", type: "spaceship" }).error!)).toEqual({ type: "Choose a team type from the list" });
    expect(fieldErrorsOf(workTypeForm.safeParse({ workTypeId: "1", timescale: "two weeks", timescaleUnit: "days" }).error!)).toMatchObject({ timescale: expect.stringMatching(/whole number/) });
    expect(fieldErrorsOf(workTypeForm.safeParse({ workTypeId: "1", timescale: "0", timescaleUnit: "fortnights" }).error!)).toMatchObject({ timescale: expect.any(String), timescaleUnit: expect.any(String) });
  });
});

describe("teams and work types", () => {
  it("create a team with a unique slug, rename it keeping the slug, and refuse a duplicate name", () => {
    const created = createTeam(database.db, admin, { name: "North Locality Two", type: "locality" });
    expect(created.ok).toBe(true);
    const id = (created as { value: number }).value;
    expect(database.db.select().from(teams).where(eq(teams.id, id)).get()!.slug).toBe("north-locality-two");
    expect(updateTeam(database.db, admin, id, { name: "Northern Reviews", type: "reviewing" }).ok).toBe(true);
    expect(database.db.select().from(teams).where(eq(teams.id, id)).get()).toMatchObject({ name: "Northern Reviews", slug: "north-locality-two", type: "reviewing" });
    expect(createTeam(database.db, admin, { name: "north locality", type: "locality" })).toEqual({ ok: false, errors: { name: "There is already a team with this name" } });
  });

  it("change a timescale, audited", () => {
    expect(updateTimescale(database.db, admin, { workTypeId: 1, timescale: 10, timescaleUnit: "working_days" }).ok).toBe(true);
    expect(lastAudit()).toMatchObject({ entity: "work_type", before: JSON.stringify({ timescale: 7, timescaleUnit: "days" }), after: JSON.stringify({ timescale: 10, timescaleUnit: "working_days" }) });
  });
});

describe("the audit trail", () => {
  it("filters by person, record and date", () => {
    const byAdmin = readAuditTrail(database.db, { actor: admin.userId, page: 1 });
    expect(byAdmin.total).toBeGreaterThan(5);
    expect(byAdmin.entries.every((e) => e.actor === "admin@northbrook.example")).toBe(true);
    expect(readAuditTrail(database.db, { actor: "system", page: 1 }).entries.every((e) => e.actor === "system")).toBe(true);
    expect(readAuditTrail(database.db, { entity: "team", page: 1 }).entries.every((e) => e.entity === "team")).toBe(true);
    expect(readAuditTrail(database.db, { from: "2001-01-01", to: "2001-12-31", page: 1 }).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(readAuditTrail(database.db, { from: today, to: today, page: 1 }).total).toBe(readAuditTrail(database.db, { page: 1 }).total);
  });

  it("cannot be changed or deleted", () => {
    expect(() => database.sqlite.prepare("update audit_log set actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => database.sqlite.prepare("delete from audit_log").run()).toThrow(/append-only/);
  });
});
