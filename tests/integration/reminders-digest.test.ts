/*
 * The weekly digest for a known Monday on the demo council, received through
 * a real SMTP server: the team manager's holds their team alone, the head of
 * service's every team; each team's exceptions, actions overdue and escalated
 * and reviews overdue are the figures the overview, the tracker and the care
 * figures give; nothing is queued on another day, or twice on the Monday.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages, users } from "../../db/schema";
import { actionTracker } from "~/actions/tracker.server";
import { mailTick } from "~/reminders/mail-job.server";
import { digestTeams, queueWeeklyDigests } from "~/weekly-digest/digest.server";
import { demoCouncilDatabase, type tempDatabase } from "../helpers/temp-db";
import { startSmtpSink } from "../helpers/smtp-sink";

const MONDAY = "2026-11-23";
const PUBLIC_URL = "https://primed.council.example";
let database: ReturnType<typeof tempDatabase>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

const settings = () => ({ smtpUrl: sink.url, from: "primed@council.example", publicUrl: PUBLIC_URL, daysBefore: 3 });
const tick = (today: string) => mailTick({ db: database.db, settings: settings(), today: () => today, log: () => {}, perTick: 10_000, scans: [queueWeeklyDigests] });
const digestsTo = (email: string) => sink.received.filter((r) => r.to.includes(email) && r.mail.headers.get("x-primed-reminder") === "weekly_digest");

beforeAll(async () => {
  sink = await startSmtpSink();
  database = await demoCouncilDatabase(MONDAY);
}, 120_000);
afterAll(async () => {
  await sink?.close();
  database?.remove();
});

describe("the weekly digest", () => {
  it("is not queued on a day other than Monday", async () => {
    await tick("2026-11-24");
    expect(database.db.select().from(mailMessages).where(eq(mailMessages.kind, "weekly_digest")).all()).toHaveLength(0);
  });

  it("on Monday: the manager's holds their team, the head's every team, with the owning modules' figures", async () => {
    await tick(MONDAY);
    const teams = await digestTeams(database.db, MONDAY);
    const tracker = actionTracker(database.db, { show: "open" }, MONDAY).teams;
    // The figures are the tracker's (not counted again) and some team has something to say.
    for (const team of teams) {
      const counts = tracker.find((t) => t.slug === team.slug)!.counts;
      expect([team.actionsOverdue, team.actionsEscalated]).toEqual([counts.overdue, counts.escalated]);
    }
    expect(teams.some((t) => t.exceptions.length > 0 || t.actionsOverdue > 0)).toBe(true);

    const [manager] = digestsTo("manager@northbrook.example");
    expect(manager).toBeDefined();
    expect(manager!.mail.subject).toBe("Primed: your weekly digest, 23 November 2026");
    const north = teams.find((t) => t.slug === "north-locality")!;
    const text = manager!.mail.text!;
    expect(text).toContain(`North Locality\n  Exceptions (October 2026): ${north.exceptions.length === 0 ? "none" : north.exceptions.map((e) => `\n  - ${e}`).join("")}`);
    expect(text).toContain(`  Actions overdue: ${north.actionsOverdue}, escalated: ${north.actionsEscalated}`);
    expect(text).toContain(`  Reviews overdue: ${north.reviewsOverdue ?? "no care services loaded"}`);
    expect(text).toContain(`${PUBLIC_URL}/teams/north-locality`);
    for (const other of teams.filter((t) => t.slug !== "north-locality")) expect(text).not.toContain(`${other.name}\n`);

    const [head] = digestsTo("head@northbrook.example");
    for (const team of teams) expect(head!.mail.text).toContain(`${team.name}\n  Exceptions`);
    // No practitioner or administrator gets one.
    expect(digestsTo("practitioner@northbrook.example")).toHaveLength(0);
    expect(digestsTo("admin@northbrook.example")).toHaveLength(0);
  });

  it("is queued once for the Monday however often the job runs", async () => {
    const before = sink.received.length;
    await tick(MONDAY);
    await tick(MONDAY);
    expect(sink.received.slice(before).filter((r) => r.mail.headers.get("x-primed-reminder") === "weekly_digest")).toHaveLength(0);
    const heads = database.db
      .select()
      .from(users)
      .where(eq(users.role, "head_of_service"))
      .all()
      .filter((u) => u.active);
    expect(digestsTo(heads[0]!.email)).toHaveLength(1);
  });
});
