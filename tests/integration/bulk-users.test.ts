/*
 * Loading a CSV of users against a real SQLite file: all or nothing, a dry run
 * stores nothing, each person is audited as the user forms audit them, and a
 * person added from a file cannot sign in with a password until one is set.
 */
import { asc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, teams, users, userTeams, workers } from "../../db/schema";
import { loadUsersCsv } from "~/admin/bulk-users.server";
import { getUser, hasPassword, setPassword } from "~/admin/users.server";
import type { Actor } from "~/audit/audit.server";
import { loadDemoCouncil } from "~/demo/load.server";
import { readEnv } from "~/platform/env.server";
import { signIn } from "~/people/sign-in.server";
import { tempDatabase } from "../helpers/temp-db";

let database: ReturnType<typeof tempDatabase>;
let admin: Actor & { kind: "user" };
let north: { id: number; name: string };
let south: { id: number; name: string; slug: string };
let northWorker: { id: number; name: string };

beforeAll(async () => {
  database = tempDatabase();
  await loadDemoCouncil(database.db, 2026, "2026-11-22");
  const adminRow = database.db.select().from(users).where(eq(users.email, "admin@northbrook.example")).get()!;
  admin = { kind: "user", userId: adminRow.id, email: adminRow.email };
  north = database.db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
  south = database.db.select().from(teams).where(eq(teams.slug, "south-locality")).get()!;
  northWorker = database.db.select().from(workers).where(eq(workers.teamId, north.id)).orderBy(asc(workers.id)).all()[5]!;
});
afterAll(() => database.remove());

const countUsers = () => database.db.select().from(users).all().length;
const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;
const auditSince = (id: number) => database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id)).all();
const byEmail = (email: string) => database.db.select().from(users).where(eq(users.email, email)).get();

const goodFile = () =>
  "Name,Email,Role,Teams,Worker\r\n" +
  `${northWorker.name},bulk.practitioner@northbrook.example,Practitioner,${north.name},${northWorker.name}\r\n` +
  `Bulk Manager,bulk.manager@northbrook.example,Team manager,${north.name}; ${south.slug},\r\n` +
  "Bulk Head,bulk.head@northbrook.example,Head of service,,\r\n";

describe("loading a CSV of users", () => {
  it("stores nothing when one row has a problem", () => {
    const users = countUsers();
    const since = lastAuditId();
    const result = loadUsersCsv(database.db, admin, "people.csv", `${goodFile()}Nobody,not-an-email,Practitioner,,\r\n`, { dryRun: false });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ row: 5, column: "Email", value: "not-an-email", message: expect.stringMatching(/correct format/) }]);
    expect(countUsers()).toBe(users);
    expect(auditSince(since)).toEqual([]);
  });

  it("stores nothing on a dry run, and says what would change", () => {
    const users = countUsers();
    const since = lastAuditId();
    const result = loadUsersCsv(database.db, admin, "people.csv", goodFile(), { dryRun: true });
    expect(result).toEqual({ ok: true, summary: { added: 3, updated: 0, unchanged: 0, dryRun: true }, notes: [] });
    expect(countUsers()).toBe(users);
    expect(auditSince(since)).toEqual([]);
  });

  it("adds everyone with their teams and worker, each audited as the form audits them, and the load once more", () => {
    const users = countUsers();
    const since = lastAuditId();
    const result = loadUsersCsv(database.db, admin, "people.csv", goodFile(), { dryRun: false });
    expect(result).toEqual({ ok: true, summary: { added: 3, updated: 0, unchanged: 0, dryRun: false }, notes: [] });
    expect(countUsers()).toBe(users + 3);

    const practitioner = byEmail("bulk.practitioner@northbrook.example")!;
    expect(practitioner).toMatchObject({ name: northWorker.name, role: "practitioner", workerId: northWorker.id, active: true });
    const manager = byEmail("bulk.manager@northbrook.example")!;
    expect(manager).toMatchObject({ role: "team_manager", workerId: null });
    expect(
      database.db
        .select({ teamId: userTeams.teamId })
        .from(userTeams)
        .where(eq(userTeams.userId, manager.id))
        .all()
        .map((r) => r.teamId)
        .sort(),
    ).toEqual([north.id, south.id].sort());
    expect(byEmail("bulk.head@northbrook.example")).toMatchObject({ role: "head_of_service", workerId: null });

    const entries = auditSince(since);
    expect(entries.map((e) => [e.action, e.entity, e.entityId, e.actor])).toEqual([
      ["create", "user", String(practitioner.id), admin.email],
      ["create", "user", String(manager.id), admin.email],
      ["create", "user", String(byEmail("bulk.head@northbrook.example")!.id), admin.email],
      ["load_csv", "user", null, admin.email],
    ]);
    expect(JSON.parse(entries[1]!.after!)).toEqual(getUser(database.db, manager.id));
    expect(JSON.parse(entries[3]!.after!)).toEqual({ fileName: "people.csv", added: 3, updated: 0, unchanged: 0 });
    // No password, nor its hash, reaches the trail.
    expect(entries.every((e) => !/password/i.test(`${e.before}${e.after}`))).toBe(true);
  });

  it("changes a stored user whose email is in the file, and leaves the same as they are", () => {
    const manager = byEmail("bulk.manager@northbrook.example")!;
    const since = lastAuditId();
    const file =
      "email,name,role,team\n" +
      "BULK.MANAGER@northbrook.example,Bulk Manager Renamed,Team manager,South Locality\n" +
      "bulk.head@northbrook.example,Bulk Head,head of service,\n" +
      "bulk.new@northbrook.example,Bulk New,Administrator,\n";
    const result = loadUsersCsv(database.db, admin, "changes.csv", file, { dryRun: false });
    expect(result).toEqual({ ok: true, summary: { added: 1, updated: 1, unchanged: 1, dryRun: false }, notes: [] });
    expect(getUser(database.db, manager.id)).toMatchObject({ name: "Bulk Manager Renamed", role: "team_manager", teamIds: [south.id], active: true });
    // Their password stays as it was.
    expect(byEmail("bulk.manager@northbrook.example")!.passwordHash).toBe(manager.passwordHash);
    const entries = auditSince(since);
    expect(entries.map((e) => [e.action, e.entityId])).toEqual([
      ["update", String(manager.id)],
      ["create", String(byEmail("bulk.new@northbrook.example")!.id)],
      ["load_csv", null],
    ]);
    expect(JSON.parse(entries[0]!.before!)).toMatchObject({ name: "Bulk Manager", teamIds: expect.arrayContaining([north.id, south.id]) });
  });

  it("gives a person added from a file no password: sign-in refuses them cleanly until an administrator sets one", async () => {
    const env = readEnv({});
    const head = byEmail("bulk.head@northbrook.example")!;
    expect(hasPassword(database.db, head.id)).toBe(false);
    expect(hasPassword(database.db, admin.userId)).toBe(true);
    for (const password of ["", "password", head.passwordHash]) {
      await expect(signIn(database.db, env, { email: head.email, password, address: "192.0.2.7" })).resolves.toEqual({ ok: false, reason: "not_recognised" });
    }
    expect(await setPassword(database.db, admin, head.id, "a-long-enough-password")).toEqual({ ok: true, value: head.id });
    expect(hasPassword(database.db, head.id)).toBe(true);
    await expect(signIn(database.db, env, { email: head.email, password: "a-long-enough-password", address: "192.0.2.7" })).resolves.toMatchObject({ ok: true });
  });
});
