/*
 * Every worker in a team can own an action (issue 20, item 2): the owner list
 * is the team's people as the meeting's attendance list shows them; giving an
 * action to someone with no Primed account makes theirs, once, from their
 * worker record and the email their manager gives; they then see and update it.
 */
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, auditLog, users, workers } from "../../db/schema";
import { actionFields, type ActionFields } from "~/actions/action-forms";
import { ownerChoices } from "~/actions/choices.server";
import { createAction, editAction, recordProgress } from "~/actions/commands.server";
import { listActions } from "~/actions/queries.server";
import { actionRights } from "~/actions/rights";
import { teamMembers } from "~/meetings/meetings.server";
import { UNUSABLE_HASH } from "~/people/passwords.server";
import { loadSignedInUser, type SignedInUser } from "~/people/users.server";
import { findTeamBySlug, type Team } from "~/teams/teams.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";

const TODAY = "2026-11-22";
let database: ReturnType<typeof tempDatabase>;
let north: Team;
let manager: SignedInUser;

const signedIn = (id: number) => loadSignedInUser(database.db, id)!;
const userByEmail = (email: string) => database.db.select().from(users).where(eq(users.email, email)).get();
const lastAuditId = () => database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)?.id ?? 0;

/** North Locality's workers with no Primed account, by name. */
const withoutAccounts = () =>
  database.db
    .select({ id: workers.id, name: workers.name })
    .from(workers)
    .leftJoin(users, eq(users.workerId, workers.id))
    .where(and(eq(workers.teamId, north.id), eq(workers.active, true), isNull(users.id)))
    .orderBy(asc(workers.name))
    .all();

const fields = (overrides: Partial<ActionFields>): ActionFields => ({
  title: "Book the carers' assessments",
  detail: "",
  owner: 0,
  deadline: "2026-12-18",
  objective: undefined,
  measure: undefined,
  ...overrides,
});

beforeAll(async () => {
  database = await demoCouncilDatabase(TODAY);
  north = findTeamBySlug(database.db, "north-locality")!;
  manager = signedIn(userByEmail("manager@northbrook.example")!.id);
});
afterAll(() => database?.remove());

describe("the owner list", () => {
  it("is the attendance list's people, with or without an account, then the managers and heads of service", () => {
    const choices = ownerChoices(database.db, north.id);
    const members = teamMembers(database.db, north.id);
    // Every worker the attendance list shows is on the owner list, once, in the same order.
    expect(choices.slice(0, members.length).map((c) => c.workerId)).toEqual(members.map((m) => m.id));
    expect(members.length).toBeGreaterThan(10);
    const noAccount = choices.filter((c) => c.userId === null);
    expect(noAccount.length).toBeGreaterThan(5);
    expect(noAccount.every((c) => c.value === `worker:${c.workerId}`)).toBe(true);
    expect(choices.map((c) => c.userId)).toContain(userByEmail("head@northbrook.example")!.id);
    expect(choices.map((c) => c.userId)).not.toContain(userByEmail("admin@northbrook.example")!.id);
  });

  it("leaves out a worker whose account an administrator switched off", () => {
    const [worker] = withoutAccounts();
    const user = database.db
      .insert(users)
      .values({
        email: "left@northbrook.example",
        name: worker!.name,
        role: "practitioner",
        workerId: worker!.id,
        passwordHash: UNUSABLE_HASH,
        active: false,
        createdAt: "2026-11-01T09:00:00Z",
      })
      .returning()
      .get();
    try {
      const choices = ownerChoices(database.db, north.id);
      expect(choices.some((c) => c.workerId === worker!.id)).toBe(false);
      const result = createAction(
        database.db,
        manager,
        { teamId: north.id, month: "2026-10" },
        fields({ owner: { workerId: worker!.id }, ownerEmail: "someone@northbrook.example" }),
        TODAY,
      );
      expect(result).toEqual({ ok: false, errors: { owner: expect.stringContaining("Choose an owner from the list") } });
    } finally {
      database.db.delete(users).where(eq(users.id, user.id)).run();
    }
  });
});

describe("the form", () => {
  it("reads an account's id and someone without one, and refuses anything else", () => {
    const base = { title: "A", deadline: "2026-12-18" };
    expect(actionFields.parse({ ...base, owner: "12" }).owner).toBe(12);
    expect(actionFields.parse({ ...base, owner: "worker:34", ownerEmail: " Vera.Smith@Council.gov.uk " })).toMatchObject({
      owner: { workerId: 34 },
      ownerEmail: "vera.smith@council.gov.uk",
    });
    for (const owner of ["", "worker:", "worker:x", "user:3", "12; drop table", "1e3", undefined]) {
      const parsed = actionFields.safeParse({ ...base, owner });
      expect(parsed.success, String(owner)).toBe(false);
      expect(parsed.error!.issues.find((i) => i.path[0] === "owner")?.message).toBe("Choose who owns the action");
    }
    expect(actionFields.safeParse({ ...base, owner: "worker:3", ownerEmail: "not an email" }).error!.issues[0]!.message).toMatch(/correct format/);
  });
});

describe("giving an action to someone with no account", () => {
  it("asks for their council email, and refuses one another person signs in with, writing nothing", () => {
    const [worker] = withoutAccounts();
    const since = lastAuditId();
    const count = database.db.select().from(actions).all().length;
    const noEmail = createAction(database.db, manager, { teamId: north.id, month: "2026-10" }, fields({ owner: { workerId: worker!.id } }), TODAY);
    expect(noEmail).toEqual({ ok: false, errors: { ownerEmail: `Enter ${worker!.name}'s council email address: they have no Primed account yet, and will sign in with it` } });
    const taken = createAction(
      database.db,
      manager,
      { teamId: north.id, month: "2026-10" },
      fields({ owner: { workerId: worker!.id }, ownerEmail: "practitioner@northbrook.example" }),
      TODAY,
    );
    expect(taken).toEqual({ ok: false, errors: { ownerEmail: expect.stringContaining("Someone else already signs in") } });
    expect(database.db.select().from(actions).all()).toHaveLength(count);
    expect(lastAuditId()).toBe(since);
  });

  it("refuses a worker of another team", () => {
    const other = database.db
      .select()
      .from(workers)
      .where(eq(workers.teamId, findTeamBySlug(database.db, "south-locality")!.id))
      .get()!;
    const result = createAction(
      database.db,
      manager,
      { teamId: north.id, month: "2026-10" },
      fields({ owner: { workerId: other.id }, ownerEmail: "south.worker@northbrook.example" }),
      TODAY,
    );
    expect(result).toEqual({ ok: false, errors: { owner: expect.stringContaining("Choose an owner from the list") } });
    expect(userByEmail("south.worker@northbrook.example")).toBeUndefined();
  });

  it("makes their account once, as a practitioner linked to their worker with no password, audited with the action; they see and update it", () => {
    const [worker] = withoutAccounts();
    const since = lastAuditId();
    const first = createAction(
      database.db,
      manager,
      { teamId: north.id, month: "2026-10" },
      fields({ owner: { workerId: worker!.id }, ownerEmail: "New.Owner@Northbrook.example" }),
      TODAY,
    );
    expect(first.ok).toBe(true);
    const account = userByEmail("new.owner@northbrook.example")!;
    expect(account).toMatchObject({ name: worker!.name, role: "practitioner", workerId: worker!.id, passwordHash: UNUSABLE_HASH, active: true });
    const action = database.db
      .select()
      .from(actions)
      .where(eq(actions.id, (first as { value: number }).value))
      .get()!;
    expect(action.ownerUserId).toBe(account.id);

    const entries = database.db.select().from(auditLog).where(gt(auditLog.id, since)).orderBy(asc(auditLog.id)).all();
    expect(entries.map((e) => [e.entity, e.action])).toEqual([
      ["user", "create"],
      ["action", "create"],
    ]);
    expect(entries.every((e) => e.actorUserId === manager.id)).toBe(true);
    expect(JSON.parse(entries[1]!.after!)).toMatchObject({ owner: account.id });
    expect(entries[1]!.after).not.toContain("worker:");

    // The list now offers the account, and a second action posted for the worker (a form drawn before) goes to it: no second account.
    expect(ownerChoices(database.db, north.id).find((c) => c.workerId === worker!.id)).toMatchObject({ userId: account.id, value: String(account.id) });
    const second = createAction(
      database.db,
      manager,
      { teamId: north.id, month: "2026-10" },
      fields({ title: "Second", owner: { workerId: worker!.id }, ownerEmail: "other.address@northbrook.example" }),
      TODAY,
    );
    expect(second.ok).toBe(true);
    expect(database.db.select().from(users).where(eq(users.workerId, worker!.id)).all()).toHaveLength(1);
    expect(userByEmail("other.address@northbrook.example")).toBeUndefined();

    // The new owner sees it among their own actions and may move it on.
    const owner = signedIn(account.id);
    const mine = listActions(database.db, { ownerUserId: account.id }, TODAY).map((a) => a.title);
    expect(mine).toEqual(expect.arrayContaining(["Book the carers' assessments", "Second"]));
    const row = listActions(database.db, { ownerUserId: account.id }, TODAY).find((a) => a.id === action.id)!;
    expect(actionRights(owner, row).progress).toBe(true);
    expect(recordProgress(database.db, owner, action.id, { status: "in_progress", comment: "Started on Monday" }, TODAY).ok).toBe(true);
  });

  it("works on an edit too: a manager hands an action over to someone with no account", () => {
    const created = createAction(database.db, manager, { teamId: north.id, month: "2026-10" }, fields({ title: "Hand over", owner: manager.id }), TODAY);
    const [worker] = withoutAccounts();
    const result = editAction(
      database.db,
      manager,
      (created as { value: number }).value,
      fields({ title: "Hand over", owner: { workerId: worker!.id }, ownerEmail: "handed.over@northbrook.example" }),
      TODAY,
    );
    expect(result.ok).toBe(true);
    const account = userByEmail("handed.over@northbrook.example")!;
    expect(account.workerId).toBe(worker!.id);
    expect(
      database.db
        .select()
        .from(actions)
        .where(eq(actions.id, (created as { value: number }).value))
        .get()!.ownerUserId,
    ).toBe(account.id);
  });
});
