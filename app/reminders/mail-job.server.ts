/*
 * The reminders job, run by the first server process alone: each tick it
 * queues the day's timed reminders (dedupe keys make a repeated scan
 * harmless), then sends what is due, one message at a time, claimed first.
 * Pages only ever add rows to the outbox; nothing here holds one up, and a
 * mail server that hangs is cut off by nodemailer's time limits.
 */
import nodemailer from "nodemailer";
import type { Db } from "../../db/connection";
import type { MailSettings } from "./mail-settings";
import { claimNext, markFailed, markSent, type OutboxMessage } from "./outbox.server";
import { queueTimedReminders } from "./timed.server";

/** A file to attach, made when the message is sent (the meeting pack's PDF). */
export type AttachmentMaker = (reference: string) => Promise<{ filename: string; content: Uint8Array } | null>;

export interface MailJobOptions {
  db: Db;
  settings: MailSettings;
  today: () => string;
  log: (line: string) => void;
  attach?: AttachmentMaker;
  /** At most this many messages a tick, so a long backlog leaves the process breathing. */
  perTick?: number;
  backOff?: (attempts: number) => number;
  /** Further reminders found by date, queued each pass before sending (the weekly digest, from app/weekly-digest/). */
  scans?: ((db: Db, settings: MailSettings, today: string) => Promise<number>)[];
}

/** A failure that may pass: the server busy or refusing for now (4xx), or not answering at all. */
export function isTemporary(error: unknown): boolean {
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  if (typeof responseCode === "number") return responseCode >= 400 && responseCode < 500;
  return ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "ECONNREFUSED", "ECONNRESET", "EDNS", "EPROTOCOL", "ETLS"].includes(code ?? "") || code === undefined;
}

export function mailTransport(settings: MailSettings) {
  return nodemailer.createTransport({
    url: settings.smtpUrl,
    // A hung server must not hold a message (or the job) for long.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
}

async function sendOne(options: MailJobOptions, transport: ReturnType<typeof mailTransport>, message: OutboxMessage) {
  try {
    const attachments = [];
    if (message.attachment && options.attach) {
      const file = await options.attach(message.attachment);
      if (file) attachments.push({ filename: file.filename, content: Buffer.from(file.content), contentType: "application/pdf" });
    }
    await transport.sendMail({
      from: options.settings.from,
      to: message.toAddress,
      subject: message.subject,
      text: message.bodyText,
      attachments,
      headers: { "X-Primed-Reminder": message.kind, "X-Primed-Message": String(message.id) },
    });
    markSent(options.db, message.id);
  } catch (error) {
    const temporary = isTemporary(error);
    markFailed(options.db, message, (error as Error).message, temporary, new Date(), options.backOff);
    options.log(`A reminder (message ${message.id}, ${message.kind}) could not be sent${temporary ? ", and will be tried again" : ""}: ${(error as Error).message}`);
  }
}

/** One pass: the day's timed reminders queued, then every due message sent (up to perTick). Returns how many were tried. */
export async function mailTick(options: MailJobOptions, transport = mailTransport(options.settings)): Promise<number> {
  const today = options.today();
  queueTimedReminders(options.db, options.settings, today);
  for (const scan of options.scans ?? []) await scan(options.db, options.settings, today);
  const limit = options.perTick ?? 100;
  let tried = 0;
  const started = new Date();
  while (tried < limit) {
    const message = claimNext(options.db, started);
    if (!message) break;
    tried += 1;
    await sendOne(options, transport, message);
  }
  return tried;
}

/** Runs the job every `everyMs` (never two passes at once); the timer does not keep the process alive. */
export function startMailJob(options: MailJobOptions, everyMs: number) {
  const transport = mailTransport(options.settings);
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = mailTick(options, transport)
      .catch((error: Error) => options.log(`The reminders job failed: ${error.message}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
