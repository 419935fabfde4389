/*
 * The reminders job as the server runs it: started by the first process when
 * PRIMED_SMTP_URL is set, it sends what the outbox holds, with the meeting
 * pack's PDF made at send time, and stops with the server. Restarted on the
 * same database, it sends nothing a second time.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Connection } from "../../db/connection";
import { mailMessages, teams, users } from "../../db/schema";
import { lastFinishedMonth } from "~/reports/part-month";
import { startApp, type RunningApp } from "../helpers/app-server";
import { copyDemoCouncil } from "../helpers/demo-cache";
import { startSmtpSink } from "../helpers/smtp-sink";
import { runToday } from "../helpers/today";
import { scaledWait } from "../helpers/machine-load";

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let app: RunningApp;
let connection: Connection;

// The job looks every 2 seconds here, not every 30: a wait for its pass is then a wait for the work.
const mailOn = () => ({
  PRIMED_SMTP_URL: sink.url,
  PRIMED_MAIL_FROM: "primed@council.example",
  PRIMED_PUBLIC_URL: "https://primed.council.example",
  PRIMED_MAIL_EVERY_SECONDS: "2",
});
/** The test's own database file, which outlives a server's restart (an app removes only a database it made itself). */
let dir: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "primed-reminders-"));
  const databasePath = path.join(dir, "primed.db");
  await copyDemoCouncil(databasePath, runToday());
  app = await startApp(mailOn(), { databasePath });
  connection = openDatabase(app.databasePath);
}, 180_000);
afterAll(async () => {
  connection?.close();
  await app?.stop();
  await sink?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the server's reminders job", () => {
  it("sends a queued meeting pack reminder with the pack's PDF attached", async () => {
    expect(app.output()).toContain("Reminders by email are on (from primed@council.example).");
    const db = connection.db;
    const manager = db.select().from(users).where(eq(users.email, "manager@northbrook.example")).get()!;
    const north = db.select().from(teams).where(eq(teams.slug, "north-locality")).get()!;
    const month = lastFinishedMonth(runToday());
    const now = new Date().toISOString();
    db.insert(mailMessages)
      .values({
        kind: "pack_issued",
        dedupeKey: "server:pack",
        userId: manager.id,
        toAddress: manager.email,
        subject: "Pack from the server",
        bodyText: "The pack",
        attachment: `pack:${north.id}:${month}`,
        nextAttemptAt: now,
        createdAt: now,
      })
      .run();
    // The job looks every 2 seconds here: a busy machine may take a while longer to make the PDF.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !sink.received.some((r) => r.mail.subject === "Pack from the server")) await new Promise((r) => setTimeout(r, 500));
    const mail = sink.received.find((r) => r.mail.subject === "Pack from the server");
    expect(mail).toBeDefined();
    const [pdf] = mail!.mail.attachments;
    expect(pdf?.filename).toBe(`meeting-pack-north-locality-${month}.pdf`);
    expect(pdf?.content.subarray(0, 5).toString()).toBe("%PDF-");
    // The mail server has the message before the app hears it accepted and marks it sent: wait for that.
    await expect.poll(() => db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, "server:pack")).get()!.status, { timeout: scaledWait(10_000) }).toBe("sent");
  }, 180_000);

  it("sends nothing twice after a restart: the new server's scans find every reminder already queued", async () => {
    // Whatever the first server queued (the demo's due and overdue actions too) is sent before it stops.
    const waiting = () =>
      connection.db
        .select()
        .from(mailMessages)
        .all()
        .filter((m) => m.status === "queued" || m.status === "sending").length;
    const settled = Date.now() + 120_000;
    while (Date.now() < settled && waiting() > 0) await new Promise((r) => setTimeout(r, 500));
    expect(waiting()).toBe(0);
    const sentBefore = sink.received.length;
    expect(sentBefore).toBeGreaterThan(0);
    await app.stop();
    app = await startApp(mailOn(), { databasePath: app.databasePath });
    // A message queued after the restart marks a pass of the new server's job, whose scans run first in each pass.
    const db = connection.db;
    const manager = db.select().from(users).where(eq(users.email, "manager@northbrook.example")).get()!;
    const now = new Date().toISOString();
    db.insert(mailMessages)
      .values({
        kind: "overdue",
        dedupeKey: "server:after-restart",
        userId: manager.id,
        toAddress: manager.email,
        subject: "After the restart",
        bodyText: "Hello",
        nextAttemptAt: now,
        createdAt: now,
      })
      .run();
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !sink.received.some((r) => r.mail.subject === "After the restart")) await new Promise((r) => setTimeout(r, 500));
    expect(
      sink.received.map((r) => r.mail.subject),
      app.output(),
    ).toContain("After the restart");
    // Only that one message is new, and no reminder reached anyone twice.
    expect(sink.received).toHaveLength(sentBefore + 1);
    const letters = sink.received.map((r) => `${r.to.join(",")} ${r.mail.subject} ${r.mail.text}`);
    expect(new Set(letters).size).toBe(letters.length);
  }, 240_000);
});
