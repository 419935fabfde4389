/*
 * Reminders by email, against a real SMTP server on loopback: each kind's
 * recipients and words (no case detail, a link back), nothing for a choice
 * turned off, retries while the server refuses, and each message sent exactly
 * once across a restart and across two processes sending from one database.
 */
import { spawn } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailChoices, mailMessages, teams, users } from "../../db/schema";
import { createAction, escalateAction } from "~/actions/commands.server";
import { issuePack } from "~/cycle/pack.server";
import { loadSignedInUser, type SignedInUser } from "~/people/users.server";
import { mailTick } from "~/reminders/mail-job.server";
import { MAX_ATTEMPTS, queueMail } from "~/reminders/outbox.server";
import { rereadEnv } from "~/platform/env-cache.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";
import { startSmtpSink } from "../helpers/smtp-sink";

const TODAY = "2026-11-23"; // a Monday
const PUBLIC_URL = "https://primed.council.example";
let database: ReturnType<typeof tempDatabase>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let manager: SignedInUser;
let practitioner: SignedInUser;
let heads: { id: number; email: string }[];
let north: { id: number; name: string; slug: string };

const settings = () => ({ smtpUrl: sink.url, from: "Primed <primed@council.example>", publicUrl: PUBLIC_URL, daysBefore: 3 });
const tick = (extra: Partial<Parameters<typeof mailTick>[0]> = {}) =>
  mailTick({ db: database.db, settings: settings(), today: () => TODAY, log: () => {}, perTick: 10_000, ...extra });
const receivedBy = (email: string, kind: string) => sink.received.filter((r) => r.to.includes(email) && r.mail.headers.get("x-primed-reminder") === kind);
const fields = (title: string, owner: number, deadline: string) => ({
  title,
  detail: "Mrs A's package: private detail",
  owner,
  deadline,
  objective: undefined,
  measure: undefined,
});

beforeAll(async () => {
  sink = await startSmtpSink();
  database = await demoCouncilDatabase(TODAY);
  // Mail on, for the hooks the commands call, once the demo council is built (its cached copy is shared, and has no mail).
  process.env.PRIMED_SMTP_URL = sink.url;
  process.env.PRIMED_MAIL_FROM = "Primed <primed@council.example>";
  process.env.PRIMED_PUBLIC_URL = PUBLIC_URL;
  rereadEnv();
  const userBy = (email: string) => loadSignedInUser(database.db, database.db.select().from(users).where(eq(users.email, email)).get()!.id)!;
  manager = userBy("manager@northbrook.example");
  practitioner = userBy("practitioner@northbrook.example");
  heads = database.db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.role, "head_of_service"), eq(users.active, true)))
    .all();
  north = database.db.select({ id: teams.id, name: teams.name, slug: teams.slug }).from(teams).where(eq(teams.slug, "north-locality")).get()!;
  // The demo council's own actions are reminded of too (sent here first): these tests look only at their own.
  await tick();
}, 120_000);
afterAll(async () => {
  await sink?.close();
  database?.remove();
});

describe("each reminder's recipients and words", () => {
  let actionId: number;

  it("an action given: to its owner, with its title, team, deadline and a link, and no detail", async () => {
    const made = createAction(
      database.db,
      manager,
      { teamId: north.id, month: "2026-11" },
      fields("Ring the brokerage team about the waiting list", practitioner.id, "2026-12-18"),
      TODAY,
    );
    expect(made.ok).toBe(true);
    actionId = made.ok ? made.value : 0;
    await tick();
    const [mail] = receivedBy(practitioner.email, "action_given");
    expect(mail).toBeDefined();
    expect(mail!.mail.subject).toBe("Primed: an action for you, due 18 December 2026");
    expect(mail!.mail.text).toContain("Ring the brokerage team about the waiting list");
    expect(mail!.mail.text).toContain(north.name);
    expect(mail!.mail.text).toContain(`${PUBLIC_URL}/actions/${actionId}`);
    expect(mail!.raw).not.toContain("Mrs A");
    expect(mail!.mail.from?.text).toContain("primed@council.example");
    // The manager gave it to someone else: no mail to the manager for their own action.
    expect(receivedBy(manager.email, "action_given")).toHaveLength(0);
  });

  it("no mail for an action you give yourself", async () => {
    const before = sink.received.length;
    createAction(database.db, manager, { teamId: north.id, month: "2026-11" }, fields("My own action", manager.id, "2026-12-18"), TODAY);
    await tick();
    expect(sink.received.slice(before).filter((r) => r.mail.headers.get("x-primed-reminder") === "action_given")).toHaveLength(0);
  });

  it("escalated: to every active head of service", async () => {
    expect(heads.length).toBeGreaterThan(0);
    expect(escalateAction(database.db, manager, actionId, "Needs a decision on funding").ok).toBe(true);
    await tick();
    for (const head of heads) {
      const mails = receivedBy(head.email, "escalated");
      expect(mails).toHaveLength(1);
      expect(mails[0]!.mail.subject).toBe(`Primed: an action in ${north.name} is escalated to you`);
      expect(mails[0]!.mail.text).toContain(`${PUBLIC_URL}/actions/${actionId}`);
      // The reason may name people: it stays in Primed.
      expect(mails[0]!.raw).not.toContain("funding");
    }
  });

  it("due soon and overdue: to the owner, once for each deadline however often the scan runs", async () => {
    const soon = createAction(database.db, manager, { teamId: north.id, month: "2026-11" }, fields("Due in two days", practitioner.id, "2026-11-28"), TODAY);
    expect(soon.ok).toBe(true);
    // An overdue action cannot be created with a past deadline: put one in as time would have left it.
    const late = createAction(database.db, manager, { teamId: north.id, month: "2026-11" }, fields("Already late", practitioner.id, "2026-11-24"), TODAY);
    await tick({ today: () => "2026-11-26" });
    await tick({ today: () => "2026-11-26" });
    const dueSoon = receivedBy(practitioner.email, "due_soon").filter((r) => r.mail.text?.includes("Due in two days"));
    expect(dueSoon).toHaveLength(1);
    expect(dueSoon[0]!.mail.subject).toBe("Primed: your action is due in 2 days");
    const overdue = receivedBy(practitioner.email, "overdue").filter((r) => r.mail.text?.includes("Already late"));
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.mail.subject).toBe("Primed: your action is overdue");
    expect(overdue[0]!.mail.text).toContain(`${PUBLIC_URL}/actions/${late.ok ? late.value : 0}`);
  });

  it("a meeting pack issued: to the team's people with accounts, PDF reference kept for sending", async () => {
    issuePack(database.db, manager, { ...north, typeLabel: "Locality" }, "2026-10", TODAY);
    const queued = database.db.select().from(mailMessages).where(eq(mailMessages.kind, "pack_issued")).all();
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.map((q) => q.toAddress)).toContain(manager.email);
    expect(queued.map((q) => q.toAddress)).toContain(practitioner.email);
    expect(queued.every((q) => q.attachment === `pack:${north.id}:2026-10`)).toBe(true);
    await tick({ attach: async () => ({ filename: "meeting-pack.pdf", content: new TextEncoder().encode("%PDF-1.4 test") }) });
    const mails = receivedBy(manager.email, "pack_issued");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.attachments.map((a) => a.filename)).toEqual(["meeting-pack.pdf"]);
    expect(mails[0]!.mail.text).toContain(`${PUBLIC_URL}/teams/${north.slug}/cycle/2026-10/pack`);
  });
});

describe("choices", () => {
  it("nothing is queued or sent for a kind the person turned off", async () => {
    database.db.insert(mailChoices).values({ userId: practitioner.id, kind: "action_given", enabled: false }).run();
    const before = receivedBy(practitioner.email, "action_given").length;
    createAction(database.db, manager, { teamId: north.id, month: "2026-11" }, fields("Turned off", practitioner.id, "2026-12-18"), TODAY);
    await tick();
    expect(receivedBy(practitioner.email, "action_given")).toHaveLength(before);
    expect(database.db.select().from(mailMessages).where(eq(mailMessages.subject, "Turned off")).all()).toHaveLength(0);
    database.db.delete(mailChoices).run();
  });
});

describe("a mail server that refuses", () => {
  it("is tried again with back-off while it refuses, and the message delivered once when it accepts", async () => {
    const queued = queueMail(database.db, { kind: "due_soon", dedupeKey: "test:retry", userId: practitioner.id, subject: "Retry me", bodyText: "Hello" });
    expect(queued).toBe(true);
    sink.refuse(true);
    await tick({ backOff: () => 0 });
    await tick({ backOff: () => 0 });
    let row = database.db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, "test:retry")).get()!;
    expect(row.status).toBe("queued");
    expect(row.attempts).toBe(2);
    expect(row.lastError).toContain("451");
    expect(sink.refusals()).toBeGreaterThanOrEqual(2);
    sink.refuse(false);
    await tick({ backOff: () => 0 });
    row = database.db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, "test:retry")).get()!;
    expect(row.status).toBe("sent");
    expect(row.attempts).toBe(3);
    expect(sink.received.filter((r) => r.mail.subject === "Retry me")).toHaveLength(1);
  });

  it("waits longer after each refusal, and gives up as failed after the last attempt", async () => {
    queueMail(database.db, { kind: "due_soon", dedupeKey: "test:back-off", userId: practitioner.id, subject: "Back off", bodyText: "Hello" });
    sink.refuse(true);
    const before = Date.now();
    await tick();
    const row = database.db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, "test:back-off")).get()!;
    expect(row.status).toBe("queued");
    expect(Date.parse(row.nextAttemptAt) - before).toBeGreaterThanOrEqual(60_000);
    // Tried again now, and at once after each refusal (the test's back-off is nothing), up to the last attempt.
    database.db
      .update(mailMessages)
      .set({ nextAttemptAt: new Date(0).toISOString() })
      .where(eq(mailMessages.id, row.id))
      .run();
    for (let i = 0; i < 10; i += 1) await tick({ backOff: () => 0 });
    sink.refuse(false);
    const failed = database.db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, "test:back-off")).get()!;
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(MAX_ATTEMPTS);
    expect(failed.lastError).toContain("busy");
  });
});

describe("exactly once", () => {
  it("queuing the same reminder again, as after a restart, adds nothing; a claim left by a dead sender is taken back and sent once", async () => {
    const mail = { kind: "overdue" as const, dedupeKey: "test:restart", userId: practitioner.id, subject: "Once only", bodyText: "Hello" };
    expect(queueMail(database.db, mail)).toBe(true);
    expect(queueMail(database.db, mail)).toBe(false);
    // A process claimed it and died before sending: its claim runs out, and the next process sends it.
    database.db
      .update(mailMessages)
      .set({ status: "sending", claimedUntil: new Date(Date.now() - 1000).toISOString(), attempts: 1 })
      .where(eq(mailMessages.dedupeKey, "test:restart"))
      .run();
    await tick();
    await tick();
    expect(sink.received.filter((r) => r.mail.subject === "Once only")).toHaveLength(1);
  });

  it("two processes sending from one database file at once send each message once", async () => {
    for (let i = 0; i < 40; i += 1)
      queueMail(database.db, { kind: "due_soon", dedupeKey: `test:two:${i}`, userId: practitioner.id, subject: `Two processes ${i}`, bodyText: "Hello" });
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/mail-sender-child.ts", database.file, sink.url], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`))));
      });
    const outputs = await Promise.all([run(), run()]);
    const twos = sink.received.filter((r) => r.mail.subject?.startsWith("Two processes "));
    expect(new Set(twos.map((r) => r.mail.subject)).size).toBe(40);
    expect(twos).toHaveLength(40);
    const ids = sink.received.map((r) => r.mail.headers.get("x-primed-message"));
    expect(new Set(ids).size).toBe(ids.length);
    // Both took part (on a busy machine one may finish first: then at least the total is right).
    expect(outputs.map((o) => JSON.parse(o).sent as number).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(40);
  }, 120_000);
});
