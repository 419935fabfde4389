/*
 * The reminders job as the server runs it: started by the first process when
 * PRIMED_SMTP_URL is set, it sends what the outbox holds, with the meeting
 * pack's PDF made at send time, and stops with the server.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Connection } from "../../db/connection";
import { mailMessages, teams, users } from "../../db/schema";
import { lastFinishedMonth } from "~/reports/part-month";
import { startApp, type RunningApp } from "../helpers/app-server";
import { startSmtpSink } from "../helpers/smtp-sink";
import { runToday } from "../helpers/today";

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let app: RunningApp;
let connection: Connection;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startApp({ PRIMED_SMTP_URL: sink.url, PRIMED_MAIL_FROM: "primed@council.example", PRIMED_PUBLIC_URL: "https://primed.council.example" });
  connection = openDatabase(app.databasePath);
}, 180_000);
afterAll(async () => {
  connection?.close();
  await app?.stop();
  await sink?.close();
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
    // The job looks every 30 seconds: a busy machine may take a while longer to make the PDF.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !sink.received.some((r) => r.mail.subject === "Pack from the server")) await new Promise((r) => setTimeout(r, 500));
    const mail = sink.received.find((r) => r.mail.subject === "Pack from the server");
    expect(mail).toBeDefined();
    const [pdf] = mail!.mail.attachments;
    expect(pdf?.filename).toBe(`meeting-pack-north-locality-${month}.pdf`);
    expect(pdf?.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(db.select().from(mailMessages).where(eq(mailMessages.dedupeKey, "server:pack")).get()!.status).toBe("sent");
  }, 180_000);
});
